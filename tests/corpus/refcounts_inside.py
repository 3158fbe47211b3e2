# pyjit-corpus: sys.getrefcount read *inside* compiled functions (locals, arguments, loop variables, values on the stack) and of module globals that compiled code loads; stricter than refcounts.py
# pyjit-compiled: count_arg, count_local_copies, count_in_loop, count_after_del, count_global, reads_global_many, count_nested_arg, count_return_value

from sys import getrefcount

class Obj:
    pass

GLOBAL_OBJ = Obj()

def count_arg(x):
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

def count_after_del(x):
    y = x
    before = getrefcount(x)
    del y
    return before - getrefcount(x)

def count_global():
    return getrefcount(GLOBAL_OBJ)

def reads_global_many(n):
    k = 0
    for i in range(n):
        if GLOBAL_OBJ is not None:
            k += 1
    return k

def count_nested_arg(x):
    return count_arg(x)

def count_return_value():
    o = Obj()
    return getrefcount(o)

o = Obj()
base = getrefcount(o)
print("module base", base)
print("count_arg delta", count_arg(o) - base)
print("count_local_copies", count_local_copies(o))
print("count_in_loop delta", count_in_loop(o, 10) - base)
print("count_after_del", count_after_del(o))
print("count_nested_arg delta", count_nested_arg(o) - base)
print("count_return_value", count_return_value())
print("after all", getrefcount(o) - base)
gbase = getrefcount(GLOBAL_OBJ)
print("global base", gbase)
print("count_global delta", count_global() - gbase)
print("reads_global_many", reads_global_many(1000))
print("global after reads", getrefcount(GLOBAL_OBJ) - gbase)
GLOBAL_OBJ = Obj()
print("rebound global", getrefcount(GLOBAL_OBJ), reads_global_many(10), getrefcount(GLOBAL_OBJ))
