"""Euclid's GCD over a grid of integer pairs.

Sums gcd(i, j) for 1 <= i, j < N with a subtraction-free Euclid loop
(``a, b = b, a % b``).  Models nested ``for`` loops calling a small
``while``-loop function, and tuple-free multiple assignment.  Hot functions
``gcd`` and ``gcd_sum`` compile at their first call.
"""

CATEGORY = "numeric"

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
