"""Integer arithmetic loop: a linear congruential generator mixed into an
accumulator with xor, shifts, masks and modulo.

Models tight integer code (hashing, PRNGs, checksums) where the per-iteration
work is a handful of BINARY_OPs on small and medium ints.  One hot function,
``kernel``, with a ``for ... in range`` loop, so it compiles at its first call.
"""

CATEGORY = "numeric"

N = 1_500_000


def kernel(n):
    acc = 0
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        acc = (acc ^ (x >> 7)) + (i & 255)
        acc = acc % 1000000007
        if acc & 1:
            acc = acc - (i % 7)
        else:
            acc = acc + (x // 65536)
    return acc


def run():
    return kernel(N)
