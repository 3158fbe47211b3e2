# pyjit-corpus: the same compiled functions see ints, then floats, bigints, strings, bools, custom objects and back again (type-specialized fast paths must bail out correctly); overflow in the middle of a hot loop
# pyjit-compiled: add, lt, loop_add, accumulate, mixed_loop, hot_then_cold, counter_overflow, Weird.__add__, Weird.__radd__, Weird.__lt__, Weird.__gt__

class Weird:
    def __add__(self, other):
        return "W+" + str(other)
    def __radd__(self, other):
        return str(other) + "+W"
    def __lt__(self, other):
        return "weird-lt"
    def __gt__(self, other):
        return "weird-gt"

def add(a, b):
    return a + b

def lt(a, b):
    return a < b

def loop_add(x, n):
    acc = x
    for i in range(n):
        acc = acc + x
    return acc

def accumulate(items):
    acc = items.__class__()
    for it in items:
        acc = acc + it
    return acc

def mixed_loop(values):
    out = 0
    for v in values:
        out = out + v
        if out > 10**6:
            out = out - 10**6
    return out

def hot_then_cold(n, late):
    total = 0
    for i in range(n):
        if i == n - 1:
            total = total + late
        else:
            total = total + i
    return total

def counter_overflow(start, n):
    c = start
    for i in range(n):
        c = c * 2 + 1
    return c

w = Weird()
rounds = [(1, 2), (1.5, 2), (2**62, 2**62), (2**63 - 1, 1), (-(2**63), -1), ("a", "b"), ([1], [2]), (True, True), (w, 1), (1, w), (3, 4), (0.1, 0.2)]
for a, b in rounds:
    print("add", repr(add(a, b)), "lt", repr(lt(a, b)) if not isinstance(a, list) else "-")
print(loop_add(1, 10), loop_add(1.5, 10), loop_add(2**60, 16), loop_add("ab", 3), loop_add((1,), 2))
print(accumulate("abc"), accumulate([[1], [2]]), accumulate(((1,), (2,))))
print(mixed_loop([1, 2.5, 3, 10**6, 2**70, -(2**70), 0.5]), mixed_loop(range(2000)))
print(hot_then_cold(100, 0.5), hot_then_cold(100, 2**80), hot_then_cold(100, True))
try:
    hot_then_cold(100, "boom")
except TypeError as e:
    print("TypeError", e)
print(counter_overflow(1, 62), counter_overflow(1, 63), counter_overflow(1, 64), counter_overflow(1, 200) % 1000)
print(counter_overflow(-1, 10), counter_overflow(0.5, 10))
for a, b in rounds:
    print("again", repr(add(a, b)))
