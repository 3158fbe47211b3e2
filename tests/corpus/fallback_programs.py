# pyjit-corpus: constructs that fell back under the skeleton subset (f-strings, try/except, with, list/dict/set literals, subscripts, attributes, closures, unpacking, raise, assert, comprehensions, *args, kwargs, slices, import) now compiled; compiled helpers in between
# pyjit-compiled: helper_sq, helper_concat, compiled_driver, uses_fstring, uses_try, uses_with, uses_literals, uses_subscript, uses_attr, uses_closure, uses_unpack, uses_raise, uses_assert, uses_comprehension, uses_star_args, uses_kwargs_call, uses_slice, uses_import

class Ctx:
    def __init__(self, log):
        self.log = log
    def __enter__(self):
        self.log.append("enter")
        return self
    def __exit__(self, *a):
        self.log.append("exit")
        return False

def helper_sq(x):
    return x * x

def helper_concat(a, b):
    return a + b

def uses_fstring(x):
    return f"{x}:{helper_sq(x):04d}:{x / 3:.3f}"

def uses_try(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        return "caught " + str(e)
    finally:
        print("  finally", x)

def uses_with(log):
    with Ctx(log) as c:
        log.append("body")
    return len(log)

def uses_literals(x):
    return [x, helper_sq(x)], {"k": x}, {x, x + 1}, (x, -x)

def uses_subscript(seq, i):
    return seq[i] + seq[-1]

def uses_attr(c):
    return c.real + c.imag

def uses_closure(n):
    def inner(k):
        return k + n
    return inner(1) + inner(2)

def uses_unpack(pair):
    a, b = pair
    return helper_concat(b, a)

def uses_raise(x):
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x

def uses_assert(x):
    assert x > 0, "must be positive"
    return x

def uses_comprehension(n):
    return sum([helper_sq(i) for i in range(n)])

def uses_star_args(*args):
    return helper_concat(*args)

def uses_kwargs_call(x):
    return sorted(x, reverse=True)

def uses_slice(s):
    return s[1:-1]

def uses_import():
    import math
    return math.floor(2.5)

def compiled_driver(n):
    total = 0
    for i in range(n):
        total += len(uses_fstring(i))
        total += uses_subscript("abcdef", i)== "x"
        total += uses_closure(i)
    return total

print(uses_fstring(7), uses_fstring(-2))
print(uses_try(5), uses_try(0))
log = []
print(uses_with(log), log)
print(uses_literals(3))
print(uses_subscript([1, 2, 3], 0), uses_subscript("xyz", 1))
print(uses_attr(3 + 4j), uses_attr(2.5))
print(uses_closure(10))
print(uses_unpack(("a", "b")), uses_unpack([1, 2]))
try:
    uses_raise(-3)
except ValueError as e:
    print(type(e).__name__, e)
print(uses_raise(3))
try:
    uses_assert(0)
except AssertionError as e:
    print(type(e).__name__, e)
print(uses_assert(2))
print(uses_comprehension(10))
print(uses_star_args("x", "y"), uses_star_args(1, 2))
print(uses_kwargs_call([3, 1, 2]))
print(uses_slice("hello"), uses_slice([1, 2, 3, 4]))
print(uses_import())
print(compiled_driver(4))
