# pyjit-corpus: list/dict/set comprehensions (nested, with several conditions, several for clauses, closures over locals, walrus binding into the enclosing function, comprehensions in methods and class bodies), exceptions raised inside comprehensions caught outside
# pyjit-compiled: squares, squares.<locals>.<listcomp>, evens_odds, evens_odds.<locals>.<listcomp>
# pyjit-compiled: pairs, pairs.<locals>.<listcomp>, matrix, matrix.<locals>.<listcomp>
# pyjit-compiled: matrix.<locals>.<listcomp>.<listcomp>, transpose, transpose.<locals>.<listcomp>
# pyjit-compiled: transpose.<locals>.<listcomp>.<listcomp>, flatten, flatten.<locals>.<listcomp>
# pyjit-compiled: word_index, word_index.<locals>.<dictcomp>, inverted, inverted.<locals>.<dictcomp>
# pyjit-compiled: lengths, lengths.<locals>.<setcomp>, closure_scale
# pyjit-compiled: closure_scale.<locals>.<listcomp>, walrus_last, walrus_last.<locals>.<listcomp>
# pyjit-compiled: nested_closure, nested_closure.<locals>.<listcomp>
# pyjit-compiled: nested_closure.<locals>.<listcomp>.<listcomp>, comprehension_scope
# pyjit-compiled: comprehension_scope.<locals>.<listcomp>, caught_inside
# pyjit-compiled: caught_inside.<locals>.<listcomp>, dict_of_lists, dict_of_lists.<locals>.<setcomp>
# pyjit-compiled: dict_of_lists.<locals>.<dictcomp>, dict_of_lists.<locals>.<dictcomp>.<listcomp>
# pyjit-compiled: Grid.<listcomp>, Grid.<dictcomp>, Grid.__init__, Grid.__init__.<locals>.<dictcomp>
# pyjit-compiled: Grid.diagonal, Grid.diagonal.<locals>.<listcomp>, Grid.row_sums
# pyjit-compiled: Grid.row_sums.<locals>.<dictcomp>, run, <module>

def squares(n):
    return [i * i for i in range(n)]

def evens_odds(values):
    return [v for v in values if v % 2 == 0], [v for v in values if v % 2 if v > 3]

def pairs(n):
    return [(i, j) for i in range(n) for j in range(i) if (i + j) % 3 == 0]

def matrix(rows, cols):
    return [[r * cols + c for c in range(cols)] for r in range(rows)]

def transpose(m):
    return [[row[i] for row in m] for i in range(len(m[0]))]

def flatten(m):
    return [x for row in m for x in row]

def word_index(words):
    return {w: i for i, w in enumerate(words)}

def inverted(d):
    return {v: k for k, v in d.items() if v is not None}

def lengths(words):
    return sorted({len(w) for w in words})

def closure_scale(values, factor):
    offset = factor * 10
    return [v * factor + offset for v in values]

def walrus_last(values):
    results = [y for x in values if (y := x * 2) > 4]
    return results, y

def nested_closure(n):
    base = 100
    return [[base + i + j for j in range(i)] for i in range(n)]

def comprehension_scope():
    x = "outer"
    r = [x for x in range(3)]
    return x, r

def caught_inside(values):
    try:
        return [10 // v for v in values]
    except ZeroDivisionError as e:
        return "ZeroDivisionError: " + str(e)

def dict_of_lists(pairs_in):
    keys = {k for k, _ in pairs_in}
    return {k: [v for kk, v in pairs_in if kk == k] for k in sorted(keys)}

class Grid:
    size = 3
    cells = [(r, c) for r in range(3) for c in range(3)]
    names = {n: n.upper() for n in ("a", "b")}

    def __init__(self):
        self.data = {cell: sum(cell) for cell in self.cells}

    def diagonal(self):
        return [self.data[(i, i)] for i in range(self.size)]

    def row_sums(self):
        return {r: sum(v for (rr, _), v in self.data.items() if rr == r) for r in range(self.size)}


def run():
    out = [squares(6), evens_odds(range(10)), pairs(5), matrix(2, 3)]
    out.append(transpose(matrix(2, 3)))
    out.append(flatten(matrix(3, 2)))
    out.append(word_index(["x", "y", "z"]))
    out.append(inverted({"a": 1, "b": None, "c": 3}))
    out.append(lengths(["aa", "b", "cc", "dddd"]))
    out.append(closure_scale([1, 2, 3], 3))
    out.append(walrus_last([1, 2, 3, 4]))
    out.append(nested_closure(4))
    out.append(comprehension_scope())
    out.append(caught_inside([1, 2, 0, 4]))
    out.append(caught_inside([1, 2, 5]))
    out.append(dict_of_lists([("b", 1), ("a", 2), ("b", 3)]))
    g = Grid()
    out.append((g.diagonal(), g.row_sums(), Grid.names, len(Grid.cells)))
    return out

for line in run():
    print(line)
