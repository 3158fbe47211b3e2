# pyjit-corpus: str/bytes via BINARY_OP and comparisons: concatenation (incl. in-place in loops), repetition, %-formatting, comparisons, membership, unicode, bytes ops
# pyjit-compiled: concat, repeat, build_in_loop, percent, percent_dict, caesar, is_palindrome, count_vowels, bytes_concat, compare_strings, pad_left, word_lengths

def concat(a, b):
    return a + b

def repeat(s, n):
    return s * n

def build_in_loop(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
    return s

def percent(fmt, arg):
    return fmt % arg

def percent_dict(d):
    return "%(name)s is %(age)d" % d

def caesar(text, shift):
    out = ""
    for ch in text:
        if "a" <= ch <= "z":
            out += chr((ord(ch) - 97 + shift) % 26 + 97)
        elif "A" <= ch <= "Z":
            out += chr((ord(ch) - 65 + shift) % 26 + 65)
        else:
            out += ch
    return out

def is_palindrome(s):
    cleaned = ""
    for ch in s.lower():
        if ch.isalnum():
            cleaned += ch
    rev = ""
    for ch in cleaned:
        rev = ch + rev
    return cleaned == rev

def count_vowels(s):
    n = 0
    for ch in s:
        if ch in "aeiouAEIOU":
            n += 1
    return n

def bytes_concat(a, b, n):
    return (a + b) * n

def compare_strings(a, b):
    print("  cmp", repr(a), repr(b), a < b, a == b, a > b, a in b, b not in a)

def pad_left(s, width):
    while len(s) < width:
        s = " " + s
    return s

def word_lengths(sentence):
    out = ""
    for w in sentence.split():
        out += str(len(w)) + ","
    return out

print(concat("ab", "cd"), concat("", ""), concat("日本", "語"), concat([1], [2]), concat((1,), (2,)))
print(repeat("ab", 3), repr(repeat("x", 0)), repr(repeat("x", -2)), repeat(3, "z"), len(repeat("ab", 10000)))
print(build_in_loop(25), len(build_in_loop(5000)))
print(percent("%d items", 5), percent("%5.2f|%-4s|%x", (3.14159, "ab", 255)), percent("%r", "q"), percent("%%", ()))
print(percent_dict({"name": "ann", "age": 42}))
print(caesar("Hello, World!", 3), caesar(caesar("Round Trip", 13), 13), caesar("xyz", -1))
print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("abc"), is_palindrome(""))
print(count_vowels("Programming Language"), count_vowels("rhythm"), count_vowels("ÀEIOU"))
print(bytes_concat(b"ab", b"\x00", 2), bytes_concat(bytearray(b"x"), b"y", 3))
for a, b in [("a", "b"), ("abc", "abcd"), ("", ""), ("Z", "a"), ("ä", "z"), ("10", "9"), ("b", "abc")]:
    compare_strings(a, b)
print("[" + pad_left("7", 5) + "]", "[" + pad_left("toolong", 3) + "]")
print(word_lengths("the quick  brown fox"), repr(word_lengths("")))
for fn, args in [(concat, ("a", 1)), (concat, (1, "a")), (repeat, ("a", 1.5)), (percent, ("%d", "x")), (percent, ("%s %s", ("one",))), (concat, (b"a", "b"))]:
    try:
        fn(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    repeat("x", 2**63)
except OverflowError as e:
    print("OverflowError", e)
