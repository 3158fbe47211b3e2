"""The demo program: numeric kernels of the kind pyjit compiles today.

    python3.11 scripts/demo_app.py          # stock interpreter
    python3.11 scripts/demo_app.py --jit    # with pyjit (PYTHONPATH must reach the package)
"""
import json
import sys
import time


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


def count_primes(limit):
    count = 0
    for n in range(limit):
        if is_prime(n):
            count += 1
    return count


def integrate(steps):
    # midpoint rule for the integral of 4 / (1 + x*x) over [0, 1], i.e. pi
    h = 1.0 / steps
    total = 0.0
    for i in range(steps):
        x = (i + 0.5) * h
        total += 4.0 / (1.0 + x * x)
    return total * h


def escape(cr, ci, limit):
    zr = 0.0
    zi = 0.0
    n = 0
    while n < limit and zr * zr + zi * zi <= 4.0:
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        n += 1
    return n


def mandelbrot(w, h):
    total = 0
    for y in range(h):
        for x in range(w):
            total += escape(-2.0 + 2.5 * x / w, -1.25 + 2.5 * y / h, 50)
    return total


def main():
    return (count_primes(300000), round(integrate(8000000), 10), mandelbrot(600, 400))


if __name__ == "__main__":
    jit = "--jit" in sys.argv
    if jit:
        import pyjit

        pyjit.enable()
    t0 = time.perf_counter()
    result = main()
    elapsed = time.perf_counter() - t0
    out = {"result": result, "seconds": elapsed}
    if jit:
        out["stats"] = pyjit.stats()
    print(json.dumps(out))
