# pyjit-corpus: keyword arguments (KW_NAMES), defaults, keyword-only and positional-only parameters, mutable defaults evaluated once, argument errors with exact messages, all from compiled callers into compiled callees
# pyjit-compiled: point, kwonly, posonly, collect, none_default, describe, calls_with_keywords
# pyjit-compiled: keyword_builtins, print_with_keywords, mutable_default_runs, try_call
# pyjit-compiled: argument_errors, Config.__init__, Config.replace, Config.show, configs
# pyjit-compiled: defaults_introspection, <module>

def point(x, y=0, z=0):
    return (x, y, z)

def kwonly(a, *, scale=2, offset=0):
    return a * scale + offset

def posonly(a, b, /, c=10, *, d=100):
    return a + b + c + d

def collect(item, bucket=[]):
    bucket.append(item)
    return len(bucket)

def none_default(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

def describe(name, *, greeting="hello", punct="!"):
    return greeting + ", " + name + punct

def calls_with_keywords():
    out = []
    out.append(point(1))
    out.append(point(1, 2))
    out.append(point(1, z=3))
    out.append(point(y=5, x=4))
    out.append(point(z=9, y=8, x=7))
    out.append(kwonly(3))
    out.append(kwonly(3, scale=10))
    out.append(kwonly(3, offset=1, scale=5))
    out.append(posonly(1, 2))
    out.append(posonly(1, 2, 3))
    out.append(posonly(1, 2, c=4, d=5))
    out.append(describe("world"))
    out.append(describe("bob", punct="?"))
    out.append(describe(punct=".", name="ann", greeting="hi"))
    return out

def keyword_builtins():
    words = ["pear", "Apple", "fig", "banana"]
    a = sorted(words, key=str.lower)
    b = sorted(words, key=len, reverse=True)
    c = max(words, key=len)
    d = min([3, 1, 2], default=0)
    e = min([], default="empty")
    f = int("ff", base=16)
    g = "-".join(sorted(words, reverse=True))
    h = dict(one=1, two=2)
    i = round(2.675, ndigits=2)
    return a, b, c, d, e, f, g, h, i

def print_with_keywords(values):
    for v in values:
        print(v, "|", sep="", end=" ")
    print(end="\n")
    print(*values, sep=", ")

def mutable_default_runs(n):
    total = 0
    for i in range(n):
        total += collect(i)
    return total

def try_call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except TypeError as e:
        return "TypeError: " + str(e)

def argument_errors():
    out = []
    out.append(try_call(point))
    out.append(try_call(point, 1, 2, 3, 4))
    out.append(try_call(point, 1, x=2))
    out.append(try_call(point, 1, w=2))
    out.append(try_call(kwonly, 1, 2))
    out.append(try_call(posonly, a=1, b=2))
    out.append(try_call(posonly, 1, 2, 3, 4))
    out.append(try_call(describe))
    out.append(try_call(len, obj=[1]))
    return out

class Config:
    def __init__(self, name, *, debug=False, level=1, tags=()):
        self.name = name
        self.debug = debug
        self.level = level
        self.tags = tags

    def replace(self, **changes):
        kw = {"debug": self.debug, "level": self.level, "tags": self.tags}
        kw.update(changes)
        return Config(self.name, **kw)

    def show(self):
        return "Config(%s, debug=%s, level=%d, tags=%r)" % (
            self.name, self.debug, self.level, self.tags)

def configs():
    c = Config("base")
    d = c.replace(debug=True)
    e = d.replace(level=3, tags=("x", "y"))
    return [c.show(), d.show(), e.show()]

def defaults_introspection():
    return (point.__defaults__, kwonly.__kwdefaults__, posonly.__defaults__,
            posonly.__kwdefaults__, describe.__code__.co_kwonlyargcount,
            posonly.__code__.co_posonlyargcount)

for row in calls_with_keywords():
    print(row)
print(keyword_builtins())
print_with_keywords([1, "two", 3.0])
print(mutable_default_runs(5), collect.__defaults__[0])
print(none_default(1), none_default(2), none_default(3, [0]))
for line in argument_errors():
    print(line)
for line in configs():
    print(line)
print(defaults_introspection())
