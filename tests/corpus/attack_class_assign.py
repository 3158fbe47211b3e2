# pyjit-corpus: __class__ assignment WHILE compiled hot loops read attributes and call methods of the object: switching between classes with the same and different methods/class attributes, classes whose attribute is a property in one and a plain attribute in the other, __slots__-compatible classes, switching from a method the loop calls and from __eq__/__hash__ dunders, and objects in a list switching one by one
# pyjit-compiled: A.__init__, A.val, A.kind, B.val, B.kind, C.kind, C.x, S1.__init__, S1.get, S2.get
# pyjit-compiled: Flipper.__init__, Flipper.step, Flipper.__eq__, Flipper.__hash__, FlipperB.step
# pyjit-compiled: loop_switch_self, loop_switch_in_method, loop_property_vs_attr, loop_slots
# pyjit-compiled: loop_list_switch, loop_switch_via_dunder, loop_isinstance_after_switch, main


class A:
    K = 1

    def __init__(self, x):
        self.x = x

    def val(self):
        return self.x + self.K

    def kind(self):
        return "A"


class B:
    K = 100

    def val(self):
        return self.x * 2 + self.K

    def kind(self):
        return "B"


class C(A):
    K = 0.5

    @property
    def x(self):                     # data descriptor: hides the instance dict's 'x'
        return -7

    @x.setter
    def x(self, v):
        self.__dict__["x"] = v * 10

    def kind(self):
        return "C"


class S1:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def get(self):
        return self.a - self.b


class S2:
    __slots__ = ("a", "b")

    def get(self):
        return self.a * self.b


class Flipper:
    def __init__(self):
        self.n = 0

    def step(self, i):
        self.n += 1
        if i % 97 == 96:
            self.__class__ = FlipperB
        return 1

    def __eq__(self, other):
        self.__class__ = FlipperB if self.__class__ is Flipper else Flipper
        return False

    def __hash__(self):
        self.__class__ = Flipper
        return 5


class FlipperB(Flipper):
    def step(self, i):
        self.n += 2
        if i % 89 == 88:
            self.__class__ = Flipper
        return 10


def loop_switch_self(n):
    o = A(3)
    s = 0
    kinds = []
    for i in range(n):
        s += o.val() + o.x + o.K
        if i % 400 == 399:
            o.__class__ = B if type(o) is A else (C if type(o) is B else A)
            kinds.append(o.kind())
    return s, kinds


def loop_switch_in_method(n):
    f = Flipper()
    s = 0
    for i in range(n):
        s += f.step(i)
    return s, f.n, type(f).__name__


def loop_property_vs_attr(n):
    o = A(2)
    s = 0
    seen = []
    for i in range(n):
        s += o.x
        o.x = i % 5
        if i == 1000:
            o.__class__ = C           # property shadows the dict entry from now on
        elif i == 2000:
            o.__class__ = A
        if i % 500 == 0:
            seen.append((o.x, sorted(o.__dict__.items())))
    return s, seen


def loop_slots(n):
    o = S1(7, 3)
    s = 0
    for i in range(n):
        s += o.get() + o.a
        o.b = i % 4
        if i % 300 == 299:
            o.__class__ = S2 if type(o) is S1 else S1
    try:
        o.__class__ = A
    except TypeError as e:
        s = (s, str(e))
    return s


def loop_list_switch(n):
    objs = [A(i) for i in range(10)]
    s = 0
    for i in range(n):
        o = objs[i % 10]
        s += o.val()
        if i % 7 == 0:
            objs[i % 10].__class__ = B if type(o) is A else A
    return s, "".join(o.kind() for o in objs)


def loop_switch_via_dunder(n):
    f = Flipper()
    d = {}
    s = 0
    for i in range(n):
        s += f.step(i)
        if i % 50 == 0:
            s += (f == 1)              # __eq__ flips the class
        if i % 75 == 0:
            d[f] = i                   # __hash__ resets the class
    return s, f.n, type(f).__name__, list(d.values())[-1]


def loop_isinstance_after_switch(n):
    o = A(1)
    counts = [0, 0, 0]
    for i in range(n):
        if isinstance(o, C):
            counts[2] += 1
        elif isinstance(o, A):
            counts[0] += 1
        else:
            counts[1] += 1
        if i % 250 == 0:
            o.__class__ = [A, B, C][(i // 250) % 3]
    return counts


def main():
    print("switch self", loop_switch_self(3000))
    print("switch in method", loop_switch_in_method(3000))
    print("property vs attr", loop_property_vs_attr(3000))
    print("slots", loop_slots(2000))
    print("list switch", loop_list_switch(3000))
    print("via dunder", loop_switch_via_dunder(3000))
    print("isinstance", loop_isinstance_after_switch(3000))


main()
