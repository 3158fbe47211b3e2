# pyjit-corpus: __slots__ (AttributeError messages for missing and unknown slots, no __dict__), __getattr__ fallback, __getattribute__ overrides calling object.__getattribute__, __setattr__/__delattr__ hooks, getattr/setattr/delattr/hasattr with defaults
# pyjit-compiled: Point.__init__, Point.norm1, Point3.__init__, Lazy.__init__, Lazy.__getattr__
# pyjit-compiled: Audited.__init__, Audited.__getattribute__, Audited.__setattr__
# pyjit-compiled: Audited.__delattr__, Audited.bump, Proxy.__init__, Proxy.__getattr__, slots_demo
# pyjit-compiled: lazy_demo, audited_demo, proxy_demo, builtin_attr_funcs, <module>

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y=None):
        self.x = x
        if y is not None:
            self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Lazy:
    def __init__(self):
        self.loaded = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        value = name.upper() * 2
        self.loaded[name] = value
        return value


class Audited:
    def __init__(self):
        object.__setattr__(self, "log", [])
        self.value = 1

    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append("get " + name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.log.append("set %s=%r" % (name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)

    def bump(self):
        self.value += 1
        return self.value


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


def slots_demo():
    out = []
    p = Point(3, -4)
    out.append(p.norm1())
    q = Point(1)
    try:
        q.y
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    try:
        p.z = 5
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    try:
        p.__dict__
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    del p.x
    try:
        del p.x
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    r = Point3(1, 2, 3)
    out.append((r.x, r.y, r.z, Point3.__slots__, hasattr(r, "__dict__")))
    return out

def lazy_demo():
    lz = Lazy()
    out = [lz.abc, lz.xy, sorted(lz.loaded), getattr(lz, "q", "default")]
    out.append(hasattr(lz, "_hidden"))
    out.append(getattr(lz, "_hidden", "fallback"))
    lz.direct = 5
    out.append(lz.direct)
    return out

def audited_demo():
    a = Audited()
    a.bump()
    a.extra = "e"
    del a.extra
    try:
        a.missing
    except AttributeError as e:
        a.log.append("AttributeError: " + str(e))
    return a.log

def proxy_demo():
    p = Proxy([3, 1, 2])
    p.append(0)
    p.sort()
    return p._target, p.count(1), getattr(p, "index")(2)

def builtin_attr_funcs():
    class Bag:
        pass
    b = Bag()
    setattr(b, "alpha", 1)
    setattr(b, "with space", 2)
    out = [b.alpha, getattr(b, "with space"), sorted(vars(b))]
    delattr(b, "alpha")
    out.append(hasattr(b, "alpha"))
    try:
        getattr(b, "alpha")
    except AttributeError as e:
        out.append(str(e))
    try:
        delattr(b, "alpha")
    except AttributeError as e:
        out.append(str(e))
    return out

for line in (slots_demo(), lazy_demo(), audited_demo(), proxy_demo(), builtin_attr_funcs()):
    print(line)
