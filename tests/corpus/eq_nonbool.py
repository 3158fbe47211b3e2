# pyjit-corpus: rich comparisons returning non-bool objects (symbolic expressions): values flow through compiled code, truthiness via __bool__ (incl. raising), default __ne__, chained comparisons, `in` and `not`
# pyjit-compiled: eq, ne, lt_chain, branch_on_eq, not_eq, membership, count_equal, cond_value

class Expr:
    def __init__(self, text, truth=None):
        self.text = text
        self.truth = truth
    def __repr__(self):
        return "Expr(%s)" % self.text
    def __bool__(self):
        if self.truth is None:
            raise ValueError("truth value of %s is ambiguous" % self.text)
        return self.truth

class Sym:
    def __init__(self, name, truthy=None):
        self.name = name
        self.truthy = truthy
    def __repr__(self):
        return self.name
    def __eq__(self, other):
        return Expr("%r == %r" % (self, other), self.truthy)
    def __lt__(self, other):
        return Expr("%r < %r" % (self, other), self.truthy)
    def __gt__(self, other):
        return Expr("%r > %r" % (self, other), self.truthy)
    __hash__ = object.__hash__

class CountEq:
    """__eq__ returns an int: truthiness of ints decides `in` and `==` in conditions."""
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v
    __hash__ = None

def eq(a, b):
    return a == b

def ne(a, b):
    return a != b

def lt_chain(a, b, c):
    return a < b < c

def branch_on_eq(a, b):
    if a == b:
        return "equal"
    return "not equal"

def not_eq(a, b):
    return not (a == b)

def membership(x, seq):
    return x in seq

def count_equal(x, seq):
    n = 0
    for v in seq:
        if x == v:
            n += 1
    return n

def cond_value(a, b):
    return (a == b) or "fallback"

x = Sym("x")
y = Sym("y", True)
z = Sym("z", False)
print(eq(x, 1), eq(1, x), eq(x, y), ne(y, 2), ne(z, 2))
print(lt_chain(y, 1, 2), lt_chain(z, 1, 2), lt_chain(1, y, 5))
print(branch_on_eq(y, 0), branch_on_eq(z, 0))
print(not_eq(y, 0), not_eq(z, 0))
print(membership(y, [1, 2]), membership(z, [1, 2]), membership(y, []))
print(count_equal(y, range(5)), count_equal(z, "abc"), count_equal(CountEq(7), [1, 2]), count_equal(CountEq(0), [1, 2]))
print(cond_value(y, 1), cond_value(z, 1), cond_value(CountEq(0), 1), cond_value(CountEq(3), 1))
print(membership(CountEq(0), [CountEq(0)]), membership(CountEq(2), [None]))
for fn, args in [(ne, (x, 1)), (lt_chain, (x, 1, 2)), (branch_on_eq, (x, 1)), (not_eq, (x, 1)), (membership, (x, [1])), (count_equal, (x, [5])), (cond_value, (x, 1))]:
    try:
        print(fn.__name__, fn(*args))
    except ValueError as e:
        print(fn.__name__, "ValueError", e)
