# pyjit-corpus: subscripts and slices in compiled code: BINARY_SUBSCR/STORE_SUBSCR/DELETE_SUBSCR, BUILD_SLICE with steps and negative bounds on lists/tuples/strings/bytes/ranges, slice assignment (growing, shrinking, extended-slice size errors), slice deletion, custom __getitem__/__setitem__/__delitem__ receiving slice objects, index errors
# pyjit-compiled: basic_slices, indexes, slice_objects, slice_assign, slice_delete, item_assign
# pyjit-compiled: item_assign.<locals>.<listcomp>, errors, errors.<locals>.<lambda>
# pyjit-compiled: Recorder.__init__, Recorder.__getitem__, Recorder.__setitem__
# pyjit-compiled: Recorder.__delitem__, Recorder.fmt, custom_subscripts, strings_bytes, <module>

def basic_slices(s):
    return [s[1:4], s[:3], s[3:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1],
            s[-1:-6:-2], s[5:1:-1], s[100:], s[-100:2], s[:], s[2:2]]

def indexes(s):
    return s[0], s[-1], s[len(s) // 2], s[-len(s)]

def slice_objects(s):
    sl = slice(1, None, 2)
    return s[sl], sl.indices(len(s)), s[slice(None, None, -3)]

def slice_assign():
    a = list(range(10))
    a[2:5] = ["x"]
    b = list(range(10))
    b[1:2] = [10, 11, 12, 13]
    c = list(range(10))
    c[::3] = ["a", "b", "c", "d"]
    d = list(range(5))
    d[:] = "xyz"
    e = list(range(6))
    e[-2:] = []
    f = list(range(5))
    f[len(f):] = [5, 6]
    g = list(range(5))
    g[::-1] = range(5)
    return a, b, c, d, e, f, g

def slice_delete():
    a = list(range(12))
    del a[::4]
    b = list(range(12))
    del b[2:-2]
    c = list(range(12))
    del c[-1]
    del c[0]
    d = {"k": 1, "j": 2}
    del d["k"]
    e = bytearray(b"abcdef")
    del e[1::2]
    return a, b, c, d, e

def item_assign():
    lst = [0] * 5
    for i in range(5):
        lst[i] = i * i
    lst[-1] = "last"
    d = {}
    for k in "abc":
        d[k] = d.get(k, 0) + 1
    d["a"] += 10
    m = [[0] * 3 for _ in range(3)]
    for i in range(3):
        m[i][i] = 1
    ba = bytearray(3)
    ba[1] = 255
    return lst, d, m, ba

FLOAT_INDEX = 1.0
ONE = 1

def errors():
    out = []
    for fn in (lambda: [1, 2][5], lambda: (1,)[-2], lambda: "ab"[9], lambda: {}["k"],
               lambda: [1][FLOAT_INDEX], lambda: ONE[0], lambda: range(3)[3]):
        try:
            fn()
        except (IndexError, KeyError, TypeError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    try:
        x = list(range(10))
        x[::2] = [1, 2]
    except ValueError as e:
        out.append("ValueError: " + str(e))
    try:
        t = (1, 2)
        t[0] = 5
    except TypeError as e:
        out.append("TypeError: " + str(e))
    try:
        del "abc"[0]
    except TypeError as e:
        out.append("TypeError: " + str(e))
    try:
        x = [1, 2]
        x["a":] = [3]
    except TypeError as e:
        out.append("TypeError: " + str(e))
    return out


class Recorder:
    def __init__(self):
        self.log = []

    def __getitem__(self, key):
        self.log.append(("get", self.fmt(key)))
        return len(self.log)

    def __setitem__(self, key, value):
        self.log.append(("set", self.fmt(key), value))

    def __delitem__(self, key):
        self.log.append(("del", self.fmt(key)))

    @staticmethod
    def fmt(key):
        if isinstance(key, slice):
            return "slice(%r, %r, %r)" % (key.start, key.stop, key.step)
        if isinstance(key, tuple):
            return "tuple" + repr(tuple(Recorder.fmt(k) for k in key))
        return repr(key)


def custom_subscripts():
    r = Recorder()
    r[1]
    r[1:2]
    r[::3]
    r[1:2, 3]
    r[..., None]
    r["k"] = "v"
    r[2:] = [1]
    del r[:-1]
    del r[0]
    r[-1] += 5
    return r.log

def strings_bytes():
    s = "hello, world"
    b = b"\x00\x01\x02\x03\x04"
    return s[7:], s[::-1].upper(), b[1:4], b[::-2], b[2], list(range(20)[3:15:4])

for line in basic_slices("abcdefghij"):
    print(repr(line), end=" ")
print()
print(basic_slices(tuple(range(8)))[7])
print(indexes("python"))
print(slice_objects(list(range(10))))
for x in slice_assign():
    print(x)
for x in slice_delete():
    print(x)
print(item_assign())
for e in errors():
    print(e)
for entry in custom_subscripts():
    print(entry)
print(strings_bytes())
