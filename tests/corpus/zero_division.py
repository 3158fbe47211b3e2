# pyjit-corpus: ZeroDivisionError from int/float/bigint /, //, %, ** and in-place forms inside compiled code, caught at module level
# pyjit-compiled: div, fdiv, mod, idiv_inplace, imod_inplace, zero_pow, safe_ratio, checked, loop_until_zero

def div(a, b):
    return a / b

def fdiv(a, b):
    return a // b

def mod(a, b):
    return a % b

def idiv_inplace(a, b):
    a /= b
    return a

def imod_inplace(a, b):
    a %= b
    return a

def zero_pow(a, b):
    return a ** b

def safe_ratio(a, b):
    if b == 0:
        return None
    return a / b

def checked(a, b):
    # the exception happens after some work; the partial print must appear
    print("checked start", a, b)
    c = a * 2
    d = c // b
    print("checked never here", d)
    return d

def loop_until_zero(n):
    total = 0
    for i in range(n, -n, -1):
        total += 100 // i
    return total

cases = [(1, 0), (1.0, 0), (1, 0.0), (0, 0), (2**100, 0), (-5, -0.0), (0.0, 0.0)]
for fn in (div, fdiv, mod, idiv_inplace, imod_inplace):
    for a, b in cases:
        try:
            print(fn.__name__, a, b, fn(a, b))
        except ZeroDivisionError as e:
            print(fn.__name__, a, b, type(e).__name__, e)
for a, b in [(0, -1), (0.0, -1), (0, -2.5), (2, -1), (0.0, 0)]:
    try:
        print("zero_pow", a, b, zero_pow(a, b))
    except ZeroDivisionError as e:
        print("zero_pow", a, b, type(e).__name__, e)
print("safe", safe_ratio(1, 0), safe_ratio(3, 4), safe_ratio(0.0, 0.0))
try:
    checked(21, 0)
except ZeroDivisionError as e:
    print("caught", type(e).__name__, e)
try:
    loop_until_zero(5)
except ZeroDivisionError as e:
    print("loop caught", type(e).__name__, e)
print("after errors", div(7, 2), fdiv(-7, 2), mod(-7, 2))
