# pyjit-corpus: building containers in compiled code: list/tuple/set/dict displays (BUILD_*, BUILD_CONST_KEY_MAP), star-displays (LIST_EXTEND, SET_UPDATE, LIST_TO_TUPLE), dict merging {**a, **b} (DICT_UPDATE), | and |= on dicts, unhashable element errors, evaluation order
# pyjit-compiled: ev, displays, star_displays, dict_merging, evaluation_order, duplicate_keys
# pyjit-compiled: errors, grow_in_loop, tuples_and_identity, <module>

ORDER = []

def ev(tag, value):
    ORDER.append(tag)
    return value

def displays(x, y):
    lst = [x, y, x + y]
    tup = (x, y, x * y)
    st = {x, y, x, y}
    dct = {"x": x, "y": y}
    const_keys = {"a": 1, "b": 2, "c": x}
    empty = ([], (), {}, set())
    nested = [[x], (y,), {"k": [x, (y, {x})]}]
    return lst, tup, sorted(st), dct, const_keys, empty, nested

def star_displays(a, b):
    l1 = [*a, *b]
    l2 = [0, *a, 99, *b, 100]
    t1 = (*a, *b)
    t2 = (*a,)
    s1 = {*a, *b}
    s2 = {0, *b}
    return l1, l2, t1, t2, sorted(s1), sorted(s2)

def dict_merging(base, override):
    merged = {**base, **override}
    with_literal = {"first": 0, **base, "mid": 1, **override, "last": 2}
    union = base | override
    inplace = dict(base)
    inplace |= override
    return merged, with_literal, union, inplace, base

def evaluation_order():
    del ORDER[:]
    d = {ev("k1", "a"): ev("v1", 1), ev("k2", "b"): ev("v2", 2)}
    l = [ev("e1", 1), *ev("star", [2, 3]), ev("e2", 4)]
    m = {**ev("m1", {"x": 1}), ev("k3", "y"): ev("v3", 2)}
    return d, l, m, list(ORDER)

def duplicate_keys():
    d = {"a": 1, "b": 2, "a": 3}
    e = {1: "int", 1.0: "float", True: "bool"}
    return d, e

def errors():
    out = []
    try:
        {[1, 2]}
    except TypeError as e:
        out.append(str(e))
    try:
        {{}: 1}
    except TypeError as e:
        out.append(str(e))
    try:
        {**[1]}
    except TypeError as e:
        out.append(str(e))
    try:
        [*None]
    except TypeError as e:
        out.append(str(e))
    try:
        {*5}
    except TypeError as e:
        out.append(str(e))
    try:
        (*1.5,)
    except TypeError as e:
        out.append(str(e))
    return out

def grow_in_loop(n):
    rows = []
    index = {}
    seen = set()
    for i in range(n):
        row = (i, i * i, str(i))
        rows.append(row)
        index[row[2]] = i
        seen.add(i % 7)
    return len(rows), rows[-1], index["5"], sorted(seen)

def tuples_and_identity():
    a = (1, 2, 3)
    b = tuple([1, 2, 3])
    return a == b, (), tuple(), a is b, (a, b)[1]

print(displays(3, 4))
print(star_displays([1, 2], (3, 2)))
for part in dict_merging({"a": 1, "b": 2}, {"b": 20, "c": 30}):
    print(part)
for part in evaluation_order():
    print(part)
print(duplicate_keys())
for msg in errors():
    print(msg)
print(grow_in_loop(50))
print(tuples_and_identity())
