# pyjit-corpus: machine-word edge cases a native fast path can get wrong: INT64_MIN // -1 and % -1, INT32_MIN, abs/neg of INT64_MIN, shifts by 0/63/64/huge and negative counts, pow edge cases, mixed sign floor/mod, bool as int
# pyjit-compiled: fdiv, mod, fdiv_inplace, neg, ab, lshift, rshift, power, mul, add, sub, mixed_ops, loop_mul_overflow, loop_neg

def fdiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def fdiv_inplace(a, b):
    a //= b
    return a

def neg(a):
    return -a

def ab(a):
    return abs(a)

def lshift(a, n):
    return a << n

def rshift(a, n):
    return a >> n

def power(a, b):
    return a ** b

def mul(a, b):
    return a * b

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mixed_ops(a, b):
    print("  ", a, b, a + b, a - b, a * b, a // b, a % b, a & b, a | b, a ^ b)

def loop_mul_overflow(x, n):
    for i in range(n):
        x = x * -3
    return x

def loop_neg(x, n):
    for i in range(n):
        x = -x - 1
    return x

MIN64 = -(2**63)
MAX64 = 2**63 - 1
MIN32 = -(2**31)
MAX32 = 2**31 - 1
edges = [MIN64, MIN64 + 1, MAX64, MIN32, MAX32, -(2**62), 2**62, 2**62 - 1, -(2**62) - 1, -1, 0, 1, 2**64, -(2**64)]
for a in edges:
    for b in (-1, 1, 2, -2, 3, MIN64, MAX64):
        print("div", a, b, fdiv(a, b), mod(a, b), fdiv_inplace(a, b))
for a in edges:
    print("neg/abs", a, neg(a), ab(a), mul(a, -1), mul(-1, a), sub(0, a), add(a, a), sub(a, 1), add(a, 1))
for n in (0, 1, 31, 32, 62, 63, 64, 65, 127, 128, 1000):
    print("shift", n, lshift(1, n), lshift(-1, n), rshift(MIN64, n), rshift(MAX64, n), rshift(-1, n), lshift(0, n))
for a, n in ((1, -1), (0, -5), (MIN64, -64)):
    for fn in (lshift, rshift):
        try:
            fn(a, n)
        except ValueError as e:
            print(fn.__name__, "ValueError", e)
try:
    lshift(1, 2**100)
except (OverflowError, MemoryError) as e:
    print("lshift huge", type(e).__name__)
print("rshift huge", rshift(12345, 2**100), rshift(-12345, 2**100))
for a, b in ((0, 0), (2, 62), (2, 63), (2, 64), (-2, 63), (-1, MAX64), (-1, MIN64 * -1), (3, 40), (MIN64, 2), (7, 1), (10, -2)):
    print("pow", a, b, power(a, b))
for a, b in ((MAX32, MAX32), (MIN32, MIN32), (MAX64, 2), (MIN64, -1), (2**32, 2**32), (-(2**32), 2**32), (3037000499, 3037000499), (3037000500, 3037000500)):
    print("mul", a, b, mul(a, b))
for a, b in ((True, True), (True, -1), (False, MIN64), (MIN64, True)):
    mixed_ops(a, b)
print("loop_mul", loop_mul_overflow(1, 50), loop_mul_overflow(-1, 41), loop_mul_overflow(7, 0))
print("loop_neg", loop_neg(MAX64, 3), loop_neg(MIN64, 3), loop_neg(0, 1001))
