"""Prime counting by trial division.

For every odd candidate below N, divide by odd numbers d while d*d <= n.
Models nested loops with an early ``break``-style exit (implemented with a
flag and ``while`` condition) and modulo in the inner loop.  Hot function
``count_primes`` compiles at its first call.
"""

CATEGORY = "numeric"

N = 350_000


def count_primes(limit):
    count = 1  # the prime 2
    checksum = 2
    for n in range(3, limit, 2):
        d = 3
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 2
        if prime:
            count += 1
            checksum = (checksum * 31 + n) % 1000000007
    return count * 1000000007 + checksum


def run():
    return count_primes(N)
