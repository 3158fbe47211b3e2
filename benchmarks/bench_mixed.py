"""Mixed JIT / interpreter code: calls crossing the boundary both ways.

``kernel`` (compiled) calls ``lookup`` (interpreted) and ``step`` (compiled).
``driver`` (interpreted) keeps its loop state in a list and calls the
compiled ``step``.  Models a realistic program where only part of the code
is compiled, and measures the cost of JIT <-> interpreter transitions.

What keeps ``lookup`` and ``driver`` in the interpreter is a ``match``
statement: a class pattern (MATCH_CLASS) on a rare path that is never taken
in ``lookup``, a sequence pattern (MATCH_SEQUENCE, GET_LEN) run once at the
end of ``driver``.  Pattern matching is outside what pyjit compiles.
(Until the "core of Python" extension, a plain list subscript did that job;
the functions compute exactly what they did then, same checksum.)  If pyjit
ever compiles ``match``, replace it with whatever still falls back.
Functions deliberately left to the interpreter are listed in INTERPRETED
(check_subset.py fails when such a function becomes compilable).
"""

CATEGORY = "mixed"

N = 2_000_000
INTERPRETED = {"lookup", "driver"}

TABLE = [(i * 2654435761) % 4093 for i in range(64)]


def lookup(i):
    if i < 0:  # rare path, never taken here
        match i:
            case int():
                raise IndexError("negative index %d" % i)
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
    match state:
        case [a, b]:
            return a * 1000003 + b


def run():
    return kernel(N) * 7 + driver(N // 2)
