# pyjit-corpus: str[int] through the JIT's helper (ASCII, Latin-1, BMP and astral characters, negative and out-of-range indexes, bool and big-int indexes, str subclasses, slices) and str ==/!= decided inline (same object, lengths, first ASCII character, one-char strs) or by _PyUnicode_Equal (other kinds, longer strs, empty strs)
# pyjit-compiled: scan, index_edges, equalities, Loud.__getitem__
import sys

TEXTS = ["hello, world", "caf\u00e9 na\u00efve", "\u4e2d\u6587 text \u4e2d", "a\U0001f600b\U0001f600", "", "x"]


def scan(text, target):
    hits = 0
    firsts = []
    for pos in range(len(text)):
        ch = text[pos]
        if ch == target:
            hits += 1
        if ch != text[-1 - pos]:
            firsts.append(pos)
    return hits, firsts[:3]


class Loud(str):
    def __getitem__(self, i):
        return "<" + str.__getitem__(self, i) + ">"


def index_edges(text):
    out = []
    for i in (0, 1, -1, -len(text) if text else 0, len(text), -len(text) - 1, True, False,
              2**40, -2**40, 2**100):
        try:
            c = text[i]
            out.append((i if not isinstance(i, bool) else repr(i), c, len(c), c is text[i]))
        except IndexError as e:
            out.append((i if i < 2**50 else "big", "IndexError", str(e)))
    try:
        text["a"]
    except TypeError as e:
        out.append(("str index", str(e)))
    out.append(("slice", text[1:3], text[::-1][:2]))
    return out


def equalities(words):
    rows = []
    for a in words:
        row = []
        for b in words:
            row.append((a == b, a != b, (a + "") == b, a == b[:1], a[:1] == b[:1]))
        rows.append(sum(1 for r in row if r[0]) * 100 + sum(1 for r in row if r[4]))
    return rows


for t in TEXTS:
    print(repr(t), scan(t, "a"), scan(t, "\u00e9"), scan(t, "\U0001f600"), scan(t, "\u4e2d"))
    print(index_edges(t))
loud = Loud("quiet")
print(scan(loud, "<q>"), index_edges(loud))
words = TEXTS + ["hello, world!", "hello, worle", "caf\u00e9 na\u00efvf", "\u00e9", "\u00e9\u00e9",
                 "\U0001f600", "a", "b", "ab", "ba", Loud("a"), "".join(["x"]), chr(120),
                 "\u4e2d", "hello, world"[0:5], "hello"]
print(equalities(words))
