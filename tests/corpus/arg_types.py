# pyjit-corpus: compiled functions called from module code with many argument types, defaults, keyword args, *args/**kwargs parameters, positional-only and keyword-only params
# pyjit-compiled: ident, describe, with_defaults, kwonly, posonly, varargs, varkw, both, many_params, swap_args, mutable_default, default_none, Custom.__repr__
import sys

def ident(x):
    return x

def describe(x):
    return str(type(x)) + " " + repr(x)

def with_defaults(a, b=2, c="three", d=None):
    return str(a) + "," + str(b) + "," + str(c) + "," + str(d)

def kwonly(a, *, k=5, m):
    return a * k + m

def posonly(a, b, /, c):
    return a - b + c

def varargs(*args):
    n = 0
    s = ""
    for a in args:
        n += 1
        s += repr(a)
    return str(n) + ":" + s

def varkw(**kw):
    out = ""
    for k in sorted(kw):
        out += k + "=" + repr(kw.get(k)) + ";"
    return out

def both(a, *args, b=0, **kw):
    return str(a) + "|" + str(len(args)) + "|" + str(b) + "|" + str(len(kw))

def many_params(a, b, c, d, e, f, g, h, i, j, k, l):
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + k * 11 + l * 12

def swap_args(a, b):
    a, b = b, a
    return a - b

def mutable_default(x, acc=[]):
    acc.append(x)
    return len(acc)

def default_none(x=None):
    if x is None:
        return "none"
    return x

class Custom:
    def __repr__(self):
        return "Custom()"

values = [0, -1, 2**100, 1.5, float("inf"), 1j, "s", b"b", bytearray(b"ba"), None, True, ..., NotImplemented,
          (1, 2), [3], {4: 5}, {6}, frozenset([7]), range(3), slice(1, 2), Custom(), int, len, print,
          memoryview(b"m").tolist(), type(None), object]
for v in values:
    r = ident(v)
    print(describe(v), r is v)
print(with_defaults(1), with_defaults(1, 9), with_defaults(1, c=3), with_defaults(a=0, d=[1]), with_defaults(*(5, 6, 7, 8)))
print(kwonly(2, m=1), kwonly(2, k=10, m=1), kwonly(a=3, m=0))
print(posonly(10, 3, 4), posonly(10, 3, c=100))
print(varargs(), varargs(1), varargs(1, "a", None, *range(3)))
print(varkw(), varkw(z=1, a=2), varkw(**{"m": [1], "b": None}))
print(both(1), both(1, 2, 3, b=4, x=5, y=6), both(*"abc", **{"q": 1}))
print(many_params(*range(12)), many_params(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, l=2**64))
print(swap_args(10, 3), swap_args(2.5, -1))
print(mutable_default(1), mutable_default(2), mutable_default(3, []), mutable_default(4))
print(default_none(), default_none(0), default_none("x"))
for call in (lambda: kwonly(1), lambda: posonly(a=1, b=2, c=3), lambda: ident(), lambda: ident(1, 2), lambda: many_params(1),
             lambda: with_defaults(1, 2, 3, 4, 5), lambda: varkw(1), lambda: kwonly(1, 2, m=3)):
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
