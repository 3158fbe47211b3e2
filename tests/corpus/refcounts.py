# pyjit-corpus: sys.getrefcount (read at module level) of objects passed through, returned by, stored in globals by, iterated over by, compared by and raised past compiled functions: counts must be byte-identical (no leaks, no over-frees)
# pyjit-compiled: ident, drop, store_global, clear_global, loop_calls, make_list, in_check, is_check, eq_check, iterate, iterate_break, method_roundtrip, fails_with, make_thing, swap_locals, overwrite_local, pass_many, call_through, nested_return

from sys import getrefcount

class Thing:
    def __init__(self, name):
        self.name = name

def ident(x):
    return x

def drop(x):
    y = x
    z = y
    return None

def store_global(x):
    global SLOT
    SLOT = x

def clear_global():
    global SLOT
    SLOT = None

def loop_calls(x, n):
    for i in range(n):
        y = ident(x)
    return None

def make_list(x, n):
    lst = list()
    for i in range(n):
        lst.append(x)
    return lst

def in_check(x, seq):
    return x in seq

def is_check(x, y):
    return x is y and x is not None

def eq_check(x, y):
    return x == y

def iterate(seq):
    n = 0
    for v in seq:
        n += 1
    return n

def iterate_break(seq, stop):
    for v in seq:
        if v is stop:
            return v
    return None

def method_roundtrip(lst, x):
    lst.append(x)
    lst.append(x)
    lst.pop()
    return lst.pop()

def fails_with(x):
    y = x
    return y + 1

def make_thing(name):
    t = Thing(name)
    return t

def swap_locals(a, b):
    a, b = b, a
    return a

def overwrite_local(x, other):
    v = x
    v = other
    v = x
    v = other
    return v

def pass_many(a, b, c, d):
    return d

def call_through(fn, x):
    return fn(x)

def nested_return(x):
    return ident(ident(ident(x)))

# Every count below is read by module-level code calling getrefcount()
# directly.  Deliberately no Python helper: with a PEP 523 frame-evaluation
# hook installed, CPython 3.11 calls Python functions through _PyEval_Vector,
# which holds one extra reference to each argument for the duration of the
# call, so counts read inside *any* called function shift by one per frame
# (that effect is what refcounts_inside.py looks at).


t = Thing("t")
u = Thing("u")
print("start t", getrefcount(t))
ident(t)
print("after ident discard", getrefcount(t))
r = ident(t)
print("after ident kept", getrefcount(t))
del r
print("after del r", getrefcount(t))
drop(t)
print("after drop", getrefcount(t))
store_global(t)
print("stored in global", getrefcount(t))
store_global(t)
print("stored again", getrefcount(t))
clear_global()
print("global cleared", getrefcount(t))
loop_calls(t, 1000)
print("after loop_calls", getrefcount(t))
lst = make_list(t, 50)
print("in list x50", getrefcount(t))
del lst
print("list dropped", getrefcount(t))
print("in_check", in_check(t, [u, t]), in_check(t, (u,)), in_check(t, {t: 1}))
print("after in_check", getrefcount(t))
print("is_check", is_check(t, t), is_check(t, u))
print("after is_check", getrefcount(t))
print("eq_check", eq_check(t, t), eq_check(t, u))
print("after eq_check", getrefcount(t))
items = [t, u, t, u, t]
print("iterate", iterate(items), iterate(tuple(items)), iterate(iter(items)))
print("after iterate", getrefcount(t))
print("items list itself", getrefcount(items))
print("iterate_break", iterate_break(items, u) is u)
print("after iterate_break u", getrefcount(u))
print("items after break", getrefcount(items))
g = (x for x in items)
print("iterate_break gen", iterate_break(g, t) is t)
print("gen after partial iteration", getrefcount(g))
del g
print("items after gen del", getrefcount(items))
del items
print("t after items del", getrefcount(t))
holder = []
print("method_roundtrip", method_roundtrip(holder, t) is t, len(holder))
print("after method_roundtrip", getrefcount(t))
for i in range(3):
    try:
        fails_with(t)
    except TypeError as e:
        pass
print("after 3 TypeErrors", getrefcount(t))
try:
    fails_with(t)
except TypeError as e:
    print("while exception alive", getrefcount(t))
print("after exception cleared", getrefcount(t))
m = make_thing("m")
print("made thing", getrefcount(m))
print("swap", swap_locals(t, u) is u)
print("after swap t", getrefcount(t))
print("after swap u", getrefcount(u))
print("overwrite", overwrite_local(t, u) is u)
print("after overwrite t", getrefcount(t))
print("after overwrite u", getrefcount(u))
print("pass_many", pass_many(t, t, u, t) is t)
print("after pass_many t", getrefcount(t))
print("call_through", call_through(ident, t) is t, call_through(type, t) is Thing)
print("after call_through", getrefcount(t))
print("nested", nested_return(t) is t)
print("after nested", getrefcount(t))
big = 10**50 + 12345
print("big", ident(big) == big, drop(big))
print("big int", getrefcount(big))
s = "".join(["dyn", "amic"])
print("str", ident(s), in_check(s, "xxdynamicxx"))
print("dynamic str", getrefcount(s))
print("end t", getrefcount(t))
print("end u", getrefcount(u))
