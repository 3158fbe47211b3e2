# pyjit-corpus: compiled code calling compiled functions directly (its own frame set-up and clearing): frames that outlive their call (sys._getframe kept, tracebacks kept) keep their locals, line and f_back; exceptions through several levels; recursion limit; bound methods, closures, cells of arguments, defaults not used, deopts in the callee, callees changed at run time
# pyjit-compiled: keep_frame, outer_keep, raiser, middle, top, Walker.step, Walker.run, make_adder, make_adder.<locals>.add, use_adder, cell_arg, cell_arg.<locals>.inner, recurse, unbound, call_unbound, swap_target, swap_target_b, caller_of_swap, frame_chain, frame_chain_leaf, deep_kept, code_swapped, swap_code, many_locals, big_frames, dealloc_in_callee, call_from_del_victim
import sys

kept = []


def keep_frame(a, b):
    c = a + b
    kept.append(sys._getframe())
    return c * 2


def outer_keep(n):
    total = 0
    for i in range(n):
        total += keep_frame(i, 1)
    return total


def raiser(x):
    y = x * 3
    if y > 10:
        raise ValueError("too big: %d" % y)
    return y


def middle(x):
    z = raiser(x) + 1
    return z


def top(n):
    out = []
    for i in range(n):
        try:
            out.append(middle(i))
        except ValueError as e:
            tb = e.__traceback__
            names = []
            while tb is not None:
                f = tb.tb_frame
                names.append((f.f_code.co_name, tb.tb_lineno, sorted(k for k in f.f_locals if len(k) == 1)))
                tb = tb.tb_next
            out.append((str(e), names))
    return out


class Walker:
    def __init__(self):
        self.pos = 0

    def step(self, k):
        self.pos += k
        return self.pos

    def run(self, n):
        acc = 0
        for i in range(n):
            acc += self.step(i)
        return acc


def make_adder(k):
    def add(x):
        return x + k
    return add


def use_adder(n):
    add = make_adder(10)
    s = 0
    for i in range(n):
        s += add(i)
    return s


def cell_arg(v):
    def inner():
        return v * 2
    v += 1
    return inner()


def recurse(n):
    if n == 0:
        return 0
    return 1 + recurse(n - 1)


def unbound(flag):
    if flag:
        x = 1
    return x


def call_unbound():
    r = []
    for f in (True, False):
        try:
            r.append(unbound(f))
        except UnboundLocalError as e:
            r.append(type(e).__name__)
    return r


def swap_target(x):
    return x + 1


def swap_target_b(x):
    return x * 100


def caller_of_swap():
    global swap_target
    r = [swap_target(1)]
    saved = swap_target
    swap_target = swap_target_b
    r.append(swap_target(2))
    swap_target = saved
    r.append(swap_target(3))
    return r


def frame_chain_leaf(depth):
    f = sys._getframe()
    names = []
    while f is not None and len(names) < depth:
        names.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return f"{names}", sys._getframe()


def frame_chain():
    text, leaf = frame_chain_leaf(3)
    return text, leaf.f_code.co_name, leaf.f_back.f_code.co_name, leaf.f_locals["depth"]


def deep_kept(n):
    if n == 0:
        return [sys._getframe(i).f_code.co_name for i in range(4)]
    return deep_kept(n - 1)


def code_swapped(x):
    return ("first", x)


def swap_code():
    # The call site sees the function object unchanged but its __code__ replaced.
    r = [code_swapped(1)]
    saved = code_swapped.__code__
    code_swapped.__code__ = swap_target_b.__code__
    r.append(code_swapped(2))
    code_swapped.__code__ = saved
    r.append(code_swapped(3))
    return r


def many_locals(a):
    # More locals than arguments: the callee frame's other slots start empty.
    try:
        return b  # noqa: F821 (unbound local on purpose)
    except UnboundLocalError:
        b = a * 2
        c, d, e = b, b + 1, b + 2
        return a, b, c, d, e


def big_frames(n):
    # Frames big enough to fill data-stack chunks: a new chunk is the generic path's job.
    x0 = x1 = x2 = x3 = x4 = x5 = x6 = x7 = x8 = x9 = n
    if n == 0:
        return 0
    return big_frames(n - 1) + x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 - 10 * n + 1


class Noisy:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print("  del", self.tag, sys._getframe(1).f_code.co_name)


def dealloc_in_callee(tag):
    # The callee's local dies as its frame is cleared after a direct call: __del__ runs
    # with the caller's frame current, as in the interpreter.
    obj = Noisy(tag)
    return len(obj.tag)


def call_from_del_victim():
    return [dealloc_in_callee("a"), dealloc_in_callee("bb")]


print(outer_keep(5))
print([(f.f_code.co_name, f.f_locals["a"], f.f_locals["c"], f.f_lineno, f.f_back.f_code.co_name) for f in kept])
print(top(6))
w = Walker()
print(w.run(10), w.pos)
print(use_adder(5), cell_arg(4))
print(recurse(50))
limit = sys.getrecursionlimit()
sys.setrecursionlimit(200)
try:
    recurse(500)
except RecursionError as e:
    print("RecursionError", str(e)[:40])
sys.setrecursionlimit(limit)
print(call_unbound())
print(caller_of_swap())
print(frame_chain())
print(deep_kept(3))
print(swap_code())
print(many_locals(4), many_locals(5))
print(big_frames(150))
print(call_from_del_victim())
kept.clear()
