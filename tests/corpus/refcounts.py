# pyjit-corpus: sys.getrefcount (read at module level) of objects passed through, returned by, stored in globals by, iterated over by, compared by and raised past compiled functions: counts must be byte-identical (no leaks, no over-frees)
# pyjit-compiled: ident, drop, store_global, clear_global, loop_calls, make_list, in_check, is_check, eq_check, iterate, iterate_break, method_roundtrip, fails_with, make_thing, swap_locals, overwrite_local, pass_many, call_through, nested_return, rc

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

def rc(label, obj):
    # -1 for the argument slot of this helper: counts as seen from module level
    print(label, getrefcount(obj) - 1)

t = Thing("t")
u = Thing("u")
rc("start t", t)
ident(t)
rc("after ident discard", t)
r = ident(t)
rc("after ident kept", t)
del r
rc("after del r", t)
drop(t)
rc("after drop", t)
store_global(t)
rc("stored in global", t)
store_global(t)
rc("stored again", t)
clear_global()
rc("global cleared", t)
loop_calls(t, 1000)
rc("after loop_calls", t)
lst = make_list(t, 50)
rc("in list x50", t)
del lst
rc("list dropped", t)
print("in_check", in_check(t, [u, t]), in_check(t, (u,)), in_check(t, {t: 1}))
rc("after in_check", t)
print("is_check", is_check(t, t), is_check(t, u))
rc("after is_check", t)
print("eq_check", eq_check(t, t), eq_check(t, u))
rc("after eq_check", t)
items = [t, u, t, u, t]
print("iterate", iterate(items), iterate(tuple(items)), iterate(iter(items)))
rc("after iterate", t)
rc("items list itself", items)
print("iterate_break", iterate_break(items, u) is u)
rc("after iterate_break u", u)
rc("items after break", items)
g = (x for x in items)
print("iterate_break gen", iterate_break(g, t) is t)
rc("gen after partial iteration", g)
del g
rc("items after gen del", items)
del items
rc("t after items del", t)
holder = []
print("method_roundtrip", method_roundtrip(holder, t) is t, len(holder))
rc("after method_roundtrip", t)
for i in range(3):
    try:
        fails_with(t)
    except TypeError as e:
        pass
rc("after 3 TypeErrors", t)
try:
    fails_with(t)
except TypeError as e:
    rc("while exception alive", t)
rc("after exception cleared", t)
m = make_thing("m")
rc("made thing", m)
print("swap", swap_locals(t, u) is u)
rc("after swap t", t)
rc("after swap u", u)
print("overwrite", overwrite_local(t, u) is u)
rc("after overwrite t", t)
rc("after overwrite u", u)
print("pass_many", pass_many(t, t, u, t) is t)
rc("after pass_many t", t)
print("call_through", call_through(ident, t) is t, call_through(type, t) is Thing)
rc("after call_through", t)
print("nested", nested_return(t) is t)
rc("after nested", t)
big = 10**50 + 12345
print("big", ident(big) == big, drop(big))
rc("big int", big)
s = "".join(["dyn", "amic"])
print("str", ident(s), in_check(s, "xxdynamicxx"))
rc("dynamic str", s)
rc("end t", t)
rc("end u", u)
