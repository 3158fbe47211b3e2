# pyjit-corpus: line numbers and caret ranges of caught tracebacks (traceback.format_exc) when the raising expression, call or condition spans multiple lines in compiled code
# pyjit-compiled: multi_binop, multi_call, multi_cond, multi_return, call_target, long_chain, loop_multiline, compare_multiline
import traceback

def call_target(a, b, c):
    return a // b + c

def multi_binop(a, b):
    x = (a *
         2 +
         b /
         0)
    return x

def multi_call(a):
    return call_target(
        a,
        a - a,
        a,
    )

def multi_cond(a, b):
    if (a < 5
            and b
            + 1 > 0):
        return "yes"
    return "no"

def multi_return(a):
    return (
        a
        +
        None
    )

def long_chain(s):
    return (s
            .strip()
            .upper()
            .no_such_method()
            .lower())

def loop_multiline(items):
    t = 0
    for x in (
        items
    ):
        t += (
            100 //
            x
        )
    return t

def compare_multiline(a, b, c):
    return (a
            <
            b
            <
            c)

def run(fn, *args):
    try:
        print(fn.__name__, "->", fn(*args))
    except Exception:
        text = traceback.format_exc()
        print(text.rstrip())
        print("-" * 20)

run(multi_binop, 1, 2)
run(multi_call, 7)
run(multi_cond, 1, 1)
run(multi_cond, 1, "x")
run(multi_cond, "x", 1)
run(multi_return, 1)
run(long_chain, "  abc ")
run(loop_multiline, [1, 2, 0])
run(loop_multiline, 5)
run(compare_multiline, 1, 2, 3)
run(compare_multiline, 1, 2, "3")
run(compare_multiline, 1, None, "3")
