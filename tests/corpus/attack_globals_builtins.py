# pyjit-corpus: globals and builtins (len, range, isinstance, abs, min) rebound WHILE a compiled hot loop runs: from inside the loop, from a callee, from a dunder (__index__/__eq__) invoked by the loop, via globals()[...], via the builtins module, shadowing and un-shadowing a builtin, deleting a global the loop reads (NameError), and swapping the types the loop sees after warm-up
# pyjit-compiled: Evil.__init__, Evil.__eq__, Evil.__index__, fake_len, fake_range, fake_isinstance, rebind_from_callee
# pyjit-compiled: loop_len_builtin, loop_len_shadow, loop_range_rebound, loop_isinstance, loop_global_const
# pyjit-compiled: loop_global_func, loop_deleted_global, loop_via_dunder, loop_abs_min, nested_loops_rebind
# pyjit-compiled: helper_a, helper_b, main, main.<locals>.<lambda>
import builtins

_len = builtins.len
_range = builtins.range
_isinstance = builtins.isinstance
_abs = builtins.abs
_min = builtins.min

SCALE = 3
LOG = []


def fake_len(x):
    return 7

def fake_range(*args):
    return [100, 200, 300]

def fake_isinstance(obj, cls):
    return "fake"

def helper_a(x):
    return x + 1

def helper_b(x):
    return x * 2

def rebind_from_callee(i):
    # Called by a compiled loop: rebinds names the caller's next iteration reads.
    g = globals()
    if i == 1000:
        g["SCALE"] = 5
        g["helper"] = helper_b
    elif i == 2000:
        g["SCALE"] = 2.5          # int -> float in the middle of a hot loop
    elif i == 3000:
        g["SCALE"] = "x"           # -> str: int * str
    elif i == 3500:
        g["SCALE"] = 1
        g["helper"] = helper_a
    return i


helper = helper_a


def loop_len_builtin(items, n):
    total = 0
    hist = []
    for i in range(n):
        total += len(items)
        if i == 999:
            builtins.len = fake_len
        elif i == 1999:
            builtins.len = _len
        elif i == 2999:
            builtins.len = lambda x: -1
        elif i == 3499:
            builtins.len = _len
        if i % 500 == 0:
            hist.append(total)
    return total, hist


def loop_len_shadow(items, n):
    total = 0
    seen = []
    for i in range(n):
        v = len(items)
        total += v
        if i == 700:
            globals()["len"] = fake_len            # global shadows the builtin
        elif i == 1400:
            del globals()["len"]                   # back to the builtin
        elif i == 2100:
            builtins.len = fake_len                # builtin itself replaced
        elif i == 2101:
            globals()["len"] = _len                # global shadows the replaced builtin
        elif i == 2800:
            del globals()["len"]
        elif i == 2900:
            builtins.len = _len
        if i % 350 == 0:
            seen.append(v)
    return total, seen


def loop_range_rebound(n):
    out = []
    for k in range(n):
        acc = 0
        for j in range(4):
            acc += j
        out.append(acc)
        if k == n // 2:
            builtins.range = fake_range
        if k == n // 2 + 3:
            builtins.range = _range
    return sum(out), out[n // 2 - 1:n // 2 + 6]


def loop_isinstance(values, n):
    counts = {}
    for i in range(n):
        v = values[i % _len(values)]
        r = isinstance(v, int)
        counts[r] = counts.get(r, 0) + 1
        if i == 1500:
            builtins.isinstance = fake_isinstance
        elif i == 1600:
            globals()["isinstance"] = lambda o, c: None
        elif i == 1700:
            del globals()["isinstance"]
        elif i == 1800:
            builtins.isinstance = _isinstance
    return sorted(counts.items(), key=repr)


def loop_global_const(n):
    s = 0
    parts = []
    for i in range(n):
        rebind_from_callee(i)
        try:
            s += i * SCALE
        except TypeError as e:
            parts.append(("TypeError", i, str(e)))
            s = 0
        if i % 250 == 0:
            parts.append(s)
    return s, parts[:40]


def loop_global_func(n):
    s = 0
    for i in range(n):
        s += helper(i)
        rebind_from_callee(i)
    return s


def loop_deleted_global(n):
    global TEMP
    s = 0
    TEMP = 1
    for i in range(n):
        if i == 1234:
            del TEMP
        s += TEMP
    return s


class Evil:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        # Called from the compiled loop's comparison: rebinds the loop's globals.
        global SCALE
        SCALE = self.v
        builtins.abs = lambda x: 1000
        return True

    def __index__(self):
        globals()["helper"] = helper_b
        builtins.min = lambda *a: -5
        return 2

    __hash__ = None


def loop_via_dunder(n):
    global SCALE
    SCALE = 1
    s = 0
    e = Evil(11)
    data = [10, 20, 30, 40]
    for i in range(n):
        s += SCALE + abs(-i)
        if i == 800:
            s += (e == 0)
        if i == 900:
            s += data[e]            # BINARY_SUBSCR calls __index__
        s += helper(1) + min(i, 3)
        if i == 1000:
            builtins.abs = _abs
            builtins.min = _min
    return s


def loop_abs_min(n):
    s = 0.0
    vals = [3, -4, 2.5, -1.5, True, -7]
    for i in range(n):
        v = vals[i % 6]
        s += abs(v) + min(v, 0)
        if i == 2000:
            builtins.abs = lambda x: 0.5
        if i == 2002:
            builtins.abs = _abs
    return s


def nested_loops_rebind(n):
    total = 0
    for a in range(n):
        for b in range(30):
            total += helper(b)
            if a == 50 and b == 10:
                globals()["helper"] = helper_b
            if a == 70 and b == 20:
                globals()["helper"] = helper_a
    return total


def main():
    items = [1, 2, 3]
    print("len builtin", loop_len_builtin(items, 4000))
    print("len shadow", loop_len_shadow(items, 3500))
    print("range", loop_range_rebound(40))
    print("isinstance", loop_isinstance([1, "a", 2.0, True, None, 3], 2500))
    print("global const", loop_global_const(4000))
    global SCALE, helper
    SCALE, helper = 3, helper_a
    print("global func", loop_global_func(4000))
    try:
        loop_deleted_global(3000)
    except NameError as e:
        print("NameError", e)
    print("via dunder", loop_via_dunder(2000), SCALE, helper.__name__)
    helper = helper_a
    print("abs/min", loop_abs_min(4000))
    print("nested", nested_loops_rebind(100))
    # Types vary after warm-up: same functions, other argument types.
    print("len builtin str", loop_len_builtin("abcde", 1000))
    sorted_keys = sorted(map(lambda t: t[0], [(2, 1), (1, 2)]))
    print(sorted_keys, len is _len, range is _range, isinstance is _isinstance)
    builtins.len = _len
    print(len is _len)


main()
