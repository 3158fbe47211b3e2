"""A small ray tracer with a vector class: object-oriented float code.

Renders a scene of spheres and one plane with diffuse and specular lighting,
shadows and one reflection bounce, at a small resolution.  Every vector is
an instance of ``Vec`` (``__slots__``), with operator methods (``__add__``,
``__sub__``, ``__mul__``), ``dot`` and ``norm``; objects are ``Sphere`` and
``Plane`` subclasses with an ``intersect`` and a ``normal_at`` method.  Models
OO numeric Python: many tiny methods, instance creation, attribute loads on
slotted objects, polymorphic calls, float arithmetic and ``math.sqrt``.
Checksum: the sum of the quantised pixel values.
"""

from math import sqrt

CATEGORY = "oo"

WIDTH = 256
HEIGHT = 192


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        length = sqrt(self.dot(self))
        return Vec(self.x / length, self.y / length, self.z / length)


class Thing:
    def __init__(self, colour, shine, mirror):
        self.colour = colour
        self.shine = shine
        self.mirror = mirror


class Sphere(Thing):
    def __init__(self, centre, radius, colour, shine, mirror):
        super().__init__(colour, shine, mirror)
        self.centre = centre
        self.r2 = radius * radius

    def intersect(self, origin, direction):
        oc = origin - self.centre
        b = oc.dot(direction)
        c = oc.dot(oc) - self.r2
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        root = sqrt(disc)
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        return t if t > 1e-6 else -1.0

    def normal_at(self, point):
        return (point - self.centre).norm()


class Plane(Thing):
    def __init__(self, point, normal, colour, shine, mirror):
        super().__init__(colour, shine, mirror)
        self.point = point
        self.normal = normal.norm()

    def intersect(self, origin, direction):
        denom = self.normal.dot(direction)
        if -1e-9 < denom < 1e-9:
            return -1.0
        t = (self.point - origin).dot(self.normal) / denom
        return t if t > 1e-6 else -1.0

    def normal_at(self, point):
        return self.normal


SCENE = [
    Sphere(Vec(0.0, 1.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 40.0, 0.3),
    Sphere(Vec(-2.0, 0.7, 6.0), 0.7, Vec(0.2, 0.9, 0.3), 10.0, 0.1),
    Sphere(Vec(1.8, 0.5, 4.0), 0.5, Vec(0.3, 0.3, 0.9), 80.0, 0.5),
    Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0), Vec(0.8, 0.8, 0.7), 0.0, 0.2),
]
LIGHT = Vec(-3.0, 6.0, 0.0)
EYE = Vec(0.0, 1.2, -1.0)


def nearest(origin, direction):
    best = None
    best_t = 1e30
    for thing in SCENE:
        t = thing.intersect(origin, direction)
        if 0.0 < t < best_t:
            best_t = t
            best = thing
    return best, best_t


def trace(origin, direction, depth):
    thing, t = nearest(origin, direction)
    if thing is None:
        return Vec(0.1, 0.1, 0.15)
    point = origin + direction * t
    normal = thing.normal_at(point)
    to_light = (LIGHT - point).norm()
    shadow, st = nearest(point, to_light)
    lit = shadow is None or st * st > (LIGHT - point).dot(LIGHT - point)
    colour = thing.colour * 0.1
    if lit:
        diffuse = normal.dot(to_light)
        if diffuse > 0.0:
            colour = colour + thing.colour * diffuse
        if thing.shine > 0.0:
            half = (to_light - direction).norm()
            spec = normal.dot(half)
            if spec > 0.0:
                k = spec ** thing.shine
                colour = colour + Vec(k, k, k)
    if depth > 0 and thing.mirror > 0.0:
        refl = direction - normal * (2.0 * direction.dot(normal))
        colour = colour * (1.0 - thing.mirror) + trace(point, refl, depth - 1) * thing.mirror
    return colour


def render(width, height):
    total = 0
    for py in range(height):
        for px in range(width):
            d = Vec((px - width / 2) / height, (height / 2 - py) / height, 1.0).norm()
            c = trace(EYE, d, 1)
            total += int(min(c.x, 1.0) * 255) + int(min(c.y, 1.0) * 255) + int(min(c.z, 1.0) * 255)
    return total


def run():
    return render(WIDTH, HEIGHT)
