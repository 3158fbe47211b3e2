# pyjit-corpus: exceptions raised inside compiled code (ZeroDivisionError, TypeError, NameError, UnboundLocalError, AttributeError, KeyError, from callees) caught at module level; traceback frames/line numbers checked
# pyjit-compiled: zero_div, type_err, name_err, unbound, unbound_after_branch, from_callee, deep1, deep2, deep3, mid_call_args, in_loop, compare_err, method_err, key_err, raiser_via_builtin, after_partial_work, raiser

import traceback

def zero_div(x):
    return x / 0

def type_err(x):
    return 1 + "a"

def name_err(x):
    return x + undefined_global_name

def unbound(flag):
    if flag:
        value = 1
    return value

def unbound_after_branch(n):
    for i in range(n):
        last = i
    return last

def raiser(kind):
    if kind == "value":
        raise ValueError("bad value")
    if kind == "key":
        raise KeyError("k")
    raise RuntimeError("runtime " + kind)

def from_callee(kind):
    return raiser(kind)

def deep3(x):
    return 10 // x

def deep2(x):
    return deep3(x - 1) + 1

def deep1(x):
    return deep2(x - 1) * 2

def mid_call_args(a):
    # exception while arguments of an outer call are on the stack
    return max(a, a + 1, 1 // (a - a), a + 2)

def in_loop(items):
    total = 0
    for it in items:
        total += 100 // it
    return total

def compare_err(a, b):
    return a < b

def method_err(x):
    return x.no_such_method()

def key_err(d):
    return d.pop("missing")

def raiser_via_builtin(seq):
    return sorted(seq)

def after_partial_work(n):
    print("  partial work", n)
    r = n * 2
    print("  more work", r)
    return r + int("not a number")

def show(e):
    frames = traceback.extract_tb(e.__traceback__)
    # line and column span of the failing instruction in each frame
    where = ["%s:%s:%s-%s" % (f.name, f.lineno, f.colno, f.end_colno) for f in frames]
    print(type(e).__name__, "|", e, "|", " > ".join(where))

tests = [
    (zero_div, (1,)), (zero_div, (1.5,)), (type_err, (0,)), (name_err, (1,)), (unbound, (False,)),
    (unbound_after_branch, (0,)), (from_callee, ("value",)), (from_callee, ("key",)), (from_callee, ("x",)),
    (deep1, (2,)), (mid_call_args, (5,)), (in_loop, ([5, 2, 0, 1],)), (compare_err, (1, "x")),
    (compare_err, (None, None)), (method_err, (5,)), (key_err, ({},)), (raiser_via_builtin, ([1, "a"],)),
    (after_partial_work, (3,)),
]
for fn, args in tests:
    try:
        r = fn(*args)
        print("no exception?!", fn.__name__, r)
    except Exception as e:
        show(e)
print("ok values", unbound(True), unbound_after_branch(3), deep1(10), in_loop([1, 2, 3]))
undefined_global_name = 5
print("now defined", name_err(1))
del undefined_global_name
try:
    name_err(1)
except NameError as e:
    show(e)
