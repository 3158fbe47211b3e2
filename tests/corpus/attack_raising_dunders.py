# pyjit-corpus: __eq__, __hash__, __lt__ and __bool__ that raise (after many successful calls) inside compiled hot loops: dict lookup/insert, `in` on lists/tuples/sets/dicts, set add, ==/!= and chained comparisons, list.index/count/remove, sorted with key functions and with raising __lt__, max/min, and __eq__ returning non-bool objects whose __bool__ raises; the exception type, message, traceback-free state and partial results must match
# pyjit-compiled: Boom.__init__, Boom.__hash__, Boom.__eq__, Boom.__lt__, BadBool.__bool__
# pyjit-compiled: Weird.__eq__, Weird.__init__, dict_lookup, list_contains, set_add, eq_loop, chained
# pyjit-compiled: sort_keys, sort_keys.<locals>.key, sort_lt, list_methods, bool_raise, attempt, minmax
# pyjit-compiled: dict_insert_then_fail, main


class Boom:
    calls = 0

    def __init__(self, v, eq_fail=-1, hash_fail=-1, lt_fail=-1):
        self.v = v
        self.eq_fail = eq_fail
        self.hash_fail = hash_fail
        self.lt_fail = lt_fail

    def __hash__(self):
        Boom.calls += 1
        if 0 <= self.hash_fail <= Boom.calls:
            raise KeyError("hash failed at %d" % Boom.calls)
        return hash(self.v) & 7

    def __eq__(self, other):
        Boom.calls += 1
        if 0 <= self.eq_fail <= Boom.calls:
            raise ValueError("eq failed at %d" % Boom.calls)
        return isinstance(other, Boom) and self.v == other.v

    def __lt__(self, other):
        Boom.calls += 1
        if 0 <= self.lt_fail <= Boom.calls:
            raise ArithmeticError("lt failed at %d" % Boom.calls)
        return self.v < other.v

    def __repr__(self):
        return "Boom(%r)" % (self.v,)


class BadBool:
    def __bool__(self):
        raise TypeError("no truth")


class Weird:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        if self.v == 13:
            return BadBool()
        return self.v == getattr(other, "v", other)

    __hash__ = object.__hash__


def attempt(label, fn, *args):
    Boom.calls = 0
    try:
        r = fn(*args)
    except Exception as e:
        print(label, "->", type(e).__name__, e, "calls", Boom.calls)
    else:
        print(label, "=", r, "calls", Boom.calls)


def dict_lookup(n, fail_at):
    d = {Boom(i, eq_fail=fail_at): i for i in range(50)}
    probe = [Boom(i % 60, eq_fail=fail_at, hash_fail=fail_at + 3) for i in range(n)]
    s = 0
    for p in probe:
        s += d.get(p, -1)
    return s


def dict_insert_then_fail(n, fail_at):
    d = {}
    done = 0
    for i in range(n):
        d[Boom(i % 40, hash_fail=fail_at, eq_fail=fail_at)] = i
        done += 1
    return done, len(d)


def list_contains(n, fail_at):
    items = [Boom(i, eq_fail=fail_at) for i in range(20)]
    hits = 0
    for i in range(n):
        if Boom(i % 25, eq_fail=fail_at) in items:
            hits += 1
    return hits


def set_add(n, fail_at):
    s = set()
    for i in range(n):
        s.add(Boom(i % 30, hash_fail=fail_at, eq_fail=fail_at + 1))
    return len(s)


def eq_loop(n, fail_at):
    a = Boom(1, eq_fail=fail_at)
    b = Boom(1, eq_fail=fail_at)
    c = 0
    for i in range(n):
        if a == b:
            c += 1
        if a != b:
            c -= 100
    return c


def chained(n, fail_at):
    xs = [Boom(i, lt_fail=fail_at) for i in range(5)]
    c = 0
    for i in range(n):
        if xs[0] < xs[1] < xs[2] < xs[3]:
            c += 1
    return c


def sort_keys(n, fail_after):
    count = [0]

    def key(x):
        count[0] += 1
        if count[0] >= fail_after:
            raise IndexError("key failed after %d" % count[0])
        return -x

    out = []
    data = list(range(30))
    for i in range(n):
        out = sorted(data, key=key)
    return out[:5], count[0]


def sort_lt(n, fail_at):
    data = [Boom((i * 7) % 31, lt_fail=fail_at) for i in range(31)]
    r = None
    for i in range(n):
        r = sorted(data)
        data.reverse()
    return r[:3]


def list_methods(n, fail_at):
    items = [Boom(i % 10, eq_fail=fail_at) for i in range(40)]
    s = 0
    for i in range(n):
        s += items.index(Boom(i % 10)) + items.count(Boom(3))
    items.remove(Boom(5))
    return s, len(items)


def minmax(n, fail_at):
    data = [Boom(i % 17, lt_fail=fail_at) for i in range(50)]
    r = None
    for i in range(n):
        r = (max(data), min(data))
    return r


def bool_raise(n):
    ws = [Weird(i) for i in range(20)]
    c = 0
    res = []
    for i in range(n):
        w = ws[i % 20]
        try:
            if w == i % 20:
                c += 1
        except TypeError as e:
            res.append((i, str(e)))
        try:
            if w in [13, 14]:
                c += 1000
        except TypeError:
            c -= 1
    return c, res[:3], len(res)


def main():
    attempt("dict lookup early hash", dict_lookup, 300, -1)
    attempt("dict lookup eq", dict_lookup, 3000, 2500)
    attempt("dict lookup hash", dict_lookup, 3000, 4001)
    attempt("dict insert", dict_insert_then_fail, 3000, 3333)
    attempt("list contains", list_contains, 3000, 20000)
    attempt("set add", set_add, 3000, 4000)
    attempt("eq loop", eq_loop, 3000, 4321)
    attempt("chained", chained, 3000, 5555)
    attempt("sort keys", sort_keys, 200, 4444)
    attempt("sort lt", sort_lt, 100, 7777)
    attempt("list methods", list_methods, 500, 9999)
    attempt("minmax", minmax, 200, 8888)
    attempt("bool raise", bool_raise, 3000)
    attempt("eq loop ok", eq_loop, 100, -1)


main()
