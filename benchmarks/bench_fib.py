"""Recursive Fibonacci.

Models call-dominated code: fib(32) makes 7,049,155 Python-to-Python calls
per run, each doing a compare, two subtractions and an add.  ``fib`` has no
loop, so it compiles after the JIT's call-count threshold (within the first
run); after that every recursive call goes JIT -> JIT.
"""

CATEGORY = "calls"

N = 32


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def run():
    return fib(N)
