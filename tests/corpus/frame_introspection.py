# pyjit-corpus: deeper frame introspection of compiled frames: f_locals seen by an interpreted helper mid-loop, f_lasti, frames that outlive their compiled function, tb_frame locals after an exception
# pyjit-compiled: show_locals_in_loop, lasti_twice, return_own_frame, fail_with_locals, caller_of_caller, locals_of_caller, lasti_of_caller, caller_names

import sys

getframe = sys._getframe

def locals_of_caller():
    loc = sys._getframe(1).f_locals
    return ", ".join(k + "=" + repr(loc[k]) for k in sorted(loc))

def lasti_of_caller():
    f = sys._getframe(1)
    return f.f_lasti

def caller_names():
    f = sys._getframe(1)
    return f.f_code.co_name + "<-" + f.f_back.f_code.co_name

def show_locals_in_loop(n, label):
    acc = 0
    for i in range(n):
        acc += i
        print("  locals:", locals_of_caller())
    later = "set"
    print("  final:", locals_of_caller())
    return acc

def lasti_twice():
    a = lasti_of_caller()
    b = lasti_of_caller()
    return b - a

def return_own_frame(x):
    y = x * 2
    f = getframe(0)
    z = y + 1
    return f

def fail_with_locals(a, b):
    c = a + b
    d = c // (a - a)
    return d

def caller_of_caller():
    return caller_names()

print("result", show_locals_in_loop(3, "lbl"))
print("lasti delta", lasti_twice(), lasti_twice() > 0)
f = return_own_frame(21)
print("dead frame", f.f_code.co_name, f.f_lineno, sorted(k + "=" + repr(v) for k, v in f.f_locals.items() if k != "f"), "f" in f.f_locals)
del f
try:
    fail_with_locals(3, 4)
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    fr = tb.tb_frame
    print("tb frame", fr.f_code.co_name, tb.tb_lineno, sorted(k + "=" + repr(v) for k, v in fr.f_locals.items()))
    del fr, tb
print("caller", caller_of_caller())
