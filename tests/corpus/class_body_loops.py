# pyjit-corpus: class bodies with loops (compiled class bodies): attributes generated in loops via locals(), methods defined in a loop with default-argument capture, annotations (SETUP_ANNOTATIONS in a class body), nested classes, class bodies inside functions reading enclosing locals (LOAD_CLASSDEREF) and loop variables leaking into the namespace
# pyjit-compiled: Colors, Ops, Ops._make, Ops._make.<locals>.method, Ops.apply_all
# pyjit-compiled: Ops.apply_all.<locals>.<listcomp>, Table, Table.Cell, Table.Cell.__init__
# pyjit-compiled: Table.Cell.render, Table.__init__, Table.render, make_class
# pyjit-compiled: make_class.<locals>.Generated, make_class.<locals>.Generated.describe, run
# pyjit-compiled: <module>


class Colors:
    names = ("red", "green", "blue")
    for index, name in enumerate(names):
        locals()[name.upper()] = index
    del index, name
    count: int = len(names)
    lookup = {}
    for n in names:
        lookup[n[0]] = n


class Ops:
    for _op in ("add", "sub", "mul"):
        def _make(op=_op):
            def method(self, a, b):
                if op == "add":
                    return a + b
                if op == "sub":
                    return a - b
                return a * b
            method.__name__ = op
            return method
        locals()[_op] = _make()
    del _op, _make

    def apply_all(self, a, b):
        return [getattr(self, name)(a, b) for name in ("add", "sub", "mul")]


class Table:
    rows: list
    width: int = 3
    headers = []
    i = 0
    while i < width:
        headers.append("col%d" % i)
        i += 1

    class Cell:
        kinds = []
        for k in ("int", "str"):
            kinds.append(k.upper())

        def __init__(self, v):
            self.v = v

        def render(self):
            return "<%s>" % self.v

    def __init__(self, rows):
        self.rows = rows

    def render(self):
        out = [" ".join(self.headers)]
        for r in self.rows:
            out.append(" ".join(Table.Cell(v).render() for v in r))
        return out


def make_class(prefix, count):
    scale = 10
    class Generated:
        fields = []
        for j in range(count):
            fields.append("%s_%d" % (prefix, j * scale))
        size = count * scale
        def describe(self):
            return "%s:%s" % (prefix, ",".join(self.fields))
    return Generated


def run():
    out = []
    out.append((Colors.RED, Colors.GREEN, Colors.BLUE, Colors.count, Colors.lookup))
    out.append((Colors.__annotations__, hasattr(Colors, "index")))
    o = Ops()
    out.append((o.apply_all(6, 3), Ops.add.__name__, Ops.mul.__qualname__))
    t = Table([(1, 2, 3), ("a", "b", "c")])
    out += t.render()
    out.append((Table.__annotations__, Table.i, Table.Cell.kinds, Table.Cell.k))
    G = make_class("f", 3)
    out.append((G().describe(), G.size, G.j))
    H = make_class("g", 1)
    out.append((H().describe(), G is H))
    return out

for line in run():
    print(line)
