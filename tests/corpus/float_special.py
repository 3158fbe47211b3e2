# pyjit-corpus: nan, inf, -0.0 semantics: comparisons, arithmetic propagation, signed zero, float/int comparisons at precision edges
# pyjit-compiled: classify, is_nan, same_sign, neg, neg_zero_product, cmp_all, inf_arith, to_float, min_max_nan, int_float_cmp

from math import copysign

def classify(x):
    if x != x:
        return "nan"
    if x == x + 1 and x != 0:
        return "inf" if x > 0 else "-inf"
    if x == 0:
        if copysign(1.0, x) < 0:
            return "-zero"
        return "zero"
    return "finite"

def is_nan(x):
    return x != x

def same_sign(a, b):
    return copysign(1.0, a) == copysign(1.0, b)

def neg(x):
    return -x

def neg_zero_product(a, b):
    return a * b

def cmp_all(a, b):
    print(" ", a < b, a <= b, a == b, a != b, a > b, a >= b)

def inf_arith(x):
    print(" ", x + 1, x - x, x * 0, x * -1, x / 1e308, -x)
    return x + x

def min_max_nan(a, b):
    return min(a, b), max(a, b)

def int_float_cmp(i, f):
    return i == f, i < f, i > f

def to_float(s):
    return float(s)

nan = float("nan")
inf = float("inf")
for x in (nan, inf, -inf, 0.0, -0.0, 1.0, -2.5, 1e-320, 5e-324):
    print("classify", repr(x), classify(x), is_nan(x), repr(neg(x)))
print("signs", same_sign(0.0, -0.0), same_sign(-0.0, -1.0), same_sign(inf, 1.0), same_sign(-inf, 0.0))
print("negzero", repr(neg_zero_product(-1.0, 0.0)), repr(neg_zero_product(0.0, 0.0)),
      repr(neg_zero_product(-0.0, -0.0)), repr(neg(0.0)), repr(neg(0)))
for a, b in [(nan, nan), (nan, 1.0), (1.0, nan), (inf, inf), (-inf, inf), (0.0, -0.0), (inf, 10**400), (-inf, -(10**400))]:
    print("cmp", a, b)
    cmp_all(a, b)
for x in (inf, -inf, nan):
    print("inf_arith", x)
    print(" =", inf_arith(x))
print("minmax", min_max_nan(nan, 1.0), min_max_nan(1.0, nan), min_max_nan(-0.0, 0.0))
print("int_float", int_float_cmp(2**53 + 1, 2.0**53), int_float_cmp(2**53, 2.0**53), int_float_cmp(10**400, inf), int_float_cmp(-(10**400), -inf))
print("int_float", int_float_cmp(1, nan), int_float_cmp(0, -0.0), int_float_cmp(-1, -1.0000000000000002))
for s in ("nan", "-nan", "inf", "-Infinity", "-0.0", "1e400", "-1e-400", "0x1p3" if False else "8.0"):
    print("float", s, repr(to_float(s)), classify(to_float(s)))
print("nan is nan", nan is nan, nan == nan, nan in [nan], float("nan") in [float("nan")])
