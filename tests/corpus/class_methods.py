# pyjit-corpus: methods as compiled functions: instance methods calling other methods via LOAD_METHOD, staticmethod, classmethod, nested class methods, properties' getters called through, inheritance and overriding
# pyjit-compiled: Shape.describe, Shape.area_plus, Square.area, Square.side_value, Circle.area, Outer.Inner.twice, Outer.method, Util.clamp, Util.make, Counter.incr, total_area, Base.template, Derived.hook, Base.hook, Circle.kind, Square.kind

class Shape:
    def describe(self):
        return self.kind() + " with area " + str(self.area())
    def area_plus(self, extra):
        return self.area() + extra

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def kind(self):
        return "square"
    def side_value(self):
        return self.get_side()
    def get_side(self):
        return self.s
    def area(self):
        return self.side_value() * self.side_value()

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def kind(self):
        return "circle"
    def radius(self):
        return self.r
    def area(self):
        return 3 * self.radius() * self.radius()

class Outer:
    class Inner:
        def twice(self, x):
            return x + x
    def method(self, x):
        return Outer.Inner().twice(x) + 1

class Util:
    @staticmethod
    def clamp(x, lo, hi):
        if x < lo:
            return lo
        if x > hi:
            return hi
        return x
    @classmethod
    def make(cls, v):
        return cls.__call__() if v is None else Util.clamp(v, 0, 10)

class Counter:
    def __init__(self):
        self.n = 0
    def bump(self):
        self.n += 1
        return self.n
    def incr(self, times):
        last = 0
        for i in range(times):
            last = self.bump()
        return last

class Base:
    def template(self, x):
        return "[" + self.hook(x) + "]"
    def hook(self, x):
        return "base " + str(x)

class Derived(Base):
    def hook(self, x):
        return "derived " + str(x * 2)

def total_area(shapes):
    t = 0
    for s in shapes:
        t += s.area()
    return t

shapes = [Square(3), Circle(2), Square(1)]
for s in shapes:
    print(s.describe(), s.area_plus(0.5))
print("total", total_area(shapes), total_area([]))
print("outer", Outer().method(20), Outer.Inner().twice("ab"))
print("util", Util.clamp(-5, 0, 10), Util.clamp(50, 0, 10), Util().clamp(5, 0, 10), Util.make(99), type(Util.make(None)).__name__)
c = Counter()
print("counter", c.incr(5), c.incr(3), c.n)
print(Base().template(1), Derived().template(1))
print("unbound call", Square.area(Square(4)), Shape.describe(Circle(1)))
try:
    Shape().describe()
except AttributeError as e:
    print("AttributeError", e)
