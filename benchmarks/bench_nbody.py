"""N-body gravity simulation with bodies stored as lists of floats.

Six bodies (a heavy central mass and five satellites on roughly circular,
slightly inclined orbits, generated deterministically) are integrated with a
fixed-step symplectic Euler scheme.  Each body is a list
``[x, y, z, vx, vy, vz, mass]``; the interacting pairs are precomputed as a
list of 2-tuples of body lists.  ``advance`` unpacks each pair, reads and
writes list elements, and does the float arithmetic (``sqrt`` from ``math``);
``energy`` computes the total energy before and after.

Models numeric Python written without NumPy: float arithmetic mixed with
list subscripts (BINARY_SUBSCR / STORE_SUBSCR on lists of floats), tuple
unpacking in ``for`` loops and augmented assignment to list elements.  It is
numeric code but not a pure scalar loop: category "numeric-list", counted
among the numeric loops of the targets like "numeric".  The checksum is a float and must
match stock bit for bit.
"""

from math import sqrt

CATEGORY = "numeric-list"

N_SATELLITES = 5
STEPS = 50_000
DT = 0.001


def make_system(n):
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0]]
    for i in range(n):
        r = 1.0 + 0.7 * i
        angle = 1.3 * i + 0.4
        # position on a circle in a plane tilted by a small angle
        c = 1.0 - angle * angle / 2.0 + angle ** 4 / 24.0 - angle ** 6 / 720.0
        s = angle - angle ** 3 / 6.0 + angle ** 5 / 120.0 - angle ** 7 / 5040.0
        norm = sqrt(c * c + s * s)
        c = c / norm
        s = s / norm
        tilt = 0.02 * (i - 2)
        speed = sqrt(40.0 / r)
        mass = 0.01 + 0.003 * i
        bodies.append([r * c, r * s, r * s * tilt,
                       -speed * s, speed * c, speed * c * tilt, mass])
    return bodies


def make_pairs(bodies):
    pairs = []
    n = len(bodies)
    for i in range(n - 1):
        for j in range(i + 1, n):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        m = b[6]
        px += b[3] * m
        py += b[4] * m
        pz += b[5] * m
    sun = bodies[0]
    m = sun[6]
    sun[3] = -px / m
    sun[4] = -py / m
    sun[5] = -pz / m


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        vx = b[3]
        vy = b[4]
        vz = b[5]
        e += 0.5 * b[6] * (vx * vx + vy * vy + vz * vz)
    for b1, b2 in pairs:
        dx = b1[0] - b2[0]
        dy = b1[1] - b2[1]
        dz = b1[2] - b2[2]
        e -= b1[6] * b2[6] / sqrt(dx * dx + dy * dy + dz * dz)
    return e


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


def run():
    bodies = make_system(N_SATELLITES)
    pairs = make_pairs(bodies)
    offset_momentum(bodies)
    e0 = energy(bodies, pairs)
    advance(bodies, pairs, DT, STEPS)
    e1 = energy(bodies, pairs)
    pos = 0.0
    for b in bodies:
        pos += b[0] + 2.0 * b[1] + 3.0 * b[2]
    return e0 + 1000.0 * e1 + pos
