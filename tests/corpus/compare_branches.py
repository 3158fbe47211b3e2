# pyjit-corpus: comparisons feeding conditional jumps directly (compare+branch fusion): NaN (unordered), -0.0, inf, int/float mixes at 2**53, signed 64-bit extremes, bigints, bool/int, str/bytes, is-vs-== in branches
# pyjit-compiled: branch_lt, branch_le, branch_gt, branch_ge, branch_eq, branch_ne, branch_not_lt, all_branches, while_lt_count, max_by_branch, sort2

def branch_lt(a, b):
    if a < b:
        return "T"
    return "F"

def branch_le(a, b):
    if a <= b:
        return "T"
    return "F"

def branch_gt(a, b):
    if a > b:
        return "T"
    return "F"

def branch_ge(a, b):
    if a >= b:
        return "T"
    return "F"

def branch_eq(a, b):
    if a == b:
        return "T"
    return "F"

def branch_ne(a, b):
    if a != b:
        return "T"
    return "F"

def branch_not_lt(a, b):
    if not (a < b):
        return "T"
    return "F"

def all_branches(a, b):
    return branch_lt(a, b) + branch_le(a, b) + branch_gt(a, b) + branch_ge(a, b) + branch_eq(a, b) + branch_ne(a, b) + branch_not_lt(a, b)

def while_lt_count(a, limit, step):
    n = 0
    while a < limit:
        a = a + step
        n += 1
        if n > 1000:
            break
    return n

def max_by_branch(seq):
    best = None
    for x in seq:
        if best is None:
            best = x
        elif x > best:
            best = x
    return best

def sort2(a, b):
    if b < a:
        return str(b) + "," + str(a)
    return str(a) + "," + str(b)

nan = float("nan")
inf = float("inf")
MIN64 = -(2**63)
MAX64 = 2**63 - 1
pairs = [
    (1, 2), (2, 1), (2, 2), (-1, 1), (1, -1), (MIN64, MAX64), (MAX64, MIN64), (MIN64, MIN64),
    (MAX64, MAX64 + 1), (MIN64 - 1, MIN64), (-1, 2**64 - 1), (2**64 - 1, -1), (0, -0),
    (1.0, 2.0), (nan, 1.0), (1.0, nan), (nan, nan), (0.0, -0.0), (-0.0, 0.0), (inf, inf), (-inf, inf), (inf, nan),
    (1, 1.0), (2**53, 2.0**53), (2**53 + 1, 2.0**53), (2.0**53, 2**53 + 1), (MAX64, 2.0**63), (MIN64, -(2.0**63)),
    (10**400, inf), (-(10**400), -inf), (1, nan), (nan, 10**400),
    (True, 1), (False, 0), (True, 2), (True, 1.0),
    ("a", "b"), ("b", "a"), ("", ""), ("é", "e"), (b"a", b"b"), ((1, nan), (1, nan)), ([nan], [nan]),
]
for a, b in pairs:
    print(repr(a), repr(b), all_branches(a, b))
print("while", while_lt_count(0, 10, 1), while_lt_count(0.0, 1.0, 0.1), while_lt_count(nan, 10, 1), while_lt_count(MAX64 - 5, MAX64 + 5, 1), while_lt_count(-inf, 0, 1))
print("max", max_by_branch([3, nan, 5]), max_by_branch([nan, 3, 5]), max_by_branch([-0.0, 0.0]), max_by_branch([0.0, -0.0]), max_by_branch([1, 2.5, 2**70, 1e30]))
print("sort2", sort2(2, 1), sort2(1, 2), sort2(nan, 1), sort2(1, nan), sort2("b", "a"), sort2(MAX64, MIN64))
for a, b in ((1, "a"), (None, 1), (nan, "x")):
    try:
        all_branches(a, b)
    except TypeError as e:
        print("TypeError", e)
