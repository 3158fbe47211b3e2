# pyjit-corpus: items of lists and tuples read as machine numbers inside unboxed loops: floats, ints, negative indexes, a float subclass, a big int, a missing index, a str, NaN and -0.0
# pyjit-compiled: weighted, back, tup
class F(float):
    pass


def weighted(xs, n):
    s = 0.0
    for i in range(n):
        s += xs[i] / (i + 1)
    return s


def back(xs, n):
    s = 0
    for i in range(n):
        s = s * 3 + xs[-1 - i]
    return s


def tup(t, n):
    acc = 0.0
    k = 0
    while k < n:
        acc = acc - t[k] * 0.5
        k += 1
    return acc


fl = [0.1 * k for k in range(30)]
print(weighted(fl, 30))
print(weighted([1.0, -0.0, float("nan"), 2.5], 4))
print(weighted([1.0, F(2.0), 3.0], 3))
print(weighted([1.0, 2, 3.0], 3))
try:
    weighted(fl, 31)
except IndexError as e:
    print("IndexError", e)
print(back(list(range(20)), 20))
print(back([1, 2, 3, 2**80], 4))
try:
    back([1, 2], 3)
except IndexError as e:
    print("IndexError", e)
print(tup((1.5, 2.5, -3.25), 3))
print(tup((1.5, 2, -3.25), 3))
try:
    print(tup([1.0, "x"], 2))
except TypeError as e:
    print("TypeError", e)
