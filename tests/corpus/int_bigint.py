# pyjit-corpus: ints overflowing machine words into bigints, huge ints, big shifts/powers, bigint floor div/mod
# pyjit-compiled: factorial, double_until, grow_mul, big_pow, big_divmod_parts, wrap_edges, negate_edges, digits_sum, shl, shr, fib_iter

def factorial(n):
    r = 1
    while n > 1:
        r *= n
        n -= 1
    return r

def double_until(x, limit):
    steps = 0
    while x < limit:
        x = x + x
        steps += 1
    return steps

def grow_mul(x, times):
    for i in range(times):
        x = x * 3 + 1
    return x

def big_pow(base, exp):
    return base ** exp

def big_divmod_parts(a, b):
    print("  //", a // b)
    print("  %", a % b)
    print("  -a//b", -a // b, "-a%b", -a % b)
    return a // b * b + a % b == a

def wrap_edges(x):
    # values around 2**31, 2**32, 2**63, 2**64
    print(x - 1, x, x + 1, x * 2, x * x, -x - 1)
    return x + x + x

def negate_edges(x):
    return -x

def digits_sum(n):
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s

def shl(a, n):
    return a << n

def shr(a, n):
    return a >> n

def fib_iter(n):
    a = 0
    b = 1
    for i in range(n):
        t = a + b
        a = b
        b = t
    return a

for n in (0, 1, 5, 20, 21, 25, 30, 50):
    print("fact", n, factorial(n))
f100 = factorial(100)
print("fact100 digits", len(str(f100)), "digit sum", digits_sum(f100))

print("double_until", double_until(1, 2**64), double_until(1, 2**200), double_until(3, 10))
print("grow", grow_mul(1, 40), grow_mul(-1, 40))

for e in (62, 63, 64, 65, 127, 128, 200):
    print("2**", e, big_pow(2, e), big_pow(-2, e))
print("big^3", big_pow(10**20 + 7, 3))

for a, b in [(2**100 + 12345, 97), (10**40, -7), (-(10**40) - 3, 10**15 + 9), (2**64, 2**32), (2**64 - 1, 2**63)]:
    print("divmod", a, b)
    print("  ok", big_divmod_parts(a, b))

for x in (2**31, 2**32, 2**62, 2**63, 2**64, 4611686018427387904, 9223372036854775807):
    print("edges", x, wrap_edges(x))
for x in (0, 1, -1, 2**63, -(2**63), 9223372036854775807, -9223372036854775808, 10**30):
    print("neg", x, negate_edges(x))

for n in (0, 1, 31, 32, 63, 64, 65, 100):
    print("shl", n, shl(1, n), shl(-3, n), shl(2**70 + 1, n))
for n in (0, 1, 31, 63, 64, 65, 100, 200):
    print("shr", n, shr(2**100 + 2**64 + 5, n), shr(-(2**100) - 1, n), shr(-1, n))

print("fib", fib_iter(90), fib_iter(91), fib_iter(92), fib_iter(93), fib_iter(200))
