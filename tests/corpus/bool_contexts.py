# pyjit-corpus: truthiness in if/while/and/or/not of user objects with __bool__ and __len__ (incl. raising, wrong return types), numbers, containers, None; POP_JUMP on every kind of value
# pyjit-compiled: truth, count_truthy, while_truthy, not_value, and_chain, first_truthy, Flag.__bool__, Sized.__len__, BadLen.__len__

class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return flag_value(self)

def flag_value(f):
    return f.v

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return size_of(self)

def size_of(s):
    return s.n

class Draining:
    """Truthy while it has items left; each truth test consumes one."""
    def __init__(self, n):
        self.n = n
    def __bool__(self):
        self.n -= 1
        return self.n >= 0

class Raises:
    def __bool__(self):
        raise RuntimeError("no truth for you")

class BadLen:
    def __len__(self):
        return "three"

def truth(x):
    if x:
        return "T"
    return "F"

def count_truthy(items):
    n = 0
    for x in items:
        if x:
            n += 1
    return n

def while_truthy(obj):
    loops = 0
    while obj:
        loops += 1
    return loops

def not_value(x):
    return not x

def and_chain(a, b, c):
    if a and b and c:
        return "all"
    if a or b or c:
        return "some"
    return "none"

def first_truthy(items):
    for x in items:
        if not x:
            continue
        return x
    return None

values = [0, 1, -1, 0.0, 0.5, float("nan"), 0j, 1j, "", " ", b"", b"\x00", [], [None], (), ((),), {}, {0: 0},
          set(), frozenset([0]), range(0), range(1), None, True, False, Flag(True), Flag(False), Sized(0), Sized(2), 2**100, -(2**100)]
print("".join(truth(v) for v in values))
print(count_truthy(values), count_truthy([]))
print("not", [not_value(v) for v in values[:12]])
print("while", while_truthy(Draining(5)), while_truthy(Draining(0)), while_truthy(0))
print("and_chain", and_chain(1, Flag(True), Sized(1)), and_chain(0, Flag(False), Sized(1)), and_chain(None, Flag(False), Sized(0)))
print("first_truthy", first_truthy([0, "", Sized(0), Flag(True)]).v, first_truthy([0, None]), first_truthy([Sized(0), 7]))
for bad in (Raises(), BadLen(), Sized(-1), Flag(1), Flag(None)):
    for fn in (truth, not_value, while_truthy):
        try:
            print(type(bad).__name__, fn.__name__, fn(bad))
        except (RuntimeError, TypeError, ValueError) as e:
            print(type(bad).__name__, fn.__name__, type(e).__name__, e)
