# pyjit-corpus: method calls via LOAD_METHOD from compiled code: str, list, dict, set, bytes, int/float methods, unbound type methods, methods of user classes
# pyjit-compiled: string_methods, build_list, dict_ops, set_ops, int_methods, unbound_calls, chain_calls, counter, Greeter.greet, Greeter.twice, call_user_methods

def string_methods(s):
    print("  ", s.upper(), s.lower(), s.strip(), s.replace("a", "4"), s.startswith("a"), s.find("b"), s.count("a"), s.split(), s.title(), s.center(11, "*"))

def build_list(n):
    lst = list()
    for i in range(n):
        lst.append(i * i)
    lst.insert(0, -1)
    lst.extend(range(3))
    lst.reverse()
    lst.sort()
    lst.remove(0)
    last = lst.pop()
    print("  list", lst, last, lst.index(4) if n > 2 else "-", lst.count(1))
    return lst

def dict_ops(d, k):
    print("  get", d.get(k), d.get(k, "default"), d.get("nope"))
    d.setdefault(k, "set")
    d.update(dict())
    popped = d.pop("tmp", None)
    keys = sorted(d.keys())
    print("  keys", keys, "popped", popped, "items", sorted(d.items()))
    return len(d)

def set_ops(a, b):
    s = set(a)
    s.add(99)
    s.discard(1)
    u = s.union(b)
    i = s.intersection(b)
    print("  sets", sorted(s), sorted(u), sorted(i), s.issubset(u), i.isdisjoint(set()))

def int_methods(n):
    print("  ", n.bit_length(), n.to_bytes(8, "big"), int.from_bytes(b"\x01\x00", "little"), (2.5).as_integer_ratio(), n.__add__(1), (7.0).is_integer())

def unbound_calls(s):
    return str.upper(s) + str.join("-", ("a", "b")) + str(int.__add__(2, 3))

def chain_calls(s):
    return s.strip().lower().replace(" ", "_").encode("utf-8").decode("ascii").upper()

def counter(text):
    d = dict()
    for ch in text:
        d.__setitem__(ch, d.get(ch, 0) + 1)
    return sorted(d.items())

class Greeter:
    def __init__(self, name):
        self.name = name
    def name_of(self):
        return self.name
    def greet(self, other):
        return "hello " + other + " from " + self.name_of()
    def twice(self, other):
        return self.greet(other) + "; " + self.greet(other.upper())

def call_user_methods(g, who):
    return g.twice(who)

for s in ("  abc banana ", "a", "", "ÀÉ straße"):
    print("string_methods", repr(s))
    string_methods(s)
print("build_list", build_list(5), build_list(0))
d = {"a": 1, "tmp": 2}
print("dict_ops", dict_ops(d, "a"), dict_ops(d, "b"), d)
set_ops([1, 2, 3], {3, 4})
set_ops((), [])
for n in (1, 255, 2**40):
    int_methods(n)
print("unbound", unbound_calls("xy"))
print("chain", chain_calls("  Hello World Foo "))
print("counter", counter("mississippi"))
g = Greeter("ann")
print(call_user_methods(g, "bob"))
try:
    string_methods(5)
except AttributeError as e:
    print("AttributeError", e)
try:
    build_list(-1)
    dict_ops(None, 1)
except AttributeError as e:
    print("AttributeError", e)
try:
    d2 = dict()
    d2.pop("missing")
except KeyError as e:
    print("KeyError", e)
