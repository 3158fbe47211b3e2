# pyjit-corpus: import statements inside compiled functions (IMPORT_NAME, IMPORT_FROM): import x, import a.b.c (binds the top package), import os.path as p, from pkg import submodule, from x import a as b, repeated imports hitting sys.modules, ImportError/ModuleNotFoundError messages, modules imported for the first time from compiled code
# pyjit-compiled: plain_import, dotted_import, dotted_as, dotted_as.<locals>.<listcomp>
# pyjit-compiled: submodule_binding, from_imports, from_package_submodule, first_time_import
# pyjit-compiled: import_in_loop, import_errors, uses_dunder_import, Lazy.load, <module>

def plain_import():
    import math
    return math.floor(2.7), math.gcd(12, 18)

def dotted_import():
    import os.path
    return os.path.basename("/a/b/c.txt"), os.path.splitext("x.tar.gz")[1]

def dotted_as():
    import os.path as p
    import xml.etree.ElementTree as ET
    root = ET.fromstring("<r><i n='1'/><i n='2'/></r>")
    return p.join("a", "b"), [e.get("n") for e in root.iter("i")], ET.__name__

def submodule_binding():
    import xml.dom
    import xml
    return xml.dom.__name__, hasattr(xml, "dom"), xml.__name__

def from_imports():
    from collections import OrderedDict, namedtuple as nt
    from os import path
    from json import dumps, loads
    P = nt("P", "x y")
    od = OrderedDict([("b", 1), ("a", 2)])
    return list(od), P(1, 2), path.sep, loads(dumps({"k": [1, 2]}))

def from_package_submodule():
    from email import message
    from html import parser as hp
    return message.__name__, hp.HTMLParser.__name__

def first_time_import():
    import colorsys
    import fractions
    return colorsys.rgb_to_hsv(1.0, 0.0, 0.0), str(fractions.Fraction(3, 6))

def import_in_loop(n):
    total = 0
    for i in range(n):
        import operator
        from functools import reduce
        total += reduce(operator.add, range(i), 0)
    return total

def import_errors():
    out = []
    try:
        import no_such_module_pyjit
    except ModuleNotFoundError as e:
        out.append("%s: %s (name=%s)" % (type(e).__name__, e, e.name))
    try:
        from os import no_such_name
    except ImportError as e:
        out.append("%s: %s (name=%s)" % (type(e).__name__, e, e.name))
    try:
        import os.no_such_sub
    except ModuleNotFoundError as e:
        out.append("%s: %s" % (type(e).__name__, e))
    try:
        from json import decoder, nope
    except ImportError as e:
        out.append("ImportError: " + str(e))
    return out

def uses_dunder_import():
    mod = __import__("string")
    sub = __import__("os.path", fromlist=["join"])
    return mod.ascii_lowercase[:5], sub.join("x", "y")

class Lazy:
    def load(self):
        import textwrap
        return textwrap.shorten("the quick brown fox jumps over", width=15)

for fn in (plain_import, dotted_import, dotted_as, submodule_binding, from_imports,
           from_package_submodule, first_time_import, import_errors, uses_dunder_import):
    print(fn.__name__, fn())
print(import_in_loop(6))
print(Lazy().load())
import sys
print(sorted(m for m in ("colorsys", "fractions", "textwrap") if m in sys.modules))
