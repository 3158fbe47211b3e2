"""Euclid's GCD over a grid of integer pairs.

Sums gcd(i, j) for 1 <= i, j < N with a subtraction-free Euclid loop
(``a, b = b, a % b``).  Models nested ``for`` loops calling a small
``while``-loop function, and tuple-free multiple assignment.  Hot functions
``gcd`` and ``gcd_sum`` compile at their first call.

Category "numeric-calls": numeric code with a Python call in its inner loop.
run.py reports it beside the numeric-loop target but does not hold it to it:
one call per 3-4 integer divisions reaches 5x only with ``gcd`` inlined
(C at -O2 is 5.4x with 64-bit, 6.9x with 32-bit division; see
docs/architecture.md, "No inlining of Python callees yet").
"""

CATEGORY = "numeric-calls"

N = 1300


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def gcd_sum(n):
    total = 0
    coprime = 0
    for i in range(1, n):
        for j in range(1, n):
            g = gcd(i, j)
            total += g
            if g == 1:
                coprime += 1
    return total * 1000000 + coprime


def run():
    return gcd_sum(N)
