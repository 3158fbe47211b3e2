# pyjit-corpus: sys._getframe(1).f_lineno / .f_code.co_name / f_back chains read by an interpreted helper while compiled callers are active; lines must be exact in loops, branches, multi-line calls and nested compiled frames
# pyjit-compiled: straight, in_loop, branches, multiline_call, nested_a, nested_b, nested_c, after_exception_in_callee, in_while, passes_frame, boom, where, stack, frame_line_of, try_call

import sys

def where():
    f = sys._getframe(1)
    return f.f_code.co_name + ":" + str(f.f_lineno)

def stack():
    f = sys._getframe(1)
    out = []
    while f is not None:
        out.append(f.f_code.co_name + ":" + str(f.f_lineno))
        f = f.f_back
    return " <- ".join(out)

def frame_line_of(frame):
    return frame.f_code.co_name + ":" + str(frame.f_lineno) + ":" + frame.f_code.co_filename.rsplit("/", 1)[-1]

def straight():
    a = where()
    b = where()
    print("straight", a, b)

def in_loop(n):
    for i in range(n):
        print("in_loop", i, where())
        if i % 2:
            print("  odd", where())

def branches(x):
    if x > 0:
        r = where()
    elif x < 0:
        r = where()
    else:
        r = where()
    return r

def multiline_call(x):
    return str(x) + " " + where(
    )

def nested_c():
    return stack()

def nested_b():
    s = nested_c()
    return s

def nested_a():
    return nested_b()

def try_call(fn):
    try:
        return fn()
    except ZeroDivisionError:
        return "caught"

def boom():
    return 1 // 0

def after_exception_in_callee():
    r = try_call(boom)
    return r + " " + where()

def in_while(n):
    out = ""
    while n > 0:
        out += where() + ","
        n -= 1
    return out

def passes_frame():
    me = getframe(0)
    first = frame_line_of(me)
    second = frame_line_of(me)
    return first + " | " + second

getframe = sys._getframe

straight()
in_loop(3)
print("branches", branches(1), branches(-1), branches(0))
print("multiline", multiline_call(5))
print("nested", nested_a())
print("after exc", after_exception_in_callee())
print("in_while", in_while(3))
print("passes_frame", passes_frame())
print("module", where())
