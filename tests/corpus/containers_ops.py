# pyjit-corpus: container operations reachable through the subset: list/tuple +, *, +=, *= (in-place on a list mutates the caller's object), dict |, set & | - ^ on ints, comparisons of containers, `in` on dict views
# pyjit-compiled: plus, times, iadd_list, imul_list, dict_merge, dict_imerge, set_algebra, lex_compare, keys_contain, flatten, dedupe_sorted, chunk_sums

def plus(a, b):
    return a + b

def times(a, n):
    return a * n

def iadd_list(lst, extra):
    lst += extra
    return lst

def imul_list(lst, n):
    lst *= n
    return lst

def dict_merge(a, b):
    return a | b

def dict_imerge(a, b):
    a |= b
    return a

def set_algebra(a, b):
    print("  &", sorted(a & b), "|", sorted(a | b), "-", sorted(a - b), "^", sorted(a ^ b), "<=", a <= b, "<", a < b)

def lex_compare(a, b):
    print("  lex", a, b, a < b, a == b, a >= b)

def keys_contain(d, k):
    print("  views", k in d.keys(), k in d.values(), k in d.items())

def flatten(nested):
    out = list()
    for part in nested:
        out += part
    return out

def dedupe_sorted(seq):
    out = list()
    prev = None
    first = True
    for x in sorted(seq):
        if first or x != prev:
            out.append(x)
        first = False
        prev = x
    return out

def chunk_sums(seq, size):
    out = list()
    acc = 0
    n = 0
    for x in seq:
        acc += x
        n += 1
        if n == size:
            out.append(acc)
            acc = 0
            n = 0
    if n:
        out.append(acc)
    return out

print(plus([1], [2, 3]), plus((1,), ()), plus([], []), times([0], 3), times((1, 2), 2), times([1], 0), times([[]], 2))
a = [1, 2]
b = iadd_list(a, [3])
print("iadd same object", a, b is a)
t = (1, 2)
t2 = iadd_list(t, (3,))
print("iadd tuple new object", t, t2, t2 is t)
c = [1, 2]
d = imul_list(c, 3)
print("imul", c, d is c)
print("iadd from generator", iadd_list([0], (x * x for x in range(4))))
da = {"a": 1, "b": 2}
print(dict_merge(da, {"b": 3, "c": 4}), da)
print(dict_imerge(da, {"z": 0}), da)
set_algebra({1, 2, 3}, {2, 3, 4})
set_algebra(frozenset([1]), {1, 2})
set_algebra(set(), set())
for x, y in [([1, 2], [1, 3]), ((1, 2), (1, 2)), ([1], [1, 0]), ((), ()), ([[1]], [[0, 5]])]:
    lex_compare(x, y)
keys_contain({"k": "v"}, "k")
keys_contain({"k": "v"}, "v")
keys_contain({"k": "v"}, ("k", "v"))
print(flatten([[1, 2], (3,), "ab", range(2)]))
print(dedupe_sorted([3, 1, 3, 2, 1, 1]), dedupe_sorted([]), dedupe_sorted("mississippi"))
print(chunk_sums(range(10), 3), chunk_sums([], 2), chunk_sums([2**64] * 4, 2))
for fn, args in [(plus, ([1], (2,))), (times, ([1], [2])), (dict_merge, ({}, [])), (set_algebra, ({1}, [1])), (lex_compare, ([1], ["a"]))]:
    try:
        fn(*args)
    except TypeError as e:
        print("TypeError", e)
