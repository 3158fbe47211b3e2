# pyjit-corpus: uncaught TypeError raised in a compiled key function called by sorted() from a compiled method (C frames in between), inside a list comprehension; traceback through the lambda and the comprehension exact
# pyjit-compiled: Record.__init__, Ranking.__init__, Ranking.ordered
# pyjit-compiled: Ranking.ordered.<locals>.<lambda>, Ranking.names
# pyjit-compiled: Ranking.names.<locals>.<listcomp>
# pyjit-exit: 1


class Record:
    def __init__(self, name, score):
        self.name = name
        self.score = score


class Ranking:
    def __init__(self, records):
        self.records = records

    def ordered(self):
        return sorted(self.records, key=lambda r: (-r.score, r.name))

    def names(self):
        return [r.name for r in self.ordered()]


good = Ranking([Record("b", 2), Record("a", 2), Record("c", 5)])
print(good.names())
bad = Ranking([Record("x", 1), Record("y", None)])
print(bad.names())
