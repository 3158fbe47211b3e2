# pyjit-corpus: __getattr__, __getattribute__, __setattr__, data and non-data descriptors added to a class (and to a base class, and via the metaclass) WHILE a compiled hot loop loads/stores/calls attributes of its instances; the hook is added from inside the loop and from a method the loop calls, then removed again; missing attributes served by __getattr__ after AttributeError was cached
# pyjit-compiled: Obj.__init__, Obj.m, Base.__init__, Derived.m2, Desc.__init__, Desc.__get__, Desc.__set__
# pyjit-compiled: NonData.__get__, ga_hook, gattr_hook, sattr_hook, install_from_callee
# pyjit-compiled: loop_add_getattr, loop_add_getattribute, loop_add_data_descriptor, loop_add_nondata
# pyjit-compiled: loop_base_hook, loop_setattr_hook, loop_callee_installs, loop_slot_descriptor_replaced
# pyjit-compiled: Meta.__getattr__, loop_class_attr_metaclass, main


class Obj:
    def __init__(self, v):
        self.v = v

    def m(self):
        return self.v + 1


class Base:
    def __init__(self):
        self.a = 1


class Derived(Base):
    def m2(self):
        return self.a * 3


class Desc:
    def __init__(self, value):
        self.value = value
        self.gets = 0

    def __get__(self, obj, owner=None):
        self.gets += 1
        return self.value

    def __set__(self, obj, value):
        self.value = value * 2


class NonData:
    def __get__(self, obj, owner=None):
        return "nondata"


def gattr_hook(self, name):
    return "missing:" + name


def ga_hook(self, name):
    if name == "v":
        return -1
    return object.__getattribute__(self, name)


def sattr_hook(self, name, value):
    object.__setattr__(self, name, value + 1000)


def install_from_callee(i):
    if i == 1000:
        Obj.v = Desc(42)
    elif i == 2000:
        del Obj.v
    return 0


def loop_add_getattr(n):
    o = Obj(1)
    out = []
    for i in range(n):
        try:
            out.append(o.nope)
        except AttributeError as e:
            out.append(type(e).__name__)
        if i == 1000:
            Obj.__getattr__ = gattr_hook
        elif i == 2000:
            del Obj.__getattr__
    return out[998:1003], out[1998:2003], len(out)


def loop_add_getattribute(n):
    o = Obj(5)
    s = 0
    for i in range(n):
        s += o.v + o.m()
        if i == 1500:
            Obj.__getattribute__ = ga_hook
        elif i == 2500:
            del Obj.__getattribute__
    return s


def loop_add_data_descriptor(n):
    o = Obj(3)
    s = 0
    marks = []
    for i in range(n):
        s += o.v
        o.v = i % 3
        if i == 1000:
            Obj.v = Desc(100)
        elif i == 2000:
            marks.append(Obj.__dict__["v"].gets)
            del Obj.v
        if i % 400 == 0:
            marks.append((s, o.__dict__.get("v")))
    return s, marks


def loop_add_nondata(n):
    o = Obj(1)
    s = []
    for i in range(n):
        s.append(o.v if i > 900 or i % 2 == 0 else o.m())
        if i == 900:
            Obj.v = NonData()        # instance dict still wins for v
            Obj.m = NonData()        # but m is not in the instance dict: now a str
            # (calling a str fails: caught below)
    try:
        o.m()
    except TypeError as e:
        s.append(str(e))
    Obj.m = ORIG_M
    del Obj.v
    return s[-5:]


def loop_base_hook(n):
    d = Derived()
    s = 0
    for i in range(n):
        s += d.m2() + d.a
        if i == 700:
            Base.a = Desc(9)
        elif i == 1400:
            Base.a = property(lambda self: 50)
        elif i == 2100:
            del Base.a
    return s


def loop_setattr_hook(n):
    o = Obj(0)
    s = 0
    for i in range(n):
        o.v = i
        s += o.v
        if i == 1200:
            Obj.__setattr__ = sattr_hook
        elif i == 2400:
            del Obj.__setattr__
    return s


def loop_callee_installs(n):
    o = Obj(2)
    s = 0
    for i in range(n):
        s += o.v + install_from_callee(i)
    return s


def loop_slot_descriptor_replaced(n):
    class Slotted:
        __slots__ = ("x",)
    o = Slotted()
    o.x = 1
    s = 0
    slot = Slotted.__dict__["x"]
    for i in range(n):
        s += o.x
        if i == 800:
            Slotted.x = Desc(77)         # replaces the member descriptor
        elif i == 1600:
            Slotted.x = slot
    return s


class Meta(type):
    def __getattr__(cls, name):
        return len(name)


class WithMeta(metaclass=Meta):
    pass


def loop_class_attr_metaclass(n):
    s = 0
    for i in range(n):
        s += WithMeta.abc
        if i == 500:
            WithMeta.abc = 1000
        elif i == 1000:
            del WithMeta.abc
        elif i == 1500:
            Meta.abc = property(lambda cls: -2)
    return s


ORIG_M = Obj.m


def main():
    print("getattr", loop_add_getattr(3000))
    print("getattribute", loop_add_getattribute(3000))
    print("data descriptor", loop_add_data_descriptor(3000))
    print("nondata", loop_add_nondata(1000))
    print("base hook", loop_base_hook(3000))
    print("setattr", loop_setattr_hook(3000))
    print("callee installs", loop_callee_installs(3000))
    print("slot replaced", loop_slot_descriptor_replaced(2400))
    print("metaclass", loop_class_attr_metaclass(2000))


main()
