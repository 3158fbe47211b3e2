# pyjit-corpus: AttributeError and related errors raised by LOAD_ATTR/STORE_ATTR/DELETE_ATTR/LOAD_METHOD in compiled code, with their exact messages (instances, classes, modules, None, builtins, read-only properties and attributes, slots), caught by compiled code
# pyjit-compiled: Plain.__init__, catch, load_missing, call_missing, store_attr, del_attr
# pyjit-compiled: del_missing, module_missing, module_call_missing, set_property, del_property
# pyjit-compiled: set_on_int, set_builtin_type_attr, none_attr, slots_store, set_on_object
# pyjit-compiled: function_attrs, run
import math
import collections


class Plain:
    cls_attr = 1

    def __init__(self):
        self.a = 1


class RO:
    @property
    def value(self):
        return 42


class WithSlots:
    __slots__ = ("only",)


def catch(fn, *args):
    try:
        return "ok: %r" % (fn(*args),)
    except AttributeError as e:
        return "AttributeError: %s (name=%r, obj is %s)" % (e, e.name, type(e.obj).__name__)
    except TypeError as e:
        return "TypeError: %s" % e


def load_missing(o):
    return o.missing

def call_missing(o):
    return o.missing_method(1, 2)

def store_attr(o):
    o.new_attr = 5
    return o.new_attr

def del_attr(o):
    del o.a
    return "deleted"

def del_missing(o):
    del o.nope

def module_missing():
    return math.no_such_function

def module_call_missing():
    return collections.not_there()

def set_property():
    r = RO()
    r.value = 1

def del_property():
    r = RO()
    del r.value

def set_on_int():
    x = 5
    x.real = 3

def set_builtin_type_attr():
    int.custom = 1

def none_attr(x):
    return x.upper()

def slots_store():
    w = WithSlots()
    w.other = 1

def set_on_object():
    o = object()
    o.x = 1

def function_attrs():
    def f():
        pass
    f.note = "n"
    del f.note
    return f.note

def run():
    p = Plain()
    tests = [
        (load_missing, p), (call_missing, p), (store_attr, p), (del_attr, Plain()),
        (del_missing, p), (module_missing,), (module_call_missing,), (set_property,),
        (del_property,), (set_on_int,), (set_builtin_type_attr,), (none_attr, None),
        (none_attr, 3), (slots_store,), (set_on_object,), (function_attrs,),
        (load_missing, Plain), (load_missing, "str"),
    ]
    for t in tests:
        print(t[0].__name__.ljust(22), catch(*t))
    return len(tests)

print(run())
