# pyjit-corpus: `s += t` / `s = s + t` stored back into the same local (BINARY_OP + STORE_FAST as one op): in-place growth of a str held only by the local, aliases that must keep the old value, a str on both sides, str subclasses with __add__/__radd__, ints/floats/lists through the same op, TypeError leaving the local intact, an exception handler seeing the local afterwards
# pyjit-compiled: grow, grow_plus, aliases, both_sides, Tagged.__add__, Tagged.__radd__, subclasses, numbers_and_lists, type_errors, in_handler, other_ops_on_strs, <module>

def grow(n):
    s = ""
    for i in range(n):
        s += chr(97 + i % 26)
    return s


def grow_plus(n):
    s = "start:"
    for i in range(n):
        s = s + str(i % 10)
    return s


def aliases():
    s = "base"
    keep = s
    seen = []
    for i in range(4):
        s += "+"
        seen.append(s)
        other = s
        s = s + "!"
        seen.append(other)
    return keep, s, seen


def both_sides():
    s = "ab"
    for _ in range(3):
        s = s + s
    t = "x"
    t += t
    return s, t


class Tagged(str):
    def __add__(self, other):
        return Tagged("<" + str.__add__(self, other) + ">")

    def __radd__(self, other):
        return Tagged("[" + other + str(self) + "]")


def subclasses():
    s = Tagged("t")
    s += "u"
    r = "plain"
    r += Tagged("v")
    q = "q"
    q = q + Tagged("w")
    return s, type(s).__name__, r, type(r).__name__, q


def numbers_and_lists():
    i = 0
    f = 0.5
    xs = []
    big = 2 ** 62
    for k in range(5):
        i += k
        i = i + 1
        f = f + k
        f += 0.25
        xs += [k]
        xs = xs + [k * 10]
        big += big
    return i, f, xs, big


def type_errors():
    out = []
    s = "abc"
    try:
        s += 5
    except TypeError as e:
        out.append((str(e), s))
    try:
        s = s + None
    except TypeError as e:
        out.append((str(e), s))
    n = 3
    try:
        n += "x"
    except TypeError as e:
        out.append((str(e), n))
    return out


def in_handler():
    log = ""
    for i in range(3):
        try:
            log += "try%d;" % i
            if i == 1:
                raise ValueError(i)
            log += "ok;"
        except ValueError as e:
            log += "caught%s;" % e
        finally:
            log += "fin;"
    return log


g = grow(100000)
print(len(g), g[:30], g[-5:], g.count("a"))
print(grow_plus(50))
print(aliases())
print(both_sides())
print(subclasses())
print(numbers_and_lists())
print(type_errors())
print(in_handler())

m = "module"
for i in range(3):
    m += str(i)
    m = m + "."
print(m)


def other_ops_on_strs():
    out = []
    s = "abc"
    for bad in ("-", "*", "/", "%"):
        try:
            if bad == "-":
                s = s - "c"
            elif bad == "*":
                s = s * "c"
            elif bad == "/":
                s = s / "c"
            else:
                s = s % "c"
        except TypeError as e:
            out.append(str(e))
    t = "ab"
    t = t * 3
    u = "%s-%s"
    u = u % ("x", "y")
    return out, s, t, u


print(other_ops_on_strs())
