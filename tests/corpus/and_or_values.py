# pyjit-corpus: `and`/`or` return operand values (JUMP_IF_TRUE_OR_POP / JUMP_IF_FALSE_OR_POP), short-circuiting, conditional expressions
# pyjit-compiled: and2, or2, and3, or3, mixed, default_name, clamp, loud, short_and, short_or, ternary, nested_ternary, any_true, all_true

def and2(a, b):
    return a and b

def or2(a, b):
    return a or b

def and3(a, b, c):
    return a and b and c

def or3(a, b, c):
    return a or b or c

def mixed(a, b, c):
    return a and b or c

def default_name(name):
    return name or "anonymous"

def clamp(x, lo, hi):
    return lo if x < lo else hi if x > hi else x

log = []

def loud(v):
    log.append(v)
    return v

def short_and(a, b):
    return loud(a) and loud(b)

def short_or(a, b):
    return loud(a) or loud(b)

def ternary(x):
    return "pos" if x > 0 else ("zero" if x == 0 else "neg")

def nested_ternary(a, b):
    return (a or b) and (b or a) or None

def any_true(seq):
    r = False
    for x in seq:
        r = r or x
    return r

def all_true(seq):
    r = True
    for x in seq:
        r = r and x
    return r

vals = [0, 1, "", "s", None, [], [0], 0.0, -0.0, 2**80, False, True]
for a in vals:
    for b in (0, "b", None, [1]):
        print(repr(a), repr(b), repr(and2(a, b)), repr(or2(a, b)), repr(nested_ternary(a, b)))
print(and3(1, 2, 3), and3(1, 0, 3), and3("", 0, 3), or3(0, "", None), or3(0, "x", 1), or3([], [], [9]))
print(mixed(1, 0, "c"), mixed(1, "b", "c"), mixed(0, "b", "c"), mixed(None, None, None))
print(default_name(""), default_name("bob"), default_name(None))
print(clamp(-5, 0, 10), clamp(5, 0, 10), clamp(50, 0, 10), clamp(2.5, 3, 4))
for a, b in [(0, 1), (1, 0), (1, 2), (0, 0)]:
    log.clear()
    r1 = short_and(a, b)
    l1 = list(log)
    log.clear()
    r2 = short_or(a, b)
    print("short", a, b, r1, l1, r2, list(log))
print(ternary(3), ternary(0), ternary(-2), ternary(0.0), ternary(-0.5))
print(any_true([0, "", None]), any_true([0, 5, 6]), any_true([]), all_true([1, 2, 0, 3]), all_true([1, 2]), all_true([]))
