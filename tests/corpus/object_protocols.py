# pyjit-corpus: object protocols driven by compiled code: __len__/__bool__/__contains__/__iter__/__reversed__/__getitem__ iteration, __call__, __missing__ on dict subclasses, augmented assignment on attributes and items (self.x += 1, d[k] += 1, a[i][j] *= 2, obj.items[k] -= 1) with __iadd__ vs __add__ fallbacks, reflected operators, __index__ in slices
# pyjit-compiled: Bag.__init__, Bag.__len__, Bag.__contains__, Bag.__iter__, Bag.__reversed__
# pyjit-compiled: Bag.__iadd__, Bag.__add__, Bag.__radd__, Bag.__call__, Bag.__repr__
# pyjit-compiled: Seq.__getitem__, Defaults.__missing__, Counter.__init__, Idx.__init__
# pyjit-compiled: Idx.__index__, Immutable.__init__, Immutable.__add__, Immutable.__repr__
# pyjit-compiled: protocols, augmented, missing_dict, index_objects, call_protocol
# pyjit-compiled: call_protocol.<locals>.Adder.__init__, call_protocol.<locals>.Adder.__call__
# pyjit-compiled: errors, <module>


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __reversed__(self):
        return iter(self.items[::-1])

    def __iadd__(self, other):
        self.items.extend(other)
        return self

    def __add__(self, other):
        return Bag(*(self.items + list(other)))

    def __radd__(self, other):
        return Bag(*(list(other) + self.items))

    def __call__(self, n):
        return self.items[:n]

    def __repr__(self):
        return "Bag%r" % (tuple(self.items),)


class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 11


class Defaults(dict):
    def __missing__(self, key):
        value = self[key] = len(key)
        return value


class Counter:
    def __init__(self):
        self.n = 0
        self.grid = [[1, 2], [3, 4]]
        self.table = {"a": 10}


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class Immutable:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Immutable(self.v + other)

    def __repr__(self):
        return "Imm(%d)" % self.v


def protocols():
    b = Bag(1, 2, 3)
    out = [len(b), bool(b), bool(Bag()), 2 in b, 9 in b, list(b), list(reversed(b)), b(2)]
    b += [4, 5]
    out.append(b)
    out.append(b + (6,))
    out.append([0] + b)
    out.append(list(Seq()))
    out.append(3 * 11 in Seq())
    out.append(sum(Seq()))
    return out

def augmented():
    c = Counter()
    for _ in range(5):
        c.n += 2
    c.grid[1][0] *= 10
    c.grid[0][1] -= 5
    c.table["a"] //= 3
    c.table["b"] = c.table.get("b", 0) + 1
    c.table["b"] += 1
    x = Immutable(1)
    y = x
    x += 5
    lst = [1]
    alias = lst
    lst += [2]
    t = (1,)
    t2 = t
    t += (2,)
    s = "ab"
    s *= 3
    return c.n, c.grid, c.table, x, y, alias, t, t2, s

def missing_dict():
    d = Defaults()
    d["x"] = 100
    return d["x"], d["hello"], d["abc"], sorted(d.items()), "zz" in d, d.get("qq")

def index_objects():
    data = list(range(10))
    return data[Idx(2):Idx(8):Idx(2)], data[Idx(-1)], "abcdef"[Idx(1)], [0] * Idx(3)

def call_protocol():
    class Adder:
        def __init__(self, k):
            self.k = k
        def __call__(self, x, *more, scale=1):
            return (x + self.k + sum(more)) * scale
    a = Adder(10)
    return a(1), a(1, 2, 3), a(1, scale=2), callable(a), callable(Adder(1).k)

def errors():
    out = []
    try:
        len(Seq())
    except TypeError as e:
        out.append(str(e))
    try:
        Bag() < Bag()
    except TypeError as e:
        out.append(str(e))
    try:
        t = (1, [2])
        t[1] += [3]
    except TypeError as e:
        out.append("%s -> %r" % (e, t))
    try:
        Immutable(1)(2)
    except TypeError as e:
        out.append(str(e))
    return out

for x in protocols():
    print(x)
print(augmented())
print(missing_dict())
print(index_objects())
print(call_protocol())
print(errors())
