# pyjit-corpus: module-level generators (compiled) consumed by compiled loops; early break/return finalizes the generator at the same point
# pyjit-compiled: consume_sum, first_over, take_n, drain_count, pipeline, consume_and_report, call_next, sum_of_gen_expr
# pyjit-compiled: countup, squares, noisy, failing, evens_of

def countup(n):
    i = 0
    while i < n:
        yield i
        i += 1

def squares(it):
    for x in it:
        yield x * x

def noisy(name, n):
    try:
        for i in range(n):
            print("  ", name, "yields", i)
            yield i
    finally:
        print("  ", name, "finalized")

def failing(n):
    for i in range(n):
        yield i
    yield 1 // 0

def evens_of(it):
    for x in it:
        if x % 2 == 0:
            yield x

def consume_sum(gen):
    s = 0
    for x in gen:
        s += x
    return s

def first_over(gen, limit):
    for x in gen:
        if x > limit:
            return x
    return None

def take_n(gen, n):
    out = list()
    for x in gen:
        if n <= 0:
            break
        out.append(x)
        n -= 1
    return out

def drain_count(gen):
    c = 0
    for x in gen:
        c += 1
    return c

def pipeline(n):
    return consume_sum(squares(evens_of(countup(n))))

def consume_and_report(name, n, stop):
    for x in noisy(name, n):
        if x == stop:
            print("  ", name, "stopping at", x)
            break
    print("  ", name, "after loop")
    return stop

def call_next(gen):
    return next(gen)

def sum_of_gen_expr(n):
    return sum(countup(n))

print("consume_sum", consume_sum(countup(10)), consume_sum(squares(countup(5))), consume_sum(countup(0)))
print("first_over", first_over(squares(countup(100)), 50), first_over(countup(3), 10))
print("take_n", take_n(countup(10**9), 5), take_n(countup(2), 5))
print("drain", drain_count(countup(1000)), drain_count(evens_of(range(101))))
print("pipeline", pipeline(10), pipeline(1000))
print("early break:")
consume_and_report("g1", 5, 2)
print("full run:")
consume_and_report("g2", 3, 99)
print("early return:")
print("  first_over", first_over(noisy("g3", 10), 1))
print("  after first_over")
g = countup(3)
print("next", call_next(g), call_next(g), call_next(g))
try:
    call_next(g)
except StopIteration as e:
    print("StopIteration", repr(e.value))
print("gen expr", sum_of_gen_expr(100))
try:
    consume_sum(failing(3))
except ZeroDivisionError as e:
    print("ZeroDivisionError from generator:", e)
