"""Nested loops: Collatz sequence lengths for every start value below N.

Outer ``for`` loop over start values, inner ``while`` loop with a data-
dependent trip count and a branch per step (n // 2 versus 3n + 1).  Models
branchy integer code with unpredictable inner loop lengths.  Hot function
``collatz_total`` compiles at its first call; ``collatz_len`` is a separate
loop function called once per start value (call + loop mix).
"""

CATEGORY = "numeric"

N = 80_000


def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def collatz_total(limit):
    total = 0
    best = 0
    best_start = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n & 1:
                n = 3 * n + 1
            else:
                n = n >> 1
            steps += 1
        total += steps
        if steps > best:
            best = steps
            best_start = start
    # cross-check the inlined version against the called version for a few values
    for start in range(1, limit, 97):
        total += collatz_len(start)
    return total * 100000 + best_start


def run():
    return collatz_total(N)
