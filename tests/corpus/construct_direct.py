# pyjit-corpus: instances of plain classes are built by compiled code without type_call (object.__new__, then the compiled __init__ called directly): values and __slots__ layouts filled by __init__, __init__ returning non-None, raising, recursing to the limit, frames kept from __init__, classes whose construction is not plain (metaclass __call__, __new__, abstract, builtin bases, defaults, keywords, a staticmethod __init__, __init__ replaced at run time), attributes filled in a different order, and the instance dict's order
# pyjit-compiled: Point.__init__, Slotted.__init__, build_points, build_slotted, BadInit.__init__, bad_init, Raising.__init__, raising, Deep.__init__, deep, Keeper.__init__, keep_frames, Meta.__call__, others, Reorder.__init__, reorder, Swap.__init__, swapped
import abc
import sys


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.norm1 = abs(x) + abs(y)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


def build_points(n):
    pts = [Point(i, -i) for i in range(n)]
    total = 0
    for i in range(n):
        p = Point(i, 2 * i)
        total += p.norm1
    print("points", total, vars(pts[3]), list(pts[-1].__dict__))
    return pts


def build_slotted(n):
    s = None
    acc = 0
    for i in range(n):
        s = Slotted(i, s)
        acc += s.a
    depth = 0
    while s is not None:
        depth += 1
        s = s.b
    print("slotted", acc, depth)


class BadInit:
    def __init__(self, v):
        self.v = v
        return v


def bad_init():
    for v in (None, 0, "x"):
        try:
            o = BadInit(v)
            print("bad init ok", o.v)
        except TypeError as e:
            print("bad init", type(e).__name__, e)


class Raising:
    def __init__(self, n):
        if n > 2:
            raise ValueError("n=%d" % n)
        self.n = n


def raising():
    made = []
    for n in range(5):
        try:
            made.append(Raising(n).n)
        except ValueError as e:
            tb = e.__traceback__
            lines = []
            while tb is not None:
                lines.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
                tb = tb.tb_next
            print("raised", e, lines)
    print("made", made)


class Deep:
    def __init__(self, n):
        self.child = Deep(n - 1) if n > 0 else None


def deep():
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    for n in (50, 94, 95, 96, 97, 98, 99, 10000):
        try:
            Deep(n)
            print("deep ok", n)
        except RecursionError as e:
            print("deep", n, e)
    sys.setrecursionlimit(old)


class Keeper:
    def __init__(self, tag):
        self.tag = tag
        self.frame = sys._getframe()


def keep_frames():
    ks = [Keeper(i) for i in range(3)]
    k = Keeper("last")
    f = k.frame
    print("keeper", f.f_code.co_name, f.f_locals["tag"], f.f_back.f_code.co_name,
          f.f_back.f_lineno, [x.frame.f_locals["tag"] for x in ks])


class Meta(type):
    def __call__(cls, *args):
        obj = super().__call__(*args)
        obj.via_meta = True
        return obj


class WithMeta(metaclass=Meta):
    def __init__(self, a):
        self.a = a


class WithNew:
    def __new__(cls, a):
        obj = super().__new__(cls)
        obj.from_new = a
        return obj

    def __init__(self, a):
        self.a = a


class Abstract(abc.ABC):
    @abc.abstractmethod
    def m(self):
        pass

    def __init__(self):
        self.x = 1


class MyList(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n


class Defaults:
    def __init__(self, a, b=5):
        self.s = a + b


class StaticInit:
    @staticmethod
    def __init__(*args):
        print("static init", len(args))


def others():
    w = WithMeta(1)
    print("meta", w.a, w.via_meta)
    n = WithNew(2)
    print("new", n.a, n.from_new)
    try:
        Abstract()
    except TypeError as e:
        print("abstract", e)
    print("mylist", MyList(4), MyList(3).n)
    print("defaults", Defaults(1).s, Defaults(1, 2).s, Defaults(a=3, b=4).s)
    StaticInit(1, 2)
    try:
        Point(1)
    except TypeError as e:
        print("arity", e)
    try:
        Point(1, 2, 3)
    except TypeError as e:
        print("arity", e)


class Reorder:
    def __init__(self, flip):
        if flip:
            self.b = 2
            self.a = 1
        else:
            self.a = 1
            self.b = 2


def reorder():
    for flip in (False, True, False, True):
        r = Reorder(flip)
        print("order", list(r.__dict__), vars(r))
    r.c = 3
    del r.a
    r.a = 4
    print("order after", list(r.__dict__))


class Swap:
    def __init__(self, v):
        self.v = v


def swapped():
    out = []
    for i in range(6):
        if i == 3:
            def other_init(self, v):
                self.v = -v
            Swap.__init__ = other_init
        out.append(Swap(i).v)
    print("swapped", out)


for _ in range(3):
    build_points(200)
build_slotted(300)
bad_init()
raising()
deep()
keep_frames()
others()
reorder()
swapped()
