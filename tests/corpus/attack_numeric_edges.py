# pyjit-corpus: hot unboxed numeric loops pushed over the edges: int add/mul/sub/shift/negation/abs/pow overflowing 64 bits into bigints mid-loop (and back down), -(min int), floor div and modulo of min int by -1, int loop variables becoming floats halfway, int/float comparisons at 2**53 and beyond, true division, -0.0, nan and inf arithmetic and comparisons, bool mixed in, and values whose type changes after warm-up
# pyjit-compiled: add_overflow, mul_overflow, shift_overflow, negate_min, floordiv_mod_min, pow_loop
# pyjit-compiled: int_becomes_float, int_float_compare, true_division, neg_zero, nan_inf, mixed_bool
# pyjit-compiled: countdown_below_min, accumulate_types, sub_overflow, abs_min, main, fmt
import math
import sys

MIN = -(2 ** 63)
MAX = 2 ** 63 - 1


def fmt(x):
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, int) and abs(x) > 10 ** 30:
        return "big:%d:%d" % (x.bit_length(), x % 1000003)
    return repr(x)


def add_overflow(start, step, n):
    x = start
    marks = []
    for i in range(n):
        x += step
        if i % 500 == 0 or MAX - 3 * abs(step) < x < MAX + 3 * abs(step):
            marks.append(fmt(x))
    return fmt(x), marks[:30]


def sub_overflow(n):
    x = MIN + 2 * n // 3
    out = []
    for i in range(n):
        x -= 1
        if x < MIN + 3 or x == MIN - 1:
            out.append(x)
    return out[:10], x


def mul_overflow(n):
    x = 1
    trail = []
    for i in range(n):
        x = x * 3 if i < 60 else x // 7 if x > 10 else x * 5
        if i % 7 == 0:
            trail.append(fmt(x))
    return trail


def shift_overflow(n):
    out = []
    for i in range(n):
        k = i % 70
        v = 1 << k
        w = (-1) << k
        u = v >> 3
        out.append((v ^ w) & 0xFFFF if k < 64 else v.bit_length() + w.bit_length() + u)
    return sum(out), out[60:70]


def negate_min(n):
    vals = [MIN, MIN + 1, -1, 0, MAX]
    out = []
    s = 0
    for i in range(n):
        v = vals[i % 5]
        r = -v
        s += r & 1
        if i < 10:
            out.append(r)
    return s, out


def abs_min(n):
    s = 0
    for i in range(n):
        v = MIN + (i % 3)
        s += abs(v) - MAX
    return s


def floordiv_mod_min(n):
    out = []
    for i in range(n):
        a = MIN if i % 2 == 0 else MAX
        b = -1 if i % 3 else 7
        out.append((a // b, a % b, divmod(a, b)))
    return out[:6], len(out)


def pow_loop(n):
    s = 0
    for i in range(n):
        s += (i % 50) ** (i % 5)
        s += 3 ** (i % 45)
    neg = [2 ** -1, (-2) ** 63, (-2) ** 64, 0 ** 0, pow(7, 70, 1000000007)]
    return fmt(s), neg


def int_becomes_float(n):
    x = 0
    marks = []
    for i in range(n):
        x += 1
        if i == n // 2:
            x = x + 0.5
        if i == 3 * n // 4:
            x = int(x * 2)
        if i % 300 == 0:
            marks.append(x)
    return x, marks


def int_float_compare(n):
    big = 2 ** 53
    res = []
    for i in range(n):
        a = big + (i % 4)
        f = float(a)
        res.append((a == f, a < f, a > f, a != f + 1.0, a <= f))
    extra = [2 ** 63 == 2.0 ** 63, 2 ** 64 - 1 < 2.0 ** 64, MAX < float(MAX), MIN == float(MIN),
             10 ** 400 > 1e308, -(10 ** 400) < -math.inf, 1 == 1.0000000000000002]
    return res[:8], extra


def true_division(n):
    s = 0.0
    out = []
    for i in range(1, n):
        s += i / 3
        s += (2 ** 60 + i) / (i + 1)
        if i % 1000 == 0:
            out.append(repr(s))
    try:
        s = s / 0
    except ZeroDivisionError as e:
        out.append(str(e))
    out.append(repr((10 ** 400) / (10 ** 399)))
    try:
        out.append(repr((10 ** 400) / 3))
    except OverflowError as e:
        out.append(str(e))
    return out


def neg_zero(n):
    out = []
    z = 0.0
    for i in range(n):
        z = -z * 1.0
        if i < 4:
            out.append(repr(z))
    out.append(repr(-0.0 + 0.0))
    out.append(repr(-0.0 - 0.0))
    out.append(repr(0.0 * -1))
    out.append(repr(-0.0 % 5))
    out.append(repr(math.copysign(1, -0.0 * 0)))
    out.append(repr(divmod(-0.0, 1.0)))
    out.append(-0.0 == 0.0)
    out.append(repr(round(-0.4)))
    out.append(repr(-(0.0)))
    return out


def nan_inf(n):
    nan = float("nan")
    inf = float("inf")
    counts = [0] * 6
    x = 1.0
    for i in range(n):
        x = x * 1e10 if i < 40 else x - x
        if x != x:
            counts[0] += 1
        if x == inf:
            counts[1] += 1
        if nan < x or nan >= x:
            counts[2] += 1
        if x > 1e300:
            counts[3] += 1
        y = nan if i % 2 else inf
        if y == y:
            counts[4] += 1
        if not (y < 0):
            counts[5] += 1
    return counts, repr(x), repr(inf - inf), repr(inf * 0), repr(-inf), nan in [nan], nan == nan


def mixed_bool(n):
    s = 0
    t = 0.0
    for i in range(n):
        b = i % 3 == 0
        s += b + True
        s -= False
        t += b * 1.5
        s += (b << 62) >> 60
    return s, t


def countdown_below_min(n):
    i = MIN + n // 2
    steps = 0
    while i > MIN - n // 2:
        i -= 1
        steps += 1
    return steps, fmt(i)


def accumulate_types(n):
    acc = 0
    kinds = []
    for i in range(n):
        if i == n // 4:
            acc = float(acc)
        elif i == n // 2:
            acc = int(acc) * 2 ** 70
        elif i == 3 * n // 4:
            acc = acc % 1000
        acc += i
        if i % (n // 8) == 0:
            kinds.append((type(acc).__name__, fmt(acc)))
    return kinds


def main():
    print(add_overflow(MAX - 2000, 1, 4000))
    print(add_overflow(MIN + 2000, -1, 4000))
    print(add_overflow(0, 2 ** 61, 10))
    print(sub_overflow(3000))
    print(mul_overflow(200))
    print(shift_overflow(3000))
    print(negate_min(3000))
    print(abs_min(3000))
    print(floordiv_mod_min(2000))
    print(pow_loop(3000))
    print(int_becomes_float(3000))
    print(int_float_compare(3000))
    print(true_division(4000))
    print(neg_zero(3000))
    print(nan_inf(3000))
    print(mixed_bool(3000))
    print(countdown_below_min(4000))
    print(accumulate_types(4000))
    # after warm-up on ints: the same functions with floats and bools
    print(add_overflow(0.5, 0.25, 1000)[0], add_overflow(True, True, 5))
    print(negate_min.__name__, abs_min(3))
    print(sys.maxsize == MAX)


main()
