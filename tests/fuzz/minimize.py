"""Delta-debugging minimiser over Python statements.

minimize(src, interesting) returns a smaller source for which interesting(src) is still
true.  It works on the AST, so every candidate is valid Python: it deletes chunks of
every statement list (module, function, class, loop, if, try, with bodies; halves,
quarters, ... down to single statements; an emptied body becomes `pass`), replaces an
if/with/try statement by its body, and drops except handlers and else/finally blocks,
repeating until nothing more can be removed or the test budget is spent.  Candidates
that do not compile are never tested.  The result is ast.unparse()'d (comments go).
"""

import ast
import copy
import time


def _stmt_lists(tree):
    """(node, field) of every non-empty statement list, in a fixed (BFS) order."""
    out = []
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody", "handlers"):
            v = getattr(node, field, None)
            if isinstance(v, list) and v and isinstance(v[0], (ast.stmt, ast.excepthandler)):
                out.append((node, field))
    return out


def _unparse(tree):
    try:
        src = ast.unparse(ast.fix_missing_locations(tree)) + "\n"
        compile(src, "<min>", "exec", dont_inherit=True)
        return src
    except (SyntaxError, ValueError, RecursionError):
        return None


def _fill(node, field):
    lst = getattr(node, field)
    if not lst and field == "body":
        lst.append(ast.Pass())
    if not lst and field == "handlers" and isinstance(node, ast.Try) and not node.finalbody:
        node.finalbody.append(ast.Pass())


class Minimizer:
    def __init__(self, interesting, max_tests=400, max_seconds=900, log=None):
        self.interesting = interesting
        self.max_tests = max_tests
        self.deadline = time.monotonic() + max_seconds
        self.tests = 0
        self.cache = {}
        self.log = log or (lambda msg: None)

    def budget_left(self):
        return self.tests < self.max_tests and time.monotonic() < self.deadline

    def test(self, src):
        if src is None:
            return False
        if src in self.cache:
            return self.cache[src]
        if not self.budget_left():
            return False
        self.tests += 1
        ok = bool(self.interesting(src))
        self.cache[src] = ok
        return ok

    def _try_edit(self, tree, li, edit):
        """Apply edit(node, field) to the li-th statement list of a copy of tree."""
        t = copy.deepcopy(tree)
        lists = _stmt_lists(t)
        if li >= len(lists):
            return None, None
        node, field = lists[li]
        if edit(node, field) is False:
            return None, None
        _fill(node, field)
        src = _unparse(t)
        return t, src

    def _len(self, tree, li):
        lists = _stmt_lists(tree)
        if li >= len(lists):
            return 0
        node, field = lists[li]
        return len(getattr(node, field))

    def accept(self, t, src):
        """Is the edited tree t (source src) a smaller interesting program?"""
        return t is not None and src is not None and src != self.current and self.test(src)

    def pass_delete(self, tree):
        """One pass of chunk deletion over every statement list. Returns (tree, changed)."""
        changed = False
        li = 0
        while li < len(_stmt_lists(tree)) and self.budget_left():
            chunk = self._len(tree, li)
            while chunk >= 1 and self.budget_left():
                start = 0
                while start < self._len(tree, li) and self.budget_left():
                    def edit(nd, fd, s=start, c=chunk):
                        del getattr(nd, fd)[s:s + c]
                    t, src = self._try_edit(tree, li, edit)
                    if self.accept(t, src):
                        tree, self.current, changed = t, src, True
                    else:
                        start += chunk
                chunk //= 2
            li += 1
        return tree, changed

    def pass_hoist(self, tree):
        """Replace if/with/try statements by their body."""
        changed = False
        li = 0
        while li < len(_stmt_lists(tree)) and self.budget_left():
            node, field = _stmt_lists(tree)[li]
            i = 0
            while i < len(getattr(_stmt_lists(tree)[li][0], _stmt_lists(tree)[li][1])) \
                    and self.budget_left():
                st = getattr(_stmt_lists(tree)[li][0], _stmt_lists(tree)[li][1])[i]
                if not isinstance(st, (ast.If, ast.With, ast.Try, ast.For, ast.While)):
                    i += 1
                    continue
                done = False
                options = ["body"]
                if isinstance(st, ast.If) and st.orelse:
                    options.append("orelse")
                if isinstance(st, ast.Try):
                    options += ["drop_else", "drop_finally"]
                for opt in options:
                    def edit(nd, fd, k=i, o=opt):
                        lst = getattr(nd, fd)
                        s = lst[k]
                        if o == "drop_else":
                            if not s.orelse:
                                return False
                            s.orelse = []
                        elif o == "drop_finally":
                            if not s.finalbody or not s.handlers:
                                return False
                            s.finalbody = []
                        else:
                            lst[k:k + 1] = getattr(s, o)
                    t, src = self._try_edit(tree, li, edit)
                    if self.accept(t, src):
                        tree, self.current, changed, done = t, src, True, True
                        break
                if not done:
                    i += 1
                if li >= len(_stmt_lists(tree)):
                    break
            li += 1
        return tree, changed

    def run(self, src):
        tree = ast.parse(src)
        base = _unparse(tree)
        if base is None or not self.test(base):
            self.log("minimiser: the unparsed program does not reproduce; keeping it whole")
            return src
        self.current = base
        while self.budget_left():
            tree, c1 = self.pass_delete(tree)
            tree, c2 = self.pass_hoist(tree)
            if not (c1 or c2):
                break
        return _unparse(tree)


def minimize(src, interesting, max_tests=400, max_seconds=900, log=None):
    m = Minimizer(interesting, max_tests, max_seconds, log)
    out = m.run(src)
    return out, m.tests
