# pyjit-corpus: small-int arithmetic (+ - * // % ** and in-place forms), negative floor division and modulo
# pyjit-compiled: add, sub, mul, floordiv, mod, power, divmod_by_hand, inplace_all, poly, sum_to, alternating

def add(a, b):
    return a + b

def sub(a, b):
    return a - b

def mul(a, b):
    return a * b

def floordiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def power(a, b):
    return a ** b

def divmod_by_hand(a, b):
    q = a // b
    r = a % b
    # Python's invariant: q * b + r == a, and r has the sign of b
    print(a, b, q, r, q * b + r == a)
    return q * 1000 + r

def inplace_all(x):
    x += 7
    x -= 3
    x *= 5
    x //= 3
    x %= 97
    x **= 2
    return x

def poly(x):
    return 3 * x * x - 2 * x + 1

def sum_to(n):
    total = 0
    i = 0
    while i <= n:
        total += i
        i += 1
    return total

def alternating(n):
    s = 0
    sign = 1
    for i in range(1, n + 1):
        s += sign * i
        sign = -sign
    return s

pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (0, -5), (1, 3), (-1, 3),
         (1, -3), (-1, -3), (100, 7), (-100, 7), (2**30, 3), (-(2**30), 3)]
for a, b in pairs:
    print("pair", a, b, add(a, b), sub(a, b), mul(a, b), floordiv(a, b), mod(a, b))
    print("  dm", divmod_by_hand(a, b), divmod(a, b))

for a, b in [(2, 10), (3, 5), (-2, 3), (-3, 4), (0, 0), (1, 100), (-1, 101), (7, 0)]:
    print("pow", a, b, power(a, b))
print("pow negative exponent", power(2, -1), power(-4, -2))

for x in range(-5, 6):
    print("inplace", x, inplace_all(x), "poly", poly(x))

print(sum_to(0), sum_to(1), sum_to(100), sum_to(10000))
print(alternating(0), alternating(1), alternating(10), alternating(1001))
print(add(True, True), mul(True, 5), sub(False, 1), floordiv(True, True))
