# pyjit-corpus: descriptors: data and non-data descriptors, __set_name__, __get__ with and without an instance, precedence against the instance dict, validators, cached properties, descriptor methods compiled and called from compiled code
# pyjit-compiled: Typed.__set_name__, Typed.__init__, Typed.__get__, Typed.__set__, Typed.__delete__
# pyjit-compiled: Constant.__init__, Constant.__get__, Cached.__init__, Cached.__get__
# pyjit-compiled: Counted.__set_name__, Counted.__get__, Counted.__set__, Item.__init__, Item.total
# pyjit-compiled: Item.line, run, builtin_descriptors, builtin_descriptors.<locals>.K.m
# pyjit-compiled: builtin_descriptors.<locals>.K.s, builtin_descriptors.<locals>.K.c, <module>

class Typed:
    def __set_name__(self, owner, name):
        self.owner_name = owner.__name__
        self.name = name
        self.storage = "_" + name

    def __init__(self, kind, default=None):
        self.kind = kind
        self.default = default

    def __get__(self, obj, objtype=None):
        if obj is None:
            return "<Typed %s.%s: %s>" % (self.owner_name, self.name, self.kind.__name__)
        return getattr(obj, self.storage, self.default)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s.%s must be %s, not %s" % (
                self.owner_name, self.name, self.kind.__name__, type(value).__name__))
        setattr(obj, self.storage, value)

    def __delete__(self, obj):
        delattr(obj, self.storage)


class Constant:
    """Non-data descriptor: the instance dict wins."""
    def __init__(self, value):
        self.value = value

    def __get__(self, obj, objtype=None):
        return self.value


class Cached:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class Counted:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        obj.reads = obj.__dict__.get("reads", 0) + 1
        return obj.__dict__.get("_" + self.name, 0)
    def __set__(self, obj, value):
        obj.__dict__["_" + self.name] = value


class Item:
    name = Typed(str, "unnamed")
    price = Typed(float, 0.0)
    qty = Typed(int, 1)
    unit = Constant("piece")
    hits = Counted()

    def __init__(self, name, price, qty=1):
        self.name = name
        self.price = price
        self.qty = qty

    @Cached
    def total(self):
        print("  computing total for", self.name)
        return self.price * self.qty

    def line(self):
        return "%s x%d @ %.2f = %.2f %s" % (self.name, self.qty, self.price, self.total, self.unit)


def run():
    out = []
    it = Item("apple", 0.5, 4)
    out.append(it.line())
    out.append(it.line())
    out.append(Item.name)
    out.append(Item.price)
    try:
        it.qty = "many"
    except TypeError as e:
        out.append(str(e))
    try:
        Item("pear", 1)
    except TypeError as e:
        out.append(str(e))
    del it.qty
    out.append(it.qty)
    it.unit = "kg"
    out.append(it.unit)
    out.append(Item.unit)
    out.append(sorted(k for k in vars(it)))
    it.hits = 7
    out.append((it.hits, it.hits, it.reads))
    out.append(type(Item.__dict__["total"]).__name__)
    return out

def builtin_descriptors():
    class K:
        def m(self):
            return "m"
        @staticmethod
        def s():
            return "s"
        @classmethod
        def c(cls):
            return cls.__name__
    k = K()
    bound = K.__dict__["m"].__get__(k, K)
    static = K.__dict__["s"].__get__(None, K)
    cls_bound = K.__dict__["c"].__get__(None, K)
    return bound(), static(), cls_bound(), K.m(k), k.c()

for x in run():
    print(x)
print(builtin_descriptors())
