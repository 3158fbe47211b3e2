# pyjit-corpus: calling builtins from compiled code with positional args: len abs min max isinstance range str repr int float sum sorted divmod pow round bool chr ord hex bin
# pyjit-compiled: lengths, absolutes, extremes, kinds, rng, conversions, reprs, sums, sort_it, numeric_misc, chars, through_variable, builtin_errors

def lengths(a, b, c):
    return len(a) + len(b) * 100 + len(c) * 10000

def absolutes(x):
    return abs(x)

def extremes(seq):
    print("  min/max", min(seq), max(seq))
    return max(min(seq), 0)

def kinds(x):
    print("  ", isinstance(x, int), isinstance(x, float), isinstance(x, str), isinstance(x, bool), isinstance(x, object), type(x) is int)

def rng(a, b, c):
    return list(range(a, b, c))

def conversions(x):
    print("  int", int(x), "float", float(x), "str", str(x), "bool", bool(x))

def reprs(x):
    return repr(x) + "|" + str(x)

def sums(seq, start):
    return sum(seq, start)

def sort_it(seq):
    print("  sorted", sorted(seq), "reversed", list(reversed(sorted(seq))))
    return len(sorted(seq))

def numeric_misc(a, b):
    print("  divmod", divmod(a, b), "pow", pow(a, 3), pow(a, 2, 7) if isinstance(a, int) else "-", "round", round(a / b), round(a / b, 2))

def chars(n):
    c = chr(n)
    print("  chr", repr(c), "ord", ord(c), "hex", hex(n), "oct", oct(n), "bin", bin(n))

def through_variable(fn, x):
    f = fn
    return f(x)

def builtin_errors(which):
    if which == 0:
        return len(5)
    if which == 1:
        return int("abc")
    if which == 2:
        return min(())
    if which == 3:
        return sorted(("a", 1))
    if which == 4:
        return chr(-1)
    if which == 5:
        return float("x1")
    return abs("s")

print("lengths", lengths("abc", [1, 2], {}), lengths("", (), range(7)), lengths(b"xy", {1: 2}, "日本"))
for x in (-5, 5, -2.5, -0.0, -(2**80), True, complex(3, 4)):
    print("abs", repr(x), repr(absolutes(x)))
print("extremes", extremes([3, 1, 2]), extremes((-5, -7)), extremes(range(-3, 3)), extremes((2.5, 7, -1)))
for x in (1, 1.5, "s", True, None, [1]):
    print("kinds", repr(x))
    kinds(x)
print("range", rng(0, 10, 3), rng(10, 0, -4), rng(5, 5, 1), rng(-2**65, -2**65 + 3, 1))
for x in (3, -3.75, "42", True, "  7  ", 2**70):
    print("conv", repr(x))
    conversions(x)
print("reprs", reprs("a'b"), reprs(1.0), reprs([1, "x"]), reprs(None), reprs(2**64))
print("sums", sums([1, 2, 3], 0), sums([0.1] * 10, 0), sums([[1], [2]], []), sums(range(1000), 10**20))
print("sort_it", sort_it([3, 1, 2]), sort_it("banana"), sort_it([]), sort_it((2.5, -1, 10**20)))
for a, b in ((17, 5), (-17, 5), (17.5, -4), (2**70, 3)):
    print("numeric", a, b)
    numeric_misc(a, b)
for n in (65, 0, 0x263A, 0x1F600):
    chars(n)
print("through_variable", through_variable(len, "abcd"), through_variable(str, 5), through_variable(sorted, "cba"), through_variable(abs, -9))
for w in range(7):
    try:
        builtin_errors(w)
    except (TypeError, ValueError) as e:
        print("error", w, type(e).__name__, e)
