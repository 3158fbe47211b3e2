# pyjit-corpus: compiled generator bodies resumed at every yield: values sent into the middle of expressions and calls (stack entries kept across the suspension), yield inside try/finally, with and except handlers, throw() and close() into every kind of suspension point, yield from chains with throw/close delegation, gi_frame/gi_running/gi_yieldfrom/f_lineno while suspended, locals() and sys._getframe inside, StopIteration raised inside (RuntimeError), tracebacks through generator lines, recursion through generators, generators outliving their creator
# pyjit-compiled: unbound_gen, mid_expression, in_call_args, guarded, with_yield, handler_yield, relay, leaf, chain, inspect_self, stop_inside, tb_lines, tree_walk, Node.__init__, make_counter, make_counter.<locals>.counter, drive, Ctx.__enter__, Ctx.__exit__, pairs, <module>
import sys
import traceback


def mid_expression(n):
    total = 0
    for i in range(n):
        # the partial sum and i stay on the value stack while suspended
        total = total + i * ((yield i) or 1) + 1
    return total


def in_call_args(a):
    r = max(a, (yield "first"), (yield "second"), key=abs)
    yield ("max", r)


def guarded(log):
    try:
        log.append("start")
        x = yield 1
        log.append("got %r" % (x,))
        yield 2
    finally:
        log.append("finally")


class Ctx:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, t, v, tb):
        self.log.append("exit %s" % (t.__name__ if t else None))
        return t is KeyError


def with_yield(log):
    with Ctx(log):
        v = yield "in with"
        if v == "boom":
            raise KeyError(v)
        yield "after"
    yield "outside"


def handler_yield():
    try:
        raise ValueError("inner")
    except ValueError as e:
        got = yield "handling %s" % e
        yield "context is %r, got %r" % (sys.exc_info()[1], got)
    yield "after handler: %r" % (sys.exc_info()[1],)


def leaf(tag):
    try:
        v = yield tag + ":1"
        while True:
            v = yield "%s:echo %r" % (tag, v)
    except ZeroDivisionError as e:
        yield "%s caught %s" % (tag, e)
        return "leaf-done"
    finally:
        print("  leaf", tag, "finally")


def relay(tag):
    r = yield from leaf(tag)
    yield "relay got %s" % r
    return "relay-done"


def chain():
    r = yield from relay("c")
    return r


def inspect_self():
    f = sys._getframe()
    a = 1
    yield sorted(locals())
    b = a + 1
    yield f.f_lineno, f is sys._getframe(), sorted(locals())
    yield b


def stop_inside():
    yield 1
    raise StopIteration("not allowed")


def tb_lines(n):
    yield n
    yield 10 // (n - n)


class Node:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids


def tree_walk(node, depth=0):
    yield "  " * depth + str(node.v)
    for k in node.kids:
        yield from tree_walk(k, depth + 1)


def make_counter(start):
    def counter():
        n = start
        while True:
            step = yield n
            n += step if step is not None else 1
    return counter()


def pairs(xs):
    it = iter(xs)
    for a in it:
        b = next(it, None)
        yield a, b


def unbound_gen():
    x = 1
    yield 1
    yield 2
    yield x + 3


def _unbind_x(frame, event, arg):
    # a resume traced in the interpreter unbinds a local through f_locals
    if event == "line" and frame.f_code.co_name == "unbound_gen" and frame.f_lineno == 134:
        del frame.f_locals["x"]
    return _unbind_x


def drive():
    g = mid_expression(4)
    out = [next(g)]
    try:
        while True:
            out.append(g.send(2))
    except StopIteration as e:
        out.append(("return", e.value))
    print("mid_expression", out)

    g = in_call_args(-3)
    print("in_call_args", next(g), g.send(2), g.send(-7))

    log = []
    g = guarded(log)
    print("guarded", next(g), g.send("x"), g.gi_frame.f_lineno, g.gi_running)
    g.close()
    print("  log", log, g.gi_frame)
    log = []
    g = guarded(log)
    next(g)
    try:
        g.throw(IndexError("thrown"))
    except IndexError as e:
        print("  throw propagated", e, log)

    log = []
    g = with_yield(log)
    print("with_yield", next(g), g.send("boom"), log)
    log = []
    g = with_yield(log)
    print("with_yield", next(g), g.send(None), next(g), log)

    g = handler_yield()
    print("handler_yield", next(g), g.send(5), next(g), sys.exc_info()[1])

    g = chain()
    print("chain", next(g), g.send(1), g.send(2), g.gi_yieldfrom is not None)
    print("  throw", g.throw(ZeroDivisionError("dz")))
    print("  next", next(g))
    try:
        next(g)
    except StopIteration as e:
        print("  chain returned", e.value)
    g = chain()
    next(g)
    g.close()
    print("  closed chain", g.gi_frame)

    g = inspect_self()
    print("inspect_self", next(g), next(g), next(g))

    g = stop_inside()
    next(g)
    try:
        next(g)
    except RuntimeError as e:
        print("stop_inside RuntimeError", e, type(e.__cause__).__name__)

    try:
        list(tb_lines(3))
    except ZeroDivisionError:
        traceback.print_exc(file=sys.stdout)

    t = Node(1, [Node(2, [Node(4)]), Node(3)])
    print("\n".join(tree_walk(t)))

    c = make_counter(10)
    print("counter", next(c), c.send(5), next(c), c.send(-20))
    del c

    print("pairs", list(pairs(range(7))))
    try:
        make_counter(0).send(3)
    except TypeError as e:
        print("send to fresh", e)

    g = unbound_gen()
    out = [next(g)]
    sys.settrace(_unbind_x)
    out.append(next(g))
    sys.settrace(None)
    try:
        out.append(next(g))
    except UnboundLocalError as e:
        out.append(str(e))
    print("unbound after a traced resume", out)

    gens = [mid_expression(3) for _ in range(3)]
    print("interleaved", [next(g) for g in gens], [g.send(1) for g in gens])


drive()
total = 0
for v in pairs("abcdef"):
    total += len(v[0])
print("module loop", total)
