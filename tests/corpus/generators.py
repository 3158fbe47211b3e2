# pyjit-corpus: generators compiled (resumed in compiled code at every YIELD_VALUE; RETURN_GENERATOR, the creation, stays the interpreter's): generator expressions, yield from (SEND), send/throw/close, return values via StopIteration, generators as methods, driven by and calling back into compiled functions
# pyjit-compiled: transform, Tree.__init__, drive_countdown, drive_accumulator, drive_close
# pyjit-compiled: consume_expressions, run
# pyjit-compiled: countdown, squares_of, delegating, accumulator, closing, Tree.walk
# pyjit-compiled: consume_expressions.<locals>.<genexpr>


def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

def squares_of(it):
    for x in it:
        yield transform(x)

def transform(x):
    return x * x

def delegating(n):
    result = yield from countdown(n)
    yield "result was " + result

def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            total = -1
            value = yield "reset by " + str(e)
        if value is None:
            break
        total += value
    return total

def closing():
    try:
        yield 1
        yield 2
    finally:
        print("  generator cleanup")


class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()


def drive_countdown():
    out = []
    g = countdown(3)
    while True:
        try:
            out.append(next(g))
        except StopIteration as stop:
            out.append(stop.value)
            break
    return out

def drive_accumulator():
    g = accumulator()
    out = [next(g), g.send(5), g.send(10)]
    out.append(g.throw(ValueError("boom")))
    out.append(g.send(3))
    try:
        g.send(None)
    except StopIteration as stop:
        out.append(("returned", stop.value))
    return out

def drive_close():
    g = closing()
    first = next(g)
    g.close()
    return first, list(g)

def consume_expressions(n):
    total = sum(x * 2 for x in range(n))
    evens = list(x for x in range(n) if x % 2 == 0)
    gen = (transform(x) for x in range(n))
    return total, evens, next(gen), list(gen)

def run():
    print(drive_countdown())
    print(list(delegating(2)))
    print(list(squares_of([1, 2, 3])))
    print(drive_accumulator())
    print(drive_close())
    print(consume_expressions(6))
    t = Tree(1, [Tree(2, [Tree(4)]), Tree(3)])
    print(list(t.walk()))
    print(sorted(Tree(5, [Tree(9), Tree(7)]).walk()))

run()
