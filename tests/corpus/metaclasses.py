# pyjit-corpus: metaclasses (__new__, __init__, __call__, __prepare__ with a recording namespace), __init_subclass__ with class keywords, __class_getitem__, class registries, type() called with three arguments; metaclass methods and class bodies with loops compiled
# pyjit-compiled: RecordingDict.__init__, RecordingDict.__setitem__, Meta.__prepare__, Meta.__new__
# pyjit-compiled: Meta.__init__, Meta.__call__, Meta.describe, Model.method, Table, Table.__init__
# pyjit-compiled: Plugin.__init_subclass__, Box.__class_getitem__, Singleton.__call__
# pyjit-compiled: Settings.__init__, make_dynamic, make_dynamic.<locals>.hello, run, <module>

class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)


class Meta(type):
    registry = []

    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        return RecordingDict()

    def __new__(mcls, name, bases, ns, **kwargs):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = tuple(ns.order)
        cls.meta_kwargs = dict(sorted(kwargs.items()))
        mcls.registry.append(name)
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)
        cls.initialized = True

    def __call__(cls, *args, **kwargs):
        instance = super().__call__(*args, **kwargs)
        instance.created_by_meta = cls.__name__
        return instance

    def describe(cls):
        return "%s(fields=%s, kw=%s)" % (cls.__name__, ",".join(cls.field_order), cls.meta_kwargs)


class Model(metaclass=Meta):
    a = 1
    b = 2
    def method(self):
        return "method"


class Table(Model, table="users", strict=True):
    for col in ("id", "name", "email"):
        locals()[col] = col.upper()
    del col
    def __init__(self, x):
        self.x = x


class Plugin:
    plugins = {}

    def __init_subclass__(cls, /, key=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.key = key or cls.__name__.lower()
        Plugin.plugins[cls.key] = cls


class CsvPlugin(Plugin, key="csv"):
    pass


class JsonPlugin(Plugin):
    pass


class Box:
    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, getattr(item, "__name__", item))


class Singleton(type):
    _instances = {}

    def __call__(cls, *args):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args)
        return cls._instances[cls]


class Settings(metaclass=Singleton):
    def __init__(self, value):
        self.value = value


def make_dynamic():
    def hello(self):
        return "hello from " + type(self).__name__
    attrs = {"greet": hello, "n": 3}
    Dyn = type("Dyn", (object,), attrs)
    Sub = type("Sub", (Dyn,), {"n": 4})
    return Dyn().greet(), Sub().greet(), Sub.n, Sub.__mro__[1].__name__, type(Sub).__name__

def run():
    out = []
    out.append(Model.describe())
    out.append(Table.describe())
    t = Table(5)
    out.append((t.x, t.created_by_meta, t.id, t.name, Table.initialized, t.method()))
    out.append(Meta.registry)
    out.append(sorted(Plugin.plugins))
    out.append((CsvPlugin.key, JsonPlugin.key))
    out.append((Box[int], Box["x"]))
    s1 = Settings(1)
    s2 = Settings(2)
    out.append((s1 is s2, s2.value))
    out.append(make_dynamic())
    out.append((type(Model).__name__, isinstance(Table, Meta), Table.__mro__[1].__name__))
    return out

for line in run():
    print(line)
