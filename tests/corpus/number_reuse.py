# pyjit-corpus: results stored straight into a local (BINARY_OP + STORE_FAST, FOR_ITER + STORE_FAST) may reuse the local's dying old int/float object: aliases (another local, a list, a closure, a default, the iterator itself) must keep their values, identity of small ints, x = x + x, x = y - x, large and negative values, ints past one digit, id() of kept objects distinct
# pyjit-compiled: aliases, kept_loop_values, self_ops, crossing_digits, floats, closure_alias, closure_alias.<locals>.get, small_identity, <module>

def aliases():
    a = 1000
    b = a
    a = a + 1
    c = 2.5
    d = c
    c = c * 2
    e = 10 ** 6
    f = [e]
    e = e - 1
    return a, b, c, d, e, f


def kept_loop_values():
    keep = []
    total = 0
    for k in range(300, 310):
        if k % 3 == 0:
            keep.append(k)
        total = total + k
    ids = len(set(map(id, keep)))
    last = None
    for k in range(1000, 1004):
        last = k
    return keep, total, ids, last, k


def self_ops():
    x = 12345
    x = x + x
    y = 777
    x = y - x
    z = 3.25
    z = z * z
    w = -4096
    w = w // 3
    v = 5000
    v = v % 4093
    return x, y, z, w, v


def crossing_digits():
    out = []
    x = 2 ** 29
    for _ in range(4):
        x = x * 2
        out.append(x)
    y = -(2 ** 30) + 5
    for _ in range(3):
        y = y - 2
        out.append(y)
    big = 2 ** 40
    for _ in range(3):
        big = big + 1
    out.append(big)
    return out


def floats():
    t = 0.0
    s = 1.0
    seen = []
    for i in range(6):
        t = t + s / (i + 1)
        s = -s
        if i == 2:
            seen.append(t)
    return t, s, seen


def closure_alias():
    n = 5000

    def get():
        return n

    before = get()
    n = n + 1
    return before, get(), n


def small_identity(limit):
    a = 250
    outs = []
    for _ in range(10):
        a = a + 1
        outs.append(a)
    b = 300
    b = b - 100
    small, big = 200, 260
    return outs, b is small, a is big, a == big


print(aliases())
print(kept_loop_values())
print(self_ops())
print(crossing_digits())
print(floats())
print(closure_alias())
print(small_identity(10))

m = 10 ** 5
copy = m
for i in range(3):
    m = m + i
print(m, copy)
