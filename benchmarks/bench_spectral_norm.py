"""Spectral norm of the infinite matrix A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1).

Power iteration: ten rounds of v = A^T A u, then sqrt(u.v / v.v).  The
matrix entries are computed on the fly inside the inner loops (no call), the
vectors are lists of floats read by index and built with ``append``.  Models
a numeric kernel written in plain Python: float arithmetic, integer index
arithmetic, list subscripts in a doubly nested loop.  The checksum is the
norm rounded to 9 digits (the float itself must match stock bit for bit; it
does, since the operations and their order are the interpreter's).
"""

CATEGORY = "numeric-list"

N = 350
ROUNDS = 10


def times_a(u, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            ij = i + j
            s += u[j] / (ij * (ij + 1) // 2 + i + 1)
        out.append(s)
    return out


def times_at(u, n):
    out = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            ij = i + j
            s += u[j] / (ij * (ij + 1) // 2 + j + 1)
        out.append(s)
    return out


def times_ata(u, n):
    return times_at(times_a(u, n), n)


def spectral_norm(n):
    u = [1.0] * n
    v = u
    for _ in range(ROUNDS):
        v = times_ata(u, n)
        u = times_ata(v, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return (vbv / vv) ** 0.5


def run():
    return repr(round(spectral_norm(N), 9))
