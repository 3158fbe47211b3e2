# pyjit-corpus: ordering comparisons against one-character str constants ("a" <= ch <= "z"): ASCII and non-ASCII characters, longer and empty strs, str subclasses with their own ordering, other types (TypeError), results used as values and in branches
# pyjit-compiled: classify, as_values, mixed_operands, Shouty.__lt__, subclass_order

def classify(text):
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append("l")
        elif "A" <= ch <= "Z":
            out.append("U")
        elif ch < "0" or ch > "9":
            out.append("?")
        else:
            out.append("d")
    return "".join(out)


def as_values(items):
    return [(x < "m", x <= "m", x > "m", x >= "m", "m" < x, "m" >= x) for x in items]


def mixed_operands(items):
    out = []
    for x in items:
        try:
            out.append(x < "q")
        except TypeError as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


class Shouty(str):
    def __lt__(self, other):
        return "shout"


def subclass_order():
    s = Shouty("b")
    return (s < "c", "c" > s, s <= "c", Shouty("zz") > "a")


print(classify("Hello, World! 0123 éÉß ~\x7f\x00 zZaA"))
print(as_values(["a", "m", "z", "M", "é", "", "ma", "lz", "\x00", "\x7f", "\x80"]))
print(mixed_operands(["p", "r", 3, None, 2.5, "qq", b"a"]))
print(subclass_order())
