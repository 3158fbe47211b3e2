"""Mixed JIT / interpreter code: calls crossing the boundary both ways.

``kernel`` (inside the subset, compiled) calls ``lookup`` which uses a list
subscript (outside the subset, interpreted) and ``step`` (compiled).
``driver`` keeps its own loop state in a list, so it runs in the interpreter,
and calls the compiled ``step``.  Models a realistic program where only part
of the code is compiled, and measures the cost of JIT <-> interpreter
transitions.  Functions deliberately left to the interpreter are listed in
INTERPRETED (checked by check_subset.py).
"""

N = 2_000_000
INTERPRETED = {"lookup", "driver"}

TABLE = [(i * 2654435761) % 4093 for i in range(64)]


def lookup(i):
    return TABLE[i & 63]


def step(x, y):
    return (x * 31 + y) % 65521


def kernel(n):
    acc = 1
    for i in range(n):
        acc = step(acc, lookup(i))
    return acc


def driver(n):
    state = [1, 0]
    for i in range(n):
        state[0] = step(state[0], i)
        state[1] += state[0] & 7
    return state[0] * 1000003 + state[1]


def run():
    return kernel(N) * 7 + driver(N // 2)
