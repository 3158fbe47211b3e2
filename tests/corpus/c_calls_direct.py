# pyjit-corpus: builtins and method descriptors called straight through their C functions (METH_O, METH_NOARGS, METH_FASTCALL): results, errors, NotImplemented as a result, subclass receivers, recursion depth, reference counts
# pyjit-compiled: meth_o, noargs, fastcall, descr_on_subclass, returns_not_implemented, raising, deep, recurse_builtin, refcounts, unbound_descr, bound_builtin_method

import sys


def meth_o(chars):
    out = []
    for ch in chars:
        out.append(chr(ord(ch) + 1))  # ord/chr: METH_O builtins; append: METH_O descriptor
    return "".join(out), abs(-3), len(out)


def noargs(s, xs):
    ys = list(xs)
    ys.reverse()  # METH_NOARGS descriptor
    return s.upper(), s.strip(), ys, ys.copy(), (1023).bit_length()


def fastcall(s, xs):
    d = {"a": 1}
    return (s.split(","), s.replace("a", "b", 1), min(xs), max(3, 9, 4), d.get("a"),
            d.get("z", 7), getattr(s, "upper")(), isinstance(s, str), divmod(17, 5))


class MyList(list):
    def append(self, x):
        list.append(self, x * 10)


class Quiet(list):
    pass


def descr_on_subclass():
    a, b = MyList(), Quiet()
    for i in range(3):
        a.append(i)  # an override: a Python method
        b.append(i)  # list.append on a subclass instance: the generic path
        list.append(a, -i)  # the descriptor called with a subclass instance
    return a, b


class Holder:
    value = NotImplemented


def returns_not_implemented():
    h = Holder()
    r = []
    for name in ("value", "missing"):
        r.append(getattr(h, name, NotImplemented))  # METH_FASTCALL returning NotImplemented
    return r, r[0] is NotImplemented


def raising(xs):
    out = []
    for x in xs:
        try:
            out.append(ord(x))
        except TypeError as e:
            out.append(str(e))
        try:
            out.append([].pop())
        except IndexError as e:
            out.append(repr(e))
    return out


def deep(n):
    if n == 0:
        return abs(-1)
    return deep(n - 1) + abs(-1)


def recurse_builtin(n):
    try:
        return deep(n)
    except RecursionError as e:
        return "RecursionError: " + str(e)


def refcounts():
    s = "refcount-probe-" + str(12345)
    xs = []
    before = sys.getrefcount(s)
    for _ in range(1000):
        xs.append(s)
        len(s)
        s.upper()
        s.count("e")
    del xs[:]
    return sys.getrefcount(s) - before


def unbound_descr(xs):
    return list.copy(xs), str.upper("abc"), dict.fromkeys("ab")


def bound_builtin_method(xs):
    push = xs.append  # a bound builtin method: a PyCFunction with self
    for i in range(4):
        push(i)
    return xs


print(meth_o("abcxyz"))
print(noargs("  MiXed  ", (1, 2, 3)))
print(fastcall("a,b,a", [4, 2, 8]))
print(descr_on_subclass())
print(returns_not_implemented())
print(raising(["a", 5, "bb", "z"]))
old = sys.getrecursionlimit()
sys.setrecursionlimit(120)
print(recurse_builtin(50))
print(recurse_builtin(500))
sys.setrecursionlimit(old)
print(refcounts())
print(unbound_descr([1, 2]))
print(bound_builtin_method([]))
