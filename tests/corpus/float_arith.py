# pyjit-corpus: float arithmetic, mixed int/float, true division of ints, float floor div/mod/pow, accumulation
# pyjit-compiled: fadd, fsub, fmul, tdiv, ffloordiv, fmod, fpow, mixed, harmonic, newton_sqrt, mean_of, horner, int_true_div

def fadd(a, b):
    return a + b

def fsub(a, b):
    return a - b

def fmul(a, b):
    return a * b

def tdiv(a, b):
    return a / b

def ffloordiv(a, b):
    return a // b

def fmod(a, b):
    return a % b

def fpow(a, b):
    return a ** b

def mixed(i, f):
    x = i + f
    x *= i
    x -= f / 2
    x += i // 3
    return x

def harmonic(n):
    s = 0.0
    for k in range(1, n + 1):
        s += 1 / k
    return s

def newton_sqrt(x):
    g = x / 2.0 if x > 1 else 1.0
    for i in range(60):
        g = (g + x / g) / 2
    return g

def mean_of(seq):
    total = 0
    n = 0
    for v in seq:
        total += v
        n += 1
    return total / n

def horner(x):
    r = 0.0
    for c in (1.5, -2.25, 0.125, 3.0, -0.5):
        r = r * x + c
    return r

def int_true_div(a, b):
    return a / b

floats = [0.0, 1.0, -1.5, 0.1, 2.5, 1e300, -1e-300, 3.141592653589793, 1e16, 7]
for a in floats:
    for b in (0.3, -2.0, 1e-5, 3):
        print(a, b, fadd(a, b), fsub(a, b), fmul(a, b), tdiv(a, b), ffloordiv(a, b), fmod(a, b))
print("0.1+0.2", fadd(0.1, 0.2), fadd(0.1, 0.2) == 0.3)
for a, b in [(2.0, 0.5), (-8.0, 1 / 3), (10.0, -2), (2, 0.5), (1.0001, 10000), (0.0, 0.0), (2.0, 1024)]:
    try:
        print("fpow", a, b, fpow(a, b))
    except Exception as e:
        print("fpow", a, b, type(e).__name__, e)
print("mixed", mixed(3, 0.5), mixed(-7, 2.25), mixed(10**15, 0.1), mixed(True, 1.0))
print("harmonic", harmonic(1), harmonic(10), harmonic(1000))
for x in (2, 2.0, 10, 1e10, 0.25, 12345.678):
    print("sqrt", x, newton_sqrt(x))
print("mean", mean_of([1, 2, 3, 4]), mean_of((0.5, 1.5)), mean_of(range(101)))
print("horner", horner(0.0), horner(1.0), horner(-2.5))
for a, b in [(1, 3), (-1, 3), (10**20, 3), (2**53 + 1, 1), (7, -2), (0, 5), (10**400, 10**399), (1, 2**1100)]:
    print("truediv", a, b, int_true_div(a, b))
try:
    print(int_true_div(10**400, 3))
except OverflowError as e:
    print("OverflowError", e)
try:
    print(fmul(1e308, 10) , fpow(10.0, 400))
except OverflowError as e:
    print("OverflowError", e)
