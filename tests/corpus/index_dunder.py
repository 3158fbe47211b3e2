# pyjit-corpus: objects with __index__ (and __int__/__float__) flowing through compiled code into range(), sequence repetition, shifts via int(), chr/hex/bin, list.pop, and bool/int subclasses in arithmetic
# pyjit-compiled: loop_to, repeat_seq, as_hex, pop_at, shift_by, Idx.__index__, conv, BadIndex.__index__, HasInt.__float__, HasInt.__int__, arithmetic_with_bool, int_subclass_math

class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return idx_value(self)

def idx_value(i):
    return i.v

class HasInt:
    def __int__(self):
        return 42
    def __float__(self):
        return 2.5

class BadIndex:
    def __index__(self):
        return "nope"

class MyInt(int):
    pass

def loop_to(n):
    s = 0
    for i in range(n):
        s += i
    return s

def repeat_seq(seq, n):
    return seq * n

def as_hex(n):
    return hex(n) + " " + bin(n) + " " + oct(n) + " " + chr(n)

def pop_at(lst, i):
    return lst.pop(i)

def shift_by(x, n):
    return x << int(n)

def arithmetic_with_bool(b, x):
    return b + x, b * x, x - b, -b, ~b, b // 1, b ** 2

def int_subclass_math(a, b):
    return a + b, a * b, a // b, a % b, a ** 2, -a, a < b, a == b

def conv(x):
    print("  int", int(x), "float", float(x))

print(loop_to(Idx(5)), loop_to(MyInt(4)), loop_to(True))
print(repeat_seq("ab", Idx(3)), repeat_seq([0], Idx(0)), repeat_seq((1,), MyInt(2)))
print(as_hex(Idx(97)), as_hex(MyInt(98)))
print(pop_at([10, 20, 30], Idx(1)), pop_at([10, 20, 30], Idx(-1)))
print(shift_by(1, Idx(10)), shift_by(3, HasInt()), shift_by(MyInt(1), 3.9))
print(arithmetic_with_bool(True, 10), arithmetic_with_bool(False, 2.5))
r = int_subclass_math(MyInt(7), MyInt(2))
print(r, [type(v).__name__ for v in r])
conv(HasInt())
conv(MyInt(9))
conv(True)
for bad in (BadIndex(), HasInt(), 2.5):
    try:
        loop_to(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    repeat_seq("x", BadIndex())
except TypeError as e:
    print("TypeError", e)
