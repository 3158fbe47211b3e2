# pyjit-corpus: an uncaught exception propagating out of compiled code through with blocks (whose __exit__ logs and does not suppress), finally clauses that print, and an except clause that re-raises with a bare raise; traceback lines of the re-raised exception exact
# pyjit-compiled: Section.__init__, Section.__enter__, Section.__exit__, compute, stage, pipeline
# pyjit-exit: 1


class Section:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False


def compute(values):
    total = 0
    for v in values:
        total += 100 // v
    return total


def stage(name, values):
    with Section(name):
        try:
            return compute(values)
        finally:
            print("finally in stage", name)


def pipeline():
    results = []
    for name, values in (("one", [1, 2]), ("two", [5, 0, 3])):
        try:
            results.append(stage(name, values))
        except ZeroDivisionError:
            print("logging failure of", name, results)
            raise
    return results


with Section("outer"):
    pipeline()
