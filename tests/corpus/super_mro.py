# pyjit-corpus: zero-argument super() and the __class__ cell in compiled methods, cooperative multiple inheritance (diamond), MRO order, super() in classmethods/properties/__init_subclass__, explicit two-argument super, method overriding and isinstance/issubclass
# pyjit-compiled: Base.__init__, Base.greet, Base.who, Base.create, Base.label, Left.__init__
# pyjit-compiled: Left.greet, Right.__init__, Right.greet, Right.create, Diamond.__init__
# pyjit-compiled: Diamond.greet, Diamond.label, Diamond.explicit, Diamond.cls_cell
# pyjit-compiled: Tracked.__init_subclass__, B.__init_subclass__, Shape.area, Shape.describe
# pyjit-compiled: Sq.__init__, Sq.area, run, run.<locals>.<listcomp>, super_errors, <module>

class Base:
    def __init__(self, **kw):
        self.trail = ["Base"]
        self.extra = dict(sorted(kw.items()))

    def greet(self):
        return "Base.greet"

    def who(self):
        return __class__.__name__ + "/" + type(self).__name__

    @classmethod
    def create(cls):
        return cls()

    @property
    def label(self):
        return "base-label"


class Left(Base):
    def __init__(self, left=1, **kw):
        super().__init__(**kw)
        self.trail.append("Left")
        self.left = left

    def greet(self):
        return "Left>" + super().greet()


class Right(Base):
    def __init__(self, right=2, **kw):
        super().__init__(**kw)
        self.trail.append("Right")
        self.right = right

    def greet(self):
        return "Right>" + super().greet()

    @classmethod
    def create(cls):
        obj = super().create()
        obj.trail.append("created:" + cls.__name__)
        return obj


class Diamond(Left, Right):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.trail.append("Diamond")

    def greet(self):
        return "Diamond>" + super().greet()

    @property
    def label(self):
        return "diamond+" + super().label

    def explicit(self):
        return super(Left, self).greet()

    def cls_cell(self):
        return __class__ is Diamond, __class__.__name__


class Tracked:
    subclasses = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Tracked.subclasses.append(cls.__name__)


class A(Tracked):
    pass


class B(A):
    def __init_subclass__(cls, **kwargs):
        cls.via_b = True
        super().__init_subclass__(**kwargs)


class C(B):
    pass


class Shape:
    def area(self):
        raise NotImplementedError(type(self).__name__ + ".area")

    def describe(self):
        return "%s with area %s" % (type(self).__name__, self.area())


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Unfinished(Shape):
    pass


def run():
    out = []
    d = Diamond(left=10, right=20, color="red")
    out.append(d.trail)
    out.append((d.left, d.right, d.extra))
    out.append(d.greet())
    out.append(d.label)
    out.append(d.explicit())
    out.append(d.cls_cell())
    out.append(d.who())
    out.append([k.__name__ for k in Diamond.__mro__])
    out.append(Diamond.create().trail)
    out.append(Tracked.subclasses)
    out.append((getattr(C, "via_b", False), getattr(B, "via_b", False)))
    out.append(Sq(3).describe())
    try:
        Unfinished().describe()
    except NotImplementedError as e:
        out.append("NotImplementedError: " + str(e))
    out.append((isinstance(d, Right), issubclass(Diamond, Base), issubclass(Sq, Diamond)))
    return out

def super_errors():
    out = []
    try:
        super()
    except RuntimeError as e:
        out.append("RuntimeError: " + str(e))
    try:
        super(Left, Right())
    except TypeError as e:
        out.append("TypeError: " + str(e))
    return out

for x in run():
    print(x)
print(super_errors())
