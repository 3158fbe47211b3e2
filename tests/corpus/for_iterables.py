# pyjit-corpus: for loops over lists, tuples, strings, bytes, dicts (keys/values/items), int sets, enumerate/zip/reversed objects passed as arguments
# pyjit-compiled: total, count_chars, join_chars, dict_keys_sum, dict_values, show_items, max_len_word, concat_tuples, reversed_str, pair_sums, nested_iter, mutate_while_iterating, bytes_sum, iter_twice, mutating_sum_compiled, mutating_sum

def total(seq):
    t = 0
    for x in seq:
        t += x
    return t

def count_chars(s, ch):
    n = 0
    for c in s:
        if c == ch:
            n += 1
    return n

def join_chars(s, sep):
    out = ""
    first = True
    for c in s:
        if first:
            first = False
        else:
            out += sep
        out += c
    return out

def dict_keys_sum(d):
    s = 0
    for k in d:
        s += k
    return s

def dict_values(d):
    out = list()
    for v in d.values():
        out.append(v)
    return out

def show_items(d):
    for item in d.items():
        print("  item", item)

def max_len_word(words):
    best = None
    for w in words:
        if best is None or len(w) > len(best):
            best = w
    return best

def concat_tuples(ts):
    out = ()
    for t in ts:
        out = out + t
    return out

def reversed_str(s):
    out = ""
    for c in reversed(s):
        out += c
    return out

def pair_sums(it):
    out = list()
    for p in it:
        out.append(sum(p))
    return out

def nested_iter(outer):
    n = 0
    for inner in outer:
        for x in inner:
            n += 1
    return n

def mutate_while_iterating(lst):
    # appending while iterating a list is well-defined: the loop sees the new items
    for x in lst:
        if x < 5:
            lst.append(x + 3)
    return lst

def bytes_sum(b):
    s = 0
    for byte in b:
        s += byte
    return s

def mutating_sum(d):
    # STORE_SUBSCR; the RuntimeError comes from the dict iterator
    s = 0
    for k in d:
        d[k + 100] = 0
        s += k
    return s

def mutating_sum_compiled(d):
    s = 0
    for k in d:
        d.setdefault(k + 100, 0)
        s += k
    return s

def iter_twice(it):
    a = 0
    for x in it:
        a += 1
    for x in it:
        a += 100
    return a

print("total", total([1, 2, 3]), total((1.5, 2.5)), total(range(10)), total([]), total([2**70, -(2**70), 1]), total({1, 2, 3}))
print("count_chars", count_chars("mississippi", "s"), count_chars("", "a"), count_chars("ééé", "é"), count_chars(["a", "b", "a"], "a"))
print("join_chars", join_chars("abc", "-"), join_chars("", "-"), join_chars(("x", "y"), ", "), join_chars("日本語", "|"))
d = {3: "c", 1: "a", 2: "b"}
print("dict_keys_sum", dict_keys_sum(d), dict_keys_sum({}))
print("dict_values", dict_values(d), dict_values({"k": [1], "j": None}))
show_items(d)
show_items({"only": 1})
print("max_len_word", max_len_word(["a", "abc", "ab", "xyz"]), max_len_word([]), max_len_word("hello world".split()))
print("concat_tuples", concat_tuples([(1,), (2, 3), (), (4,)]), concat_tuples(()))
print("reversed_str", reversed_str("hello"), reversed_str(""), reversed_str(["x", "y", "z"]))
print("pair_sums", pair_sums(zip([1, 2, 3], [10, 20, 30])), pair_sums(enumerate("abc" and [5, 6])), pair_sums([]))
print("nested_iter", nested_iter([[1, 2], "abc", (), range(4), {1: 2}]))
print("mutate", mutate_while_iterating([1, 7, 2]))
print("bytes_sum", bytes_sum(b"\x00\x01\xff"), bytes_sum(bytearray(b"abc")), bytes_sum(b""))
print("iter_twice", iter_twice(iter([1, 2, 3])), iter_twice([1, 2, 3]), iter_twice(x for x in "ab"))
print("sets of ints", total({5, 10, 15}), sorted(dict_values({i: i * i for i in range(5)})))
for bad in (5, None, 3.0):
    try:
        total(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    mutating_sum({1: 1, 2: 2})
except RuntimeError as e:
    print("RuntimeError", e)
try:
    mutating_sum_compiled({1: 1, 2: 2})
except RuntimeError as e:
    print("RuntimeError", e)
