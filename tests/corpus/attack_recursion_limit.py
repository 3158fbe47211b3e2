# pyjit-corpus: sys.setrecursionlimit changed while compiled code recurses: lowered from deep inside a recursion (the next call fails), RecursionError caught at several depths and the limit raised again, recursion through methods, __getattr__, __eq__ and generators, the depth reached before RecursionError equal to stock, and a hot loop that keeps calling a recursive function between limit changes
# pyjit-compiled: depth_probe, lower_inside, Node.__init__, Node.total, Rec.__getattr__, RecEq.__eq__, gen_rec
# pyjit-compiled: measure, catch_at_depth, loop_with_limit_changes, mutual_a, mutual_b, main
import sys

BASE = sys.getrecursionlimit()


def depth_probe(n):
    return depth_probe(n + 1) if n >= 0 else n


def measure():
    # How deep can we go from here? (identical frames on stock and JIT)
    count = [0]

    def go():
        count[0] += 1
        go()
    try:
        go()
    except RecursionError:
        pass
    return count[0]


def lower_inside(n, at, new_limit, log):
    if n == at:
        sys.setrecursionlimit(new_limit)
        log.append(("lowered at", n))
    return lower_inside(n + 1, at, new_limit, log) + 1


class Node:
    def __init__(self, nxt):
        self.nxt = nxt

    def total(self):
        return 1 + (self.nxt.total() if self.nxt is not None else 0)


class Rec:
    def __getattr__(self, name):
        return getattr(self, name + "x")


class RecEq:
    def __eq__(self, other):
        return self == other

    __hash__ = None


def gen_rec(n):
    # (`if n > 0:` here would differ: see the report on "in comparison")
    if n:
        yield from gen_rec(n - 1)
    yield n


def catch_at_depth(n, target):
    if n < target:
        return catch_at_depth(n + 1, target)
    try:
        return depth_probe(0)
    except RecursionError as e:
        return ("caught at", n, str(e)[:40])


def mutual_a(n):
    return 0 if n == 0 else mutual_b(n - 1) + 1


def mutual_b(n):
    return 0 if n == 0 else mutual_a(n - 1) + 2


def loop_with_limit_changes(n):
    out = []
    for i in range(n):
        lim = 200 + (i % 7) * 150
        sys.setrecursionlimit(lim)
        try:
            out.append(mutual_a(300))
        except RecursionError:
            out.append(-1)
        if i % 10 == 0:
            sys.setrecursionlimit(BASE)
            out.append(measure())
    sys.setrecursionlimit(BASE)
    return sum(out), out[:12]


def main():
    print("measure base", measure())
    sys.setrecursionlimit(300)
    print("measure 300", measure())
    sys.setrecursionlimit(BASE)
    log = []
    try:
        lower_inside(0, 120, 100, log)
    except RecursionError as e:
        print("lower inside:", e, log)
    sys.setrecursionlimit(BASE)
    chain = None
    for i in range(500):
        chain = Node(chain)
    print("node total", chain.total())
    sys.setrecursionlimit(400)
    try:
        chain.total()
    except RecursionError as e:
        print("node RecursionError", e)
    sys.setrecursionlimit(BASE)
    try:
        Rec().a
    except RecursionError as e:
        print("getattr RecursionError", str(e)[:50])
    try:
        RecEq() == 1
    except RecursionError as e:
        print("eq RecursionError", str(e)[:50])
    print("gen rec", sum(gen_rec(150)))
    sys.setrecursionlimit(120)
    try:
        print(sum(gen_rec(200)))
    except RecursionError as e:
        print("gen RecursionError", str(e)[:50])
    sys.setrecursionlimit(BASE)
    for target in (10, 200, 600):
        print("catch", target, catch_at_depth(0, target))
    print("loop", loop_with_limit_changes(60))
    print("measure again", measure())
    # Too low a limit at the current depth
    try:
        sys.setrecursionlimit(3)
    except RecursionError as e:
        print("setrecursionlimit:", e)
    print("limit", sys.getrecursionlimit() == BASE)


main()
