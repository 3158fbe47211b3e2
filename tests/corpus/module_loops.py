# pyjit-corpus: module-level code with loops (a compiled module body: LOAD_NAME/STORE_NAME/DELETE_NAME, SETUP_ANNOTATIONS, module-level try/except/with/for/while, imports, del of module names, functions and classes defined and called in between), plus the functions it calls
# pyjit-compiled: square, Acc.__init__, Acc.add, Ctx.__enter__, Ctx.__exit__, <listcomp>, <setcomp>
# pyjit-compiled: uses_module_names, <module>
import sys
from collections import Counter

total: int = 0
names: list = []

def square(x):
    return x * x

class Acc:
    def __init__(self):
        self.items = []
    def add(self, x):
        self.items.append(x)
        return len(self.items)

acc = Acc()
for i in range(10):
    total += square(i)
    if i % 3 == 0:
        names.append("n%d" % i)
    acc.add(i)
print("total", total, names, len(acc.items))

n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)

words = "the cat and the dog and the bird".split()
counts = Counter()
for w in words:
    counts[w] += 1
print(sorted(counts.items()))

results = []
for value in ("1", "x", "3", None):
    try:
        results.append(int(value))
    except ValueError as e:
        results.append("ValueError")
    except TypeError:
        results.append("TypeError")
    else:
        results.append("ok")
    finally:
        results.append("|")
print(results)

class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return True

for k in range(2):
    with Ctx():
        if k == 1:
            raise KeyError(k)
        print("with body", k)

table = {}
for row in range(3):
    for col in range(3):
        table[row, col] = row * col
print(sum(table.values()), table[2, 2])

squares = [square(i) for i in range(6)]
evens = {i for i in squares if i % 2 == 0}
print(squares, sorted(evens))

del squares
try:
    squares
except NameError as e:
    print("NameError:", e)

print(__annotations__)
print(sorted(k for k in dir() if not k.startswith("_"))[:8])

i = 0
while True:
    i += 1
    if i == 2:
        continue
    if i > 4:
        break
    print("while", i)
else:
    print("never")

for i in range(3):
    pass
else:
    print("for-else", i)

def uses_module_names():
    return total + steps + len(names)

print(uses_module_names())
print(sys.getrecursionlimit() > 0)
