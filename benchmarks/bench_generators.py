"""Generator pipelines: a lazy stream-processing chain of our own.

A source generator yields integers from a linear congruential sequence;
stages written as generator functions filter, map to records (tuples),
window them in pairs with ``yield from`` over a helper generator, and group
runs of equal keys; a generator expression and ``sum`` close the pipeline.
Each item crosses five generator frames, so the benchmark measures resuming
suspended frames (``YIELD_VALUE``, ``SEND``/``yield from``, ``FOR_ITER`` over
generators), the shape of data pipelines and lazy parsers.  Checksum: an int
from the grouped totals.
"""

CATEGORY = "generators"

N = 400_000


def source(n, seed):
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        yield x


def keep(stream, modulus):
    for x in stream:
        if x % modulus:
            yield x


def records(stream):
    for x in stream:
        yield (x & 7, x >> 20)


def pair_up(first, second):
    yield first
    yield second


def windows(stream):
    prev = None
    for rec in stream:
        if prev is not None:
            yield from pair_up(prev, rec)
        prev = rec


def group_runs(stream):
    key = None
    total = 0
    count = 0
    for k, v in stream:
        if k != key:
            if count:
                yield key, total, count
            key = k
            total = 0
            count = 0
        total += v
        count += 1
    if count:
        yield key, total, count


def pipeline(n, seed):
    groups = group_runs(windows(records(keep(source(n, seed), 5))))
    return sum(k * t + c for k, t, c in groups)


def run():
    return pipeline(N, 1) ^ pipeline(N // 2, 7)
