# pyjit-corpus: sys.getrefcount read *inside* compiled functions (arguments, local copies, loop variables, del, nested compiled calls, globals), compared against twins with a match statement
# pyjit-compiled: count_arg, count_local_copies, count_in_loop, count_after_del, count_global, reads_global_many, count_nested_arg, count_return_value
# pyjit-compiled: twin_count_arg, twin_count_in_loop, twin_count_global, twin_count_nested_arg, twin_count_return_value
#
# Why twins: with any PEP 523 frame-evaluation hook installed (which is how the
# JIT hooks in), CPython 3.11 no longer inlines Python-to-Python calls; they go
# through _PyEval_Vector, which holds one extra reference to every argument for
# the duration of the call.  A pass-through hook that just calls
# _PyEval_EvalFrameDefault shows exactly that on stock CPython, so absolute
# counts seen inside a callee differ by one per call level for reasons that
# have nothing to do with the JIT.  The twins (a `match` with a sequence pattern
# that matches nothing and leaves no reference behind) were once interpreted; the JIT
# now compiles them too, and both are called from the interpreted module body, so they pay the same
# per-call cost; "compiled - twin" must be the same number on both runs, and
# differences within one frame must match exactly.  A compiled function calling a
# compiled one does not go through _PyEval_Vector (pyjit's direct calls), so that level
# costs nothing extra: such chains are compared between themselves.

from sys import getrefcount

class Obj:
    pass

GLOBAL_OBJ = Obj()
_FORCE_FALLBACK = None

def count_arg(x):
    return getrefcount(x)

def twin_count_arg(x):
    match _FORCE_FALLBACK:
        case [_]: pass
    return getrefcount(x)

def count_local_copies(x):
    a = x
    b = x
    c = getrefcount(x)
    a = None
    d = getrefcount(x)
    return c - d

def count_in_loop(x, n):
    out = 0
    for i in range(n):
        y = x
        out += getrefcount(x)
    return out // n

def twin_count_in_loop(x, n):
    match _FORCE_FALLBACK:
        case [_]: pass
    out = 0
    for i in range(n):
        y = x
        out += getrefcount(x)
    return out // n

def count_after_del(x):
    y = x
    before = getrefcount(x)
    del y
    return before - getrefcount(x)

def count_global():
    return getrefcount(GLOBAL_OBJ)

def twin_count_global():
    match _FORCE_FALLBACK:
        case [_]: pass
    return getrefcount(GLOBAL_OBJ)

def reads_global_many(n):
    k = 0
    for i in range(n):
        if GLOBAL_OBJ is not None:
            k += 1
    return k

def count_nested_arg(x):
    return count_arg(x)

def twin_count_nested_arg(x):
    match _FORCE_FALLBACK:
        case [_]: pass
    return twin_count_arg(x)

def count_return_value():
    o = Obj()
    return getrefcount(o)

def twin_count_return_value():
    match _FORCE_FALLBACK:
        case [_]: pass
    o = Obj()
    return getrefcount(o)

o = Obj()
base = getrefcount(o)
print("module base", base)
print("count_arg - twin", count_arg(o) - twin_count_arg(o))
print("count_local_copies", count_local_copies(o))
print("count_in_loop - twin", count_in_loop(o, 10) - twin_count_in_loop(o, 10))
print("count_after_del", count_after_del(o))
# A compiled function calling a compiled one sets up the callee's frame itself (no
# _PyEval_Vector, so no extra reference), as stock CPython's inlined calls: one more frame
# level adds exactly the reference that frame holds, on both runs.
print("count_nested_arg - count_arg", count_nested_arg(o) - count_arg(o))
print("twin_count_nested_arg - twin_count_arg >= 1",
      twin_count_nested_arg(o) - twin_count_arg(o) >= 1)
print("count_return_value - twin", count_return_value() - twin_count_return_value())
print("after all", getrefcount(o) - base)
gbase = getrefcount(GLOBAL_OBJ)
print("global base", gbase)
print("count_global - twin", count_global() - twin_count_global())
print("reads_global_many", reads_global_many(1000))
print("global after reads", getrefcount(GLOBAL_OBJ) - gbase)
GLOBAL_OBJ = Obj()
print("rebound global", getrefcount(GLOBAL_OBJ), reads_global_many(10), getrefcount(GLOBAL_OBJ))
