# pyjit-corpus: operator overloading through user classes: __add__/__radd__/__iadd__/__sub__/__mul__/__rmul__/__matmul__/__pow__/__floordiv__/__mod__/bitwise/__lt__ etc., NotImplemented fallback to reflected ops and TypeErrors
# pyjit-compiled: add, sub, mul, matmul, power, fdiv, mod, bits, iadd_loop, total, smallest, compare_all, MyInt.__add__, MyInt.__radd__, MyInt.__repr__, mixed_chain, Vec.__and__, Vec.__or__, Vec.__radd__, Vec.__xor__

class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)
    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        if isinstance(other, (int, float)):
            return Vec(self.x + other, self.y + other)
        return NotImplemented
    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        if isinstance(k, Vec):
            return NotImplemented
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return Vec(k * self.x, k * self.y)
    def __matmul__(self, other):
        return self.x * other.x + self.y * other.y
    def __pow__(self, n):
        return Vec(self.x ** n, self.y ** n)
    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)
    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)
    def __and__(self, o):
        return "and"
    def __or__(self, o):
        return "or"
    def __xor__(self, o):
        return "xor"
    def __lshift__(self, o):
        return "lshift %r" % (o,)
    def __rrshift__(self, o):
        return "rrshift %r" % (o,)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __le__(self, other):
        return (self.x, self.y) <= (other.x, other.y)
    def __eq__(self, other):
        return isinstance(other, Vec) and self.x == other.x and self.y == other.y
    __hash__ = None

class Acc:
    """__iadd__ mutates in place and returns self."""
    def __init__(self):
        self.items = []
    def __iadd__(self, other):
        self.items.append(other)
        return self
    def __repr__(self):
        return "Acc(%r)" % (self.items,)

class MyInt(int):
    def __add__(self, other):
        return MyInt(int.__add__(self, other) * 10)
    def __radd__(self, other):
        return MyInt(int.__add__(self, other) * 100)
    def __repr__(self):
        return "MyInt(" + int.__repr__(self) + ")"

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def matmul(a, b):
    return a @ b

def power(a, b):
    return a ** b

def fdiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def bits(a, b):
    print("  bits", a & b, a | b, a ^ b, a << b, 3 >> a)

def iadd_loop(acc, n):
    for i in range(n):
        acc += i
    return acc

def total(items):
    return sum(items)

def smallest(items):
    best = None
    for it in items:
        if best is None or it < best:
            best = it
    return best

def compare_all(a, b):
    print("  cmp", a < b, a <= b, a == b, a != b, a > b, a >= b)

def mixed_chain(a, b, c):
    return a + b * c - a

v1 = Vec(1, 2)
v2 = Vec(3, -4)
print(add(v1, v2), add(v1, 10), add(0.5, v1), sub(v2, v1), mul(v1, 3), mul(3, v1), matmul(v1, v2))
print(power(v2, 2), fdiv(v2, 2), mod(v2, 2), mixed_chain(v1, v2, 2))
bits(v1, v2)
print("iadd", iadd_loop(Acc(), 4), iadd_loop(Vec(0, 0), 4), iadd_loop(5, 4), iadd_loop("", 0))
print("total", total([v1, v2, Vec(10, 10)]), total([]))
print("smallest", smallest([v2, v1, Vec(1, 1)]), smallest([5, 3, 9]), smallest([]))
compare_all(v1, v2)
compare_all(v1, Vec(1, 2))
m = MyInt(5)
print("MyInt", add(m, 1), add(1, m), add(m, m), type(add(m, 1)).__name__, sub(m, 1), mul(m, 2))
for a, b in [(v1, "s"), ("s", v1), (v1, None), (None, v1)]:
    try:
        print(add(a, b))
    except TypeError as e:
        print("TypeError", e)
for fn, a, b in ((mul, v1, v2), (matmul, 1, v1), (power, "x", v1), (fdiv, v1, "2")):
    try:
        print(fn(a, b))
    except TypeError as e:
        print("TypeError", e)
try:
    matmul(v1, "x")
except AttributeError as e:
    print("AttributeError from __matmul__:", e)
try:
    compare_all(v1, 5)
except AttributeError as e:
    print("AttributeError", e)
try:
    smallest([1, v1])
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
