# pyjit-corpus: builtins and globals mutated while compiled code runs: builtins.len/print/isinstance replaced and restored between calls and mid-loop, a global shadowing a builtin created and deleted from inside a compiled loop, builtins module attributes added, functions called through rebound names, globals dict written via globals()
# pyjit-compiled: fake_len, capture_print, measure, say, measure_loop, shadow_in_loop
# pyjit-compiled: shadow_in_loop.<locals>.<lambda>, new_builtin, call_named, transform, transform2
# pyjit-compiled: rebind_transform_mid_loop, isinstance_user, run, run.<locals>.<lambda>
import builtins

_real_len = builtins.len
_real_print = builtins.print
CAPTURED = []


def fake_len(x):
    return -1

def capture_print(*args, **kwargs):
    CAPTURED.append(" ".join(str(a) for a in args))

def measure(items):
    return len(items)

def say(x):
    print("say:", x)
    return x

def measure_loop(items, n):
    out = []
    for i in range(n):
        out.append(len(items))
        if i == 1:
            builtins.len = fake_len
        if i == 3:
            builtins.len = _real_len
    return out

def shadow_in_loop(items, n):
    out = []
    for i in range(n):
        out.append(len(items))
        if i == 1:
            globals()["len"] = lambda x: 1000
        if i == 3:
            del globals()["len"]
    return out

def new_builtin():
    return pyjit_test_builtin * 2

def call_named(x):
    return transform(x)

def transform(x):
    return x + 1

def transform2(x):
    return x * 100

def rebind_transform_mid_loop(n):
    global transform
    out = []
    original = transform
    for i in range(n):
        out.append(call_named(i))
        if i == 1:
            transform = transform2
    transform = original
    return out

def isinstance_user(x):
    return isinstance(x, int)

def run():
    out = [measure([1, 2, 3])]
    builtins.len = fake_len
    out.append(measure([1, 2, 3]))
    builtins.len = _real_len
    out.append(measure([1, 2, 3]))
    out.append(measure_loop("abc", 5))
    out.append(shadow_in_loop("abcd", 5))
    out.append("len" in globals())
    builtins.pyjit_test_builtin = 21
    out.append(new_builtin())
    builtins.pyjit_test_builtin = "ab"
    out.append(new_builtin())
    del builtins.pyjit_test_builtin
    try:
        new_builtin()
    except NameError as e:
        out.append("NameError: " + str(e))
    out.append(rebind_transform_mid_loop(4))
    builtins.isinstance = lambda obj, cls: "patched"
    out.append(isinstance_user(3))
    del builtins.isinstance
    try:
        isinstance_user(3)
    except NameError as e:
        out.append("NameError: " + str(e))
    return out

saved_isinstance = builtins.isinstance
result = run()
builtins.isinstance = saved_isinstance
print(result)
print(isinstance_user(3))

builtins.print = capture_print
say("hidden")
say(42)
builtins.print = _real_print
say("visible")
print("captured:", CAPTURED)

print = capture_print
say("a module global named print shadows the builtin for say() too")
del print
print("captured:", CAPTURED)
