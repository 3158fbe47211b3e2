# pyjit-corpus: unary -, +, ~ and `not` on ints, bools, floats, bigints and objects with __neg__/__pos__/__invert__/__bool__/__len__
# pyjit-compiled: neg, pos, inv, lnot, double_not, not_in_condition, neg_chain, mixed_unary, Signed.__neg__, Signed.__pos__, Signed.__invert__, BadBool.__bool__, Falsy.__bool__

def neg(x):
    return -x

def pos(x):
    return +x

def inv(x):
    return ~x

def lnot(x):
    return not x

def double_not(x):
    return not not x

def not_in_condition(x):
    if not x:
        return "falsy"
    return "truthy"

def neg_chain(x):
    return - - -x

def mixed_unary(x):
    return -(~x) + (+x) - (not x)

class Signed:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return "neg"
    def __pos__(self):
        return "pos"
    def __invert__(self):
        return "inv"
    def __repr__(self):
        return "Signed(%r)" % (self.v,)

class Falsy:
    def __bool__(self):
        return False

class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

class BadBool:
    def __bool__(self):
        return 42

vals = [0, 1, -1, True, False, 2**63, -(2**63), 10**25, 0.0, -0.0, 3.5, float("inf")]
for v in vals:
    r = [repr(neg(v)), repr(pos(v)), lnot(v), double_not(v), not_in_condition(v), repr(neg_chain(v))]
    if isinstance(v, int):
        r.append(inv(v))
        r.append(mixed_unary(v))
    print(repr(v), *r)
for v in ["", "a", [], [0], {}, None, (), (None,), Falsy(), Sized(0), Sized(3)]:
    print(type(v).__name__, lnot(v), double_not(v), not_in_condition(v))
s = Signed(1)
print(neg(s), pos(s), inv(s))
for fn in (neg, pos, inv):
    for v in ("x", None, [1]):
        try:
            fn(v)
        except TypeError as e:
            print(fn.__name__, "TypeError", e)
try:
    inv(1.5)
except TypeError as e:
    print("TypeError", e)
try:
    lnot(BadBool())
except TypeError as e:
    print("TypeError", e)
try:
    not_in_condition(Sized(-1))
except ValueError as e:
    print("ValueError", e)
