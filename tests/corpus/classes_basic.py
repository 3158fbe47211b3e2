# pyjit-corpus: classes with __init__, methods, properties (getter/setter/deleter), staticmethod, classmethod, class vs instance attributes, __repr__/__str__/__eq__/__len__, class bodies with loops (compiled class bodies), instances created and used in compiled code
# pyjit-compiled: Temperature, Temperature.__init__, Temperature.celsius, Temperature.fahrenheit
# pyjit-compiled: Temperature.valid, Temperature.from_fahrenheit, Temperature.__repr__
# pyjit-compiled: Temperature.__str__, Temperature.__eq__, Stack.__init__, Stack.push, Stack.pop
# pyjit-compiled: Stack.__len__, Stack.__bool__, Stack.__repr__, Vector, Vector.__init__
# pyjit-compiled: Vector.__add__, Vector.__add__.<locals>.<listcomp>, Vector.__mul__
# pyjit-compiled: Vector.__mul__.<locals>.<listcomp>, Vector.__repr__, Vector.named, use_temperature
# pyjit-compiled: use_stack, use_vector, class_vs_instance, <module>

class Temperature:
    scale_names = {}
    for _name, _factor in (("C", 1.0), ("F", 1.8), ("K", 1.0)):
        scale_names[_name] = _factor
    del _name, _factor
    instances = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.instances += 1

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero: %r" % value)
        self._c = value

    @celsius.deleter
    def celsius(self):
        self._c = 0.0

    @property
    def fahrenheit(self):
        return self._c * self.scale_names["F"] + 32

    @staticmethod
    def valid(value):
        return value >= -273.15

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) / 1.8)

    def __repr__(self):
        return "Temperature(%.2f)" % self._c

    def __str__(self):
        return "%.1f°C" % self._c

    def __eq__(self, other):
        if not isinstance(other, Temperature):
            return NotImplemented
        return round(self._c, 6) == round(other._c, 6)

    __hash__ = None


class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)
        return self

    def pop(self):
        return self.items.pop()

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)

    def __repr__(self):
        return "Stack(%r)" % (self.items,)


class Vector:
    dims = 2
    axis_names = []
    for i in range(dims):
        axis_names.append("xyzw"[i])

    def __init__(self, *coords):
        self.coords = coords

    def __add__(self, other):
        return Vector(*[a + b for a, b in zip(self.coords, other.coords)])

    def __mul__(self, k):
        return Vector(*[a * k for a in self.coords])

    __rmul__ = __mul__

    def __repr__(self):
        return "Vector" + repr(self.coords)

    def named(self):
        return dict(zip(self.axis_names, self.coords))


def use_temperature():
    t = Temperature(25)
    out = [repr(t), str(t), t.celsius, t.fahrenheit]
    t.celsius = 100
    out.append(t.fahrenheit)
    try:
        t.celsius = -300
    except ValueError as e:
        out.append(str(e))
    del t.celsius
    out.append(t.celsius)
    f = Temperature.from_fahrenheit(212)
    out.append(repr(f))
    out.append(f == Temperature(100))
    out.append(f == 100)
    out.append(Temperature.valid(-300))
    out.append(Temperature.instances)
    out.append(sorted(Temperature.scale_names.items()))
    out.append(hasattr(Temperature, "_name"))
    return out

def use_stack():
    s = Stack()
    out = [bool(s), len(s)]
    s.push(1).push(2).push(3)
    out.append(repr(s))
    out.append(s.pop())
    out.append(len(s))
    while s:
        out.append(s.pop())
    return out

def use_vector():
    v = Vector(1, 2)
    w = Vector(10, 20)
    return [v + w, v * 3, 2 * w, (v + w).named(), Vector.axis_names, Vector.i]

def class_vs_instance():
    a = Stack()
    b = Stack()
    a.tag = "mine"
    Stack.shared = "everyone"
    out = [a.tag, b.shared, hasattr(b, "tag"), "tag" in vars(a)]
    b.shared = "shadow"
    out += [a.shared, b.shared]
    del b.shared
    out.append(b.shared)
    del Stack.shared
    return out

for line in (use_temperature(), use_stack(), use_vector(), class_vs_instance()):
    print(line)
