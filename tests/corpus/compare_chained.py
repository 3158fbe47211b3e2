# pyjit-corpus: comparison operators and chained comparisons (SWAP/COPY + JUMP_IF_FALSE_OR_POP) across ints, floats, strings, tuples, mixed types
# pyjit-compiled: lt, le, eq, ne, gt, ge, between, between_le, chain4, chain_mixed, sorted3, count_between, chain_eq, side_effect_chain, tick

def lt(a, b):
    return a < b

def le(a, b):
    return a <= b

def eq(a, b):
    return a == b

def ne(a, b):
    return a != b

def gt(a, b):
    return a > b

def ge(a, b):
    return a >= b

def between(lo, x, hi):
    return lo < x < hi

def between_le(lo, x, hi):
    if lo <= x <= hi:
        return "in"
    return "out"

def chain4(a, b, c, d):
    return a < b <= c < d

def chain_mixed(a, b, c):
    return a == b != c

def sorted3(a, b, c):
    return a <= b <= c

def count_between(seq, lo, hi):
    n = 0
    for x in seq:
        if lo <= x < hi:
            n += 1
    return n

def chain_eq(a, b, c):
    return a is b is c

calls = 0

def tick(v):
    global calls
    calls += 1
    return v

def side_effect_chain(a, b, c):
    # middle operand must be evaluated exactly once; right side short-circuits
    return tick(a) < tick(b) < tick(c)

vals = [0, 1, -1, 2.5, 2**70, -(2**70), True, False, 1.0]
for a in vals:
    for b in vals:
        print(a, b, lt(a, b), le(a, b), eq(a, b), ne(a, b), gt(a, b), ge(a, b))
for a, b in [("abc", "abd"), ("", "a"), ("Z", "a"), ("é", "e"), ((1, 2), (1, 2, 0)), ((1, "x"), (1, "x")), ([1], [0, 9]), (b"ab", b"a")]:
    print(repr(a), repr(b), lt(a, b), le(a, b), eq(a, b), ne(a, b), gt(a, b), ge(a, b))
for t in [(1, 2, 3), (1, 1, 3), (3, 2, 1), (0, 5, 5), (-1, -1, -1), (1.5, 2, 2.5), ("a", "b", "c")]:
    print("between", t, between(t[0], t[1], t[2]), between_le(t[0], t[1], t[2]), sorted3(t[0], t[1], t[2]))
print("chain4", chain4(1, 2, 2, 3), chain4(1, 2, 3, 3), chain4(3, 2, 1, 0), chain4(-5, 0, 0.0, 1e9))
print("chain_mixed", chain_mixed(1, 1, 2), chain_mixed(1, 1, 1), chain_mixed(1, 2, 3), chain_mixed("a", "a", None))
print("count", count_between(range(100), 10, 20), count_between([3, 1.5, -2, 10**30, 7], 0, 10**31))
x = object()
print("chain_is", chain_eq(x, x, x), chain_eq(x, x, None), chain_eq(None, None, None))
for t in [(1, 2, 3), (2, 1, 3), (1, 3, 2)]:
    calls = 0
    r = side_effect_chain(t[0], t[1], t[2])
    print("side effects", t, r, calls)
for a, b in [(1, "a"), ("a", None), (None, None), ([], ())]:
    try:
        print(lt(a, b))
    except TypeError as e:
        print("TypeError", e)
    try:
        print("between", between(0, a, b))
    except TypeError as e:
        print("TypeError", e)
