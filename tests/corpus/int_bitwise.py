# pyjit-corpus: bitwise ops & | ^ ~ << >> on small, negative and huge ints, in-place bitwise forms, bool bitwise
# pyjit-compiled: band, bor, bxor, binv, popcount, reverse_bits, mask_ops, inplace_bits, gray, parity, bool_ops

def band(a, b):
    return a & b

def bor(a, b):
    return a | b

def bxor(a, b):
    return a ^ b

def binv(a):
    return ~a

def popcount(x):
    c = 0
    while x:
        x &= x - 1
        c += 1
    return c

def reverse_bits(x, width):
    r = 0
    for i in range(width):
        r = (r << 1) | (x & 1)
        x >>= 1
    return r

def mask_ops(x, lo, hi):
    mask = ((1 << (hi - lo)) - 1) << lo
    return (x & mask) >> lo

def inplace_bits(x):
    x |= 0xF0
    x &= 0x3FF
    x ^= 0x155
    x <<= 3
    x >>= 1
    return x

def bool_ops(a, b):
    return a & b, a | b, a ^ b

def gray(n):
    return n ^ (n >> 1)

def parity(x):
    p = 0
    while x > 0:
        p ^= x & 1
        x >>= 1
    return p

vals = [0, 1, -1, 5, -6, 255, 2**31 - 1, -(2**31), 2**63 - 1, -(2**63), 2**64 + 3, -(2**80) + 11]
for a in vals:
    print("inv", a, binv(a))
    for b in (3, -4, 2**64 - 1, -(2**65)):
        print("  ", a, b, band(a, b), bor(a, b), bxor(a, b))

for x in (0, 1, 7, 255, 2**64 - 1, 2**100 + 2**50 + 1, 12345678901234567890):
    print("pop", x, popcount(x), "parity", parity(x))
print("rev", reverse_bits(1, 8), reverse_bits(0b1011, 4), reverse_bits(2**63 + 1, 64), reverse_bits(12345, 70))
print("mask", mask_ops(0xDEADBEEF, 8, 16), mask_ops(2**100 - 1, 60, 70), mask_ops(-1, 0, 65))
for x in (0, 1, 1000, -1000, 2**40):
    print("inplace", x, inplace_bits(x))
print("bool", band(True, False), bor(True, False), bxor(True, True), type(band(True, True)).__name__)
print("bool_ops (BUILD_TUPLE)", bool_ops(True, False), bool_ops(6, 3))
print("gray", [gray(i) for i in range(16)])
