"""Many small function calls in a loop.

Each iteration of ``kernel`` calls several tiny Python functions with 0-3
positional arguments, a two-level call chain, builtins (``abs``, ``min``,
``max``) and a method call via LOAD_METHOD (``int.bit_length``).  Models
call overhead: frame setup, argument passing, return.  ``kernel`` compiles at
first call; the leaf functions have no loops and compile after the threshold.
"""

CATEGORY = "calls"

N = 500_000


def const():
    return 7


def inc(x):
    return x + 1


def add(a, b):
    return a + b


def mix(a, b, c):
    return (a * 31 + b * 17 + c) % 1000003


def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def outer(a, b):
    return inner(a, b) + 1


def inner(a, b):
    return add(a, b) - inc(b)


def kernel(n):
    acc = 0
    for i in range(n):
        acc = add(acc, inc(i))
        acc = mix(acc, i, const())
        acc = clamp(acc, 1000, 900000)
        acc = acc + outer(i, acc) % 13
        acc = acc + abs(i - 40000) % 3 + min(i, 5) - max(i & 3, 1)
        acc = acc + i.bit_length()
    return acc


def run():
    return kernel(N)
