# pyjit-corpus: recursion through methods: binary tree insert/traverse/height, recursive __repr__ and __eq__, mutual recursion between methods of two classes, visitor dispatch via getattr, a recursive evaluator over nested tuples, RecursionError from a method caught and recovered
# pyjit-compiled: Node.__init__, Node.insert, Node.inorder, Node.height, Node.__repr__, Node.__eq__
# pyjit-compiled: Even.check, Odd.check, Visitor.visit, Visitor.visit_tuple
# pyjit-compiled: Visitor.visit_tuple.<locals>.<listcomp>, Visitor.visit_int, Visitor.visit_str
# pyjit-compiled: Deep.down, build, run, run.<locals>.<listcomp>, <module>
import sys


class Node:
    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None

    def insert(self, key):
        if key < self.key:
            if self.left is None:
                self.left = Node(key)
            else:
                self.left.insert(key)
        else:
            if self.right is None:
                self.right = Node(key)
            else:
                self.right.insert(key)

    def inorder(self):
        left = self.left.inorder() if self.left else []
        right = self.right.inorder() if self.right else []
        return left + [self.key] + right

    def height(self):
        lh = self.left.height() if self.left else 0
        rh = self.right.height() if self.right else 0
        return 1 + max(lh, rh)

    def __repr__(self):
        if self.left is None and self.right is None:
            return str(self.key)
        return "(%r %s %r)" % (self.left, self.key, self.right)

    def __eq__(self, other):
        return (isinstance(other, Node) and self.key == other.key
                and self.left == other.left and self.right == other.right)

    __hash__ = object.__hash__


class Even:
    def check(self, n, other):
        return True if n == 0 else other.check(n - 1, self)


class Odd:
    def check(self, n, other):
        return False if n == 0 else other.check(n - 1, self)


class Visitor:
    def visit(self, node):
        kind = type(node).__name__
        return getattr(self, "visit_" + kind)(node)

    def visit_tuple(self, node):
        op, *args = node
        vals = [self.visit(a) for a in args]
        if op == "+":
            return sum(vals)
        if op == "*":
            r = 1
            for v in vals:
                r *= v
            return r
        if op == "-":
            return vals[0] - sum(vals[1:])
        raise ValueError("unknown op " + op)

    def visit_int(self, node):
        return node

    def visit_str(self, node):
        return len(node)


class Deep:
    def down(self, n):
        return self.down(n + 1)


def build(keys):
    root = Node(keys[0])
    for k in keys[1:]:
        root.insert(k)
    return root

def run():
    keys = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]
    t = build(keys)
    out = [t.inorder(), t.height(), repr(t), t == build(keys), t == build(sorted(keys))]
    out.append([Even().check(n, Odd()) for n in range(6)])
    expr = ("+", 1, ("*", 2, 3, ("-", 10, 4)), "abc", ("+",))
    out.append(Visitor().visit(expr))
    try:
        Visitor().visit(("/", 1))
    except ValueError as e:
        out.append("ValueError: " + str(e))
    try:
        Visitor().visit(1.5)
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    try:
        Deep().down(0)
    except RecursionError as e:
        out.append("RecursionError")
    out.append(build(list(range(200))).height())
    return out

sys.setrecursionlimit(1000)
for x in run():
    print(x)
