# pyjit-corpus: compiled code must observe globals rebound between (and during) calls, builtins shadowed by globals and then un-shadowed via del, rebinding of called functions, and globals() dict mutation
# pyjit-compiled: read_limit, scaled, call_helper, use_len, use_print_name, loop_reads_global, rebinding_mid_loop, uses_range, mutate_other, bump_step, helper, len, range

LIMIT = 10

def read_limit():
    return LIMIT

def scaled(x):
    return x * FACTOR

def helper(x):
    return "helper1(" + str(x) + ")"

def call_helper(x):
    return helper(x)

def use_len(s):
    return len(s)

def use_print_name(x):
    print("say", x)
    return str(print)

def loop_reads_global(n):
    total = 0
    for i in range(n):
        total += STEP
    return total

def bump_step():
    global STEP
    STEP = STEP * 10

def rebinding_mid_loop(n):
    total = 0
    for i in range(n):
        total += STEP
        if i == 1:
            bump_step()
    return total

def uses_range(n):
    total = 0
    for i in range(n):
        total += i
    return total

def mutate_other(name, value):
    globals().__setitem__(name, value)
    return read_limit()

FACTOR = 2
print(read_limit(), scaled(5))
LIMIT = 20
FACTOR = 2.5
print(read_limit(), scaled(5))
LIMIT = "now a string"
FACTOR = "ab"
print(read_limit(), scaled(3))

print(call_helper(1))
def helper(x):
    return "helper2[" + str(x) + "]"
print(call_helper(2))
helper = len
print(call_helper("four"))

print("len builtin", use_len("abc"))
def len(x):
    return "shadowed len of " + repr(x)
print("len shadowed", use_len("abc"))
del len
print("len restored", use_len("abc"))
import builtins
len = lambda x: -1
print("len lambda", use_len("abc"))
del globals()["len"]
print("len restored again", use_len("abcd"))

builtins.print(use_print_name(1))
def print(*args):
    builtins.print("[shadowed print]", *args)
builtins.print(use_print_name(2) == str(print))
del print
builtins.print(use_print_name(3))
print = builtins.print  # a global that is the same object as the builtin
print(use_print_name(4))
del print

STEP = 1
print("loop", loop_reads_global(5))
STEP = 3
print("loop", loop_reads_global(5))
STEP = 1
print("mid loop", rebinding_mid_loop(4), STEP)

orig_range = range
def range(n):
    return orig_range(n, 0, -1)
print("range shadowed", uses_range(4))
del range
print("range restored", uses_range(4))

print("mutate", mutate_other("LIMIT", 99), mutate_other("LIMIT", [1, 2]))
del LIMIT
try:
    read_limit()
except NameError as e:
    print("NameError", e)
builtins.LIMIT = "from builtins"
print("builtins fallback", read_limit())
LIMIT = "global wins"
print("global wins", read_limit())
del LIMIT
print("builtins again", read_limit())
del builtins.LIMIT
try:
    read_limit()
except NameError as e:
    print("NameError", e)
