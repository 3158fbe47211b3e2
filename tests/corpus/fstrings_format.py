# pyjit-corpus: f-strings (FORMAT_VALUE with !r !s !a conversions, format specs, nested specs, = debug form, BUILD_STRING), format()/str.format/%-formatting, custom __format__/__str__/__repr__, str.join over generated pieces, errors from bad specs
# pyjit-compiled: Money.__init__, Money.__format__, Money.__str__, Money.__repr__, conversions
# pyjit-compiled: specs, debug_form, money_formats, joins, percent_and_format, nested_fstrings
# pyjit-compiled: nested_fstrings.<locals>.<listcomp>, bad_specs, building_in_loop, <module>

class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "":
            return "%d.%02d" % divmod(self.cents, 100)
        if spec == "cents":
            return "%dc" % self.cents
        return format(self.cents / 100, spec)

    def __str__(self):
        return "Money(%s)" % format(self, "")

    def __repr__(self):
        return "Money(cents=%d)" % self.cents


def conversions(x):
    return [f"{x}", f"{x!s}", f"{x!r}", f"{x!a}", f"[{x!r:>20}]"]

def specs(v, width, prec):
    return [
        f"{v:10.3f}|",
        f"{v:<10.2f}|",
        f"{v:^{width}.{prec}f}|",
        f"{v:{'+' if v >= 0 else ''}.{prec}e}",
        f"{int(v):08b}",
        f"{int(v):#x} {int(v):#o} {int(v):,}",
        f"{v:.{prec}%}",
        f"{1234567.891:_.2f}",
        f"{-42:=+8d}",
        f"{'txt':*^{width}}",
    ]

def debug_form(a, b):
    total = a + b
    return f"{a=} {b = } {total=!s} {a*b=:>6}"

def money_formats():
    m = Money(12345)
    return [f"{m}", f"{m:cents}", f"{m:.1f}", f"{m!s}", f"{m!r}", "{0} {0:cents}".format(m),
            format(m, ".3f")]

def joins(words):
    parts = []
    for i, w in enumerate(words):
        parts.append(f"{i}:{w.capitalize()}")
    return ", ".join(parts), "".join(reversed(words)), "-".join(str(n) for n in range(5))

def percent_and_format(name, n, ratio):
    return [
        "%s has %d items (%.1f%%)" % (name, n, ratio * 100),
        "%(name)s/%(n)05d" % {"name": name, "n": n},
        "%-8s|%8s|" % (name, name),
        "%r %a" % (name + "é", name + "é"),
        "{} {}".format(name, n),
        "{1}-{0}-{1}".format(name, n),
        "{n:>5}|{name:<6}|".format(name=name, n=n),
        "{0[1]} {0[0]} {1.real}".format([name, n], ratio),
        "{:{fill}{align}{w}}".format(n, fill="#", align=">", w=7),
    ]

def nested_fstrings(rows):
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}} | {value:>{width}.{2}f} | {f'{value:.0f}'!r}" for name, value in rows]
    return "\n".join(lines)

def bad_specs():
    out = []
    for value, spec in ((1.5, "d"), ("s", ".2f"), (3, "z"), (Money(1), "q")):
        try:
            out.append(f"{value:{spec}}")
        except ValueError as e:
            out.append("ValueError: " + str(e))
    try:
        "%d" % "x"
    except TypeError as e:
        out.append("TypeError: " + str(e))
    try:
        "{} {}".format(1)
    except IndexError as e:
        out.append("IndexError: " + str(e))
    return out

def building_in_loop(n):
    s = ""
    for i in range(n):
        s += f"<{i:02d}>"
    return s, len(s)

for line in conversions("héllo\n"):
    print(line)
for line in conversions(3.25):
    print(line)
for line in specs(3.14159, 12, 3):
    print(line)
for line in specs(-0.5, 9, 1):
    print(line)
print(debug_form(6, 7))
print(money_formats())
print(joins(["alpha", "beta", "gamma"]))
for line in percent_and_format("bob", 42, 0.256):
    print(line)
print(nested_fstrings([("a", 1.0), ("long", 22.456), ("mid", 3.5)]))
for line in bad_specs():
    print(line)
print(building_in_loop(12))
