# pyjit-corpus: is / is not / in / not in against None, singletons, containers, custom __contains__, and None-jumps
# pyjit-compiled: is_none, is_not_none, same, not_same, member, not_member, count_members, first_none_index, default_if_none, walk_chain, Bag.__contains__, contains_via_iter

def is_none(x):
    return x is None

def is_not_none(x):
    return x is not None

def same(a, b):
    return a is b

def not_same(a, b):
    return a is not b

def member(x, c):
    return x in c

def not_member(x, c):
    return x not in c

def count_members(items, container):
    n = 0
    for it in items:
        if it in container:
            n += 1
        elif it not in container and it is not None:
            n -= 1
    return n

def first_none_index(seq):
    i = 0
    for v in seq:
        if v is None:
            return i
        i += 1
    return -1

def default_if_none(x, d):
    if x is None:
        x = d
    return x

def walk_chain(start, nxt):
    # follows a linked structure stored in a dict until None (POP_JUMP_BACKWARD_IF_NOT_NONE)
    node = start
    steps = 0
    while node is not None:
        steps += 1
        node = nxt.get(node)
    return steps

class Bag:
    def __contains__(self, item):
        return item == 3 or item == "three"

class OnlyIter:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)

def contains_via_iter(x, obj):
    return x in obj

sentinel = object()
vals = [None, 0, False, "", (), sentinel, 1, True]
for v in vals:
    print(repr(v) if v is not sentinel else "sentinel", is_none(v), is_not_none(v), same(v, None), not_same(v, False), same(v, sentinel))
print("same ints", same(1, 1), same(True, True), not_same(None, None))
containers = [[1, 2, 3], (1, 2, 3), {1, 2, 3}, {1: "a", 2: "b"}, range(0, 10, 2), frozenset([3]), [1.0], [True]]
for c in containers:
    print(type(c).__name__, member(1, c), not_member(3, c), member(None, c))
print("substr", member("bc", "abcd"), member("", "x"), not_member("dc", "abcd"), member(b"\x02", b"\x01\x02"), member(2, b"\x02"))
print("nan in list", member(float("nan"), [float("nan")]))
nan = float("nan")
print("same nan in list", member(nan, [nan]), member(nan, (1, nan)))
print("count", count_members([1, 2, 5, None, 3, 9], {1, 2, 3}), count_members("hello", "world"))
print("first none", first_none_index([1, 2, None, 4]), first_none_index(()), first_none_index([None]))
print("default", default_if_none(None, 5), default_if_none(0, 5), default_if_none("", "x"))
print("walk", walk_chain("a", {"a": "b", "b": "c", "c": None}), walk_chain(None, {}), walk_chain(1, {1: 2, 2: 3}))
b = Bag()
print("bag", member(3, b), member(4, b), not_member("three", b), not_member(3.0, b))
print("via iter", contains_via_iter(2, OnlyIter([1, 2, 3])), contains_via_iter(5, OnlyIter([1, 2, 3])))
for c in (5, None, 3.5):
    try:
        print(member(1, c))
    except TypeError as e:
        print("TypeError", e)
try:
    print(member([], {1: 2}))
except TypeError as e:
    print("TypeError", e)
