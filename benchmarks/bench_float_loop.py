"""Float loop: two series for pi using scalar float arithmetic.

* the Leibniz series  pi = 4 * sum((-1)**k / (2k+1)), sign kept in a float;
* a midpoint-rule integration of 4 / (1 + x*x) over [0, 1].

Models numeric code on boxed floats: every iteration allocates float results,
which is what a JIT with unboxing would remove.  Hot functions ``leibniz`` and
``integrate`` each contain a loop and compile at their first call.  The
checksum is a float; IEEE semantics must be preserved bit-for-bit (no
reassociation, no fused multiply-add), so stock and JIT must agree exactly.
"""

CATEGORY = "numeric"

N_LEIBNIZ = 3_000_000
N_INTEGRATE = 3_000_000


def leibniz(n):
    total = 0.0
    sign = 1.0
    denom = 1.0
    for k in range(n):
        total = total + sign / denom
        sign = -sign
        denom = denom + 2.0
    return 4.0 * total


def integrate(n):
    h = 1.0 / n
    total = 0.0
    for i in range(n):
        x = (i + 0.5) * h
        total = total + 4.0 / (1.0 + x * x)
    return total * h


def run():
    return leibniz(N_LEIBNIZ) + integrate(N_INTEGRATE)
