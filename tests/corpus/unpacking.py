# pyjit-corpus: sequence unpacking in compiled code: UNPACK_SEQUENCE on tuples/lists/strings/iterators, star-unpacking a, *b, c = ... (UNPACK_EX), nested targets, unpacking into attributes/subscripts, swaps, unpacking in for loops and with enumerate/zip/dict.items, exact errors for too many/too few values
# pyjit-compiled: simple, star_forms, nested, swap_rotate, into_targets, loop_unpack, from_iterators
# pyjit-compiled: errors, Pair.__init__, Pair.__iter__, custom_iterable, many_targets, <module>

class Holder:
    pass

def simple(seq):
    a, b, c = seq
    return c, b, a

def star_forms(seq):
    first, *rest = seq
    *init, last = seq
    a, *mid, z = seq
    return first, rest, init, last, a, mid, z

def nested(data):
    (a, b), [c, (d, *e)] = data
    return a, b, c, d, e

def swap_rotate(x, y, z):
    x, y = y, x
    x, y, z = z, x, y
    return x, y, z

def into_targets():
    h = Holder()
    d = {}
    lst = [0, 0, 0]
    h.a, d["k"], lst[1] = "attr", "item", "slot"
    lst[0], *lst[2:] = [7, 8, 9]
    return h.a, d, lst

def loop_unpack(pairs):
    out = []
    for i, (name, score) in enumerate(pairs):
        out.append("%d:%s=%d" % (i, name, score))
    for k, v in dict(pairs).items():
        out.append(k + str(v))
    for a, *b in [(1, 2, 3), (4,), "xyz"]:
        out.append((a, b))
    return out

def from_iterators():
    a, b, c = iter(range(3))
    d, *e = (x * x for x in range(4))
    f, g = "hi"
    h, i = {"k1": 1, "k2": 2}
    return a, b, c, d, e, f, g, h, i

def errors():
    out = []
    cases = [(1, 2), (1, 2, 3, 4), "ab", [], None, 5]
    for case in cases:
        try:
            a, b, c = case
            out.append("ok")
        except (ValueError, TypeError) as e:
            out.append("%s: %s" % (type(e).__name__, e))
    for case in ([1], (), iter([1])):
        try:
            a, *b, c = case
        except ValueError as e:
            out.append("ValueError: " + str(e))
    try:
        a, b = iter(range(5))
    except ValueError as e:
        out.append("ValueError: " + str(e))
    return out

class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __iter__(self):
        return iter((self.a, self.b))

def custom_iterable():
    x, y = Pair("left", "right")
    first, *others = Pair(1, 2)
    return x, y, first, others

def many_targets():
    a, b, c, d, e, f, g, h, i, j = range(10)
    *head, i2, j2 = range(300)
    return a + b + c + d + e + f + g + h + i + j, len(head), i2, j2

print(simple((1, 2, 3)), simple("xyz"), simple([None, True, False]))
print(star_forms([1, 2, 3, 4, 5]))
print(star_forms("ab"))
print(nested(((1, 2), [3, (4, 5, 6)])))
print(swap_rotate(1, 2, 3))
print(into_targets())
print(loop_unpack([("amy", 3), ("bob", 5)]))
print(from_iterators())
for e in errors():
    print(e)
print(custom_iterable())
print(many_targets())
