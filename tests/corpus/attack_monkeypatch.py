# pyjit-corpus: methods and class attributes monkey-patched WHILE compiled hot loops call/read them: instance method replaced on the class (by a function, a lambda, a callable object, a builtin, a staticmethod, a classmethod), instance attribute shadowing a method, a classmethod and a class-level constant replaced from inside the loop and from a method the loop calls, base-class patch seen through a subclass, method deleted (AttributeError) and restored
# pyjit-compiled: Point.__init__, Point.norm1, Point.scaled, Point.make, Point.bump_factor, Sub.__init__
# pyjit-compiled: CallableObj.__init__, CallableObj.__call__, norm_double, norm_const, make_alt
# pyjit-compiled: loop_method_patch, loop_instance_shadow, loop_classmethod_patch, loop_class_const
# pyjit-compiled: loop_patch_from_method, loop_subclass_sees_base_patch, loop_delete_method, loop_mixed_receivers, main


class Point:
    FACTOR = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def scaled(self):
        return self.x * Point.FACTOR + self.y * self.FACTOR

    @classmethod
    def make(cls, v):
        return cls(v, v + 1)

    def bump_factor(self, i):
        if i == 600:
            Point.FACTOR = 3
        elif i == 1200:
            Point.FACTOR = 0.5         # int -> float
        elif i == 1800:
            Point.FACTOR = 2
        return i


class Sub(Point):
    def __init__(self, x, y):
        Point.__init__(self, x, y)
        self.tag = "sub"


class CallableObj:
    def __init__(self, k):
        self.k = k

    def __call__(self, *args):
        return self.k * (len(args) + 1)


def norm_double(self):
    return 2 * (abs(self.x) + abs(self.y))

def norm_const(self):
    return -1

def make_alt(cls, v):
    return Point(-v, v)


ORIG_NORM1 = Point.norm1
ORIG_MAKE = Point.__dict__["make"]


def loop_method_patch(pts, n):
    s = 0
    marks = []
    for i in range(n):
        p = pts[i % len(pts)]
        s += p.norm1()
        if i == 500:
            Point.norm1 = norm_double
        elif i == 1000:
            Point.norm1 = lambda self: self.x
        elif i == 1500:
            Point.norm1 = CallableObj(3)        # not a descriptor: called without self
        elif i == 2000:
            Point.norm1 = staticmethod(lambda: 100)
        elif i == 2500:
            Point.norm1 = classmethod(lambda cls: len(cls.__name__))
        elif i == 3000:
            Point.norm1 = ORIG_NORM1
        if i % 250 == 0:
            marks.append(s)
    return s, marks


def loop_instance_shadow(n):
    p = Point(3, 4)
    q = Point(5, 6)
    s = 0
    for i in range(n):
        s += p.norm1() + q.norm1()
        if i == 700:
            p.norm1 = lambda: 1000             # instance dict shadows the method (non-data descriptor)
        elif i == 1400:
            del p.norm1
        elif i == 1500:
            q.__dict__["norm1"] = CallableObj(-3)
    return s


def loop_classmethod_patch(n):
    s = 0
    for i in range(n):
        p = Point.make(i)
        s += p.x - p.y
        if i == 800:
            Point.make = classmethod(make_alt)
        elif i == 1600:
            Point.make = staticmethod(lambda v: Point(v, 0))
        elif i == 2400:
            Point.make = ORIG_MAKE
    return s


def loop_class_const(pts, n):
    s = 0
    for i in range(n):
        p = pts[i % len(pts)]
        s += p.scaled()
        p.bump_factor(i)
        if i == 2100:
            p.FACTOR = 10                      # instance attribute now shadows for self.FACTOR
        if i == 2300:
            del p.FACTOR
    return s


def loop_patch_from_method(n):
    p = Point(1, 2)
    s = 0
    for i in range(n):
        s += p.scaled()
        p.bump_factor(i)
    return s


def loop_subclass_sees_base_patch(n):
    objs = [Sub(1, 2), Point(1, 2), Sub(-3, 4)]
    s = 0
    for i in range(n):
        o = objs[i % 3]
        s += o.norm1()
        if i == 900:
            Point.norm1 = norm_const
        elif i == 1000:
            Sub.norm1 = norm_double           # subclass override added
        elif i == 1100:
            del Sub.norm1
        elif i == 1200:
            Point.norm1 = ORIG_NORM1
    return s


def loop_delete_method(n):
    p = Point(2, 2)
    s = 0
    errors = 0
    for i in range(n):
        try:
            s += p.norm1()
        except AttributeError as e:
            errors += 1
            last = str(e)
        if i == 400:
            del Point.norm1
        elif i == 450:
            Point.norm1 = ORIG_NORM1
    return s, errors, last


def loop_mixed_receivers(n):
    objs = [Point(1, 1), Sub(2, 2), 3, "ab", [1, 2]]
    out = []
    for i in range(n):
        o = objs[i % len(objs)]
        try:
            out.append(o.norm1())
        except AttributeError:
            out.append(None)
        if i == 50:
            Point.norm1 = lambda self: "patched"
    Point.norm1 = ORIG_NORM1
    return out[45:60]


def main():
    pts = [Point(1, 2), Point(-3, 4), Sub(5, -6), Point(2.5, 1)]
    print("method patch", loop_method_patch(pts, 3500))
    Point.norm1 = ORIG_NORM1
    print("instance shadow", loop_instance_shadow(2000))
    print("classmethod patch", loop_classmethod_patch(3000))
    print("class const", loop_class_const(pts, 2500), Point.FACTOR)
    Point.FACTOR = 2
    print("patch from method", loop_patch_from_method(2500), Point.FACTOR)
    Point.FACTOR = 2
    print("subclass", loop_subclass_sees_base_patch(2000))
    print("delete", loop_delete_method(1000))
    print("mixed", loop_mixed_receivers(200))
    print("after", Point(1, -1).norm1(), Point.make(1).x, Point.FACTOR)


main()
