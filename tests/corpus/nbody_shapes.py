# pyjit-corpus: unboxed loops over lists of tuples of lists of floats (n-body style): iteration, unpacking, item reads and writes, math.sqrt and its domain error, a sqrt rebound mid-run, containers of other shapes, and a finaliser run by a store inside the loop that looks at the loop's locals
# pyjit-compiled: advance, energy, run, Noisy.__del__, overwrite, roots
import sys
from math import sqrt


def make(n):
    bodies = [[0.1 * k, 0.2 * k + 1.0, -0.3 * k, 0.0, 0.0, 0.0, 1.0 + k] for k in range(n)]
    pairs = [(bodies[i], bodies[j]) for i in range(n) for j in range(i + 1, n)]
    return bodies, pairs


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for b1, b2 in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * sqrt(d2))
            m1 = b1[6] * mag
            m2 = b2[6] * mag
            b1[3] -= dx * m2
            b1[4] -= dy * m2
            b1[5] -= dz * m2
            b2[3] += dx * m1
            b2[4] += dy * m1
            b2[5] += dz * m1
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for b1, b2 in pairs:
        dx = b1[0] - b2[0]
        e -= b1[6] * b2[6] / sqrt(dx * dx + 1.0)
    return e


def roots(xs):
    s = 0.0
    for i in range(len(xs)):
        s += sqrt(xs[i])
    return s


class Noisy:
    def __del__(self):
        f = sys._getframe(1)
        print("finaliser sees", f.f_code.co_name, sorted(
            (k, v) for k, v in f.f_locals.items() if isinstance(v, (int, float))))


def overwrite(xs, n):
    total = 0.0
    for i in range(n):
        total += 1.5
        xs[i] = total
    return total


def run():
    bodies, pairs = make(4)
    print(energy(bodies, pairs))
    advance(bodies, pairs, 0.01, 50)
    print(energy(bodies, pairs))
    print([round(v, 12) for b in bodies for v in b])
    # a negative square: ValueError from the right line
    bodies[1][0] = bodies[0][0]
    bodies[1][1] = bodies[0][1]
    bodies[1][2] = bodies[0][2]
    try:
        advance(bodies, pairs, 0.01, 2)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
    # tuples instead of lists: item stores fail in the loop as in the interpreter
    try:
        advance([(1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 1.0)], [], 0.5, 2)
    except TypeError as e:
        print("TypeError", e)
    # ints where floats were; a pair that is a list of three
    print(energy([[1, 2, 3, 4, 5, 6, 7]], []))
    try:
        energy([], [[[1.0] * 7, [2.0] * 7, [3.0] * 7]])
    except ValueError as e:
        print("ValueError", e)
    xs = [0.0, Noisy(), 0.0, Noisy()]
    print(overwrite(xs, 4), xs)


run()
import math
sqrt = lambda x: -1.0   # rebinding the global: the next calls see it
print(energy(*make(3)))
sqrt = math.sqrt
print(energy(*make(3)))
try:
    print(roots([4.0, 2.0, -1.0, 9.0]))
except ValueError as e:
    print("ValueError", e)
print(roots([4.0, -0.0, float("inf"), float("nan")]))
