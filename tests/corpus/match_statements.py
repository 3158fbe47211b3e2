# pyjit-corpus: match statements (MATCH_SEQUENCE/MATCH_MAPPING/MATCH_CLASS/MATCH_KEYS/GET_LEN) compiled, called from and calling compiled functions; exceptions raised in compiled callees propagate through the match code
# pyjit-compiled: Point.__init__, area, run_all, commands, commands.<locals>.<listcomp>, <module>
# pyjit-compiled: classify, tokens


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def area(w, h):
    if w < 0 or h < 0:
        raise ValueError("negative size")
    return w * h

def classify(shape):
    match shape:
        case {"kind": "rect", "w": w, "h": h}:
            return "rect area %d" % area(w, h)
        case {"kind": "circle", "r": r, **rest}:
            return "circle r=%d extra=%r" % (r, sorted(rest))
        case [x, y]:
            return "pair %r,%r" % (x, y)
        case [first, *others] if len(others) > 1:
            return "list starting %r (+%d)" % (first, len(others))
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return "on y axis at %d" % y
        case Point(x, y) if x == y:
            return "diagonal %d" % x
        case str() | bytes() as s:
            return "text of length %d" % len(s)
        case int(n) if n < 0:
            return "negative"
        case 0 | 1 | 2:
            return "small"
        case None:
            return "nothing"
        case _:
            return "other " + type(shape).__name__

def tokens(cmd):
    match cmd.split():
        case ["go", direction]:
            return ("move", direction)
        case ["pick", "up", *items]:
            return ("take", tuple(items))
        case ["quit" | "exit"]:
            return ("stop",)
        case _:
            return ("unknown", cmd)

def run_all(items):
    out = []
    for it in items:
        try:
            out.append(classify(it))
        except ValueError as e:
            out.append("ValueError: " + str(e))
    return out

def commands():
    return [tokens(c) for c in ("go north", "pick up a b", "quit", "exit", "dance now", "pick up")]

items = [{"kind": "rect", "w": 2, "h": 3}, {"kind": "rect", "w": -1, "h": 3},
         {"kind": "circle", "r": 4, "color": "red", "alpha": 1}, [1, 2], [1, 2, 3, 4], [1, 2, 3],
         Point(0, 0), Point(0, 7), Point(3, 3), Point(1, 2), "hello", b"xy", -5, 2, 7, None, 3.5]
for line in run_all(items):
    print(line)
print(commands())
