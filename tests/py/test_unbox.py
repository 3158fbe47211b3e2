"""Unboxed numeric loops (src/ir/pass_unbox.c): which loops run on machine numbers, what
the IR says about them, the checks where they are entered and left, and recompilation
without unboxing when those checks keep failing.  Results are compared with the values
the interpreter computes in the same process."""


def check(runner, source, env=None):
    r = runner.run_code(source, env=env) if env else runner.run_code(source)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


KERNELS = '''
import pyjit

def floats(n):
    total = 0.0
    sign = 1.0
    for k in range(n):
        total = total + sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total

def ints(n):
    acc = 0
    x = 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        acc = (acc ^ (x >> 7)) + (i & 255)
    return acc

def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

def calls_inside(n):
    out = []
    for i in range(n):
        out.append(i * 2)
    return len(out)

def unboxed(f):
    return [c["unboxed_loops"] for c in pyjit.compiled_functions() if c["qualname"] == f.__name__]
'''


def test_numeric_loops_are_unboxed_and_agree_with_the_interpreter(runner):
    out = check(runner, KERNELS + '''
expect = (floats(1000), ints(1000), collatz(27), calls_inside(10))
pyjit.enable()
got = (floats(1000), ints(1000), collatz(27), calls_inside(10))
# A loop that is not unboxed compiles in the background: its deferred first call may come
# due and be dropped (then it takes a tenth of the threshold's calls, counted from the drop,
# which a loaded machine can delay past a fixed number of calls).
for _ in range(100):
    calls_inside(10)
    pyjit.wait_compiled()
    if pyjit.is_compiled(calls_inside):
        break
print(got == expect, got)
print(unboxed(floats), unboxed(ints), unboxed(collatz), unboxed(calls_inside))
s = pyjit.stats()
print(s["unboxed_loops"], s["deopts"], s["recompiles"])
ir = pyjit.dump(floats, "ir")
print("; unboxed locals: ^total:f64 ^sign:f64 k:i64" in ir, "!f64" in ir, "!i64" in ir)
''')
    lines = out.splitlines()
    assert lines[0].startswith("True"), out
    assert lines[1] == "[1] [1] [1] [0]", out          # a call in the loop keeps it boxed
    assert lines[2] == "3 0 0", out
    assert lines[3] == "True True True", out


def test_unbox_can_be_switched_off(runner):
    out = check(runner, KERNELS + '''
pyjit.enable()
floats(100)
pyjit.wait_compiled()
print(floats(100) == 3.1315929035585537, unboxed(floats), pyjit.stats()["unboxed_loops"])
''', env={"PYJIT_UNBOX": "0"})
    assert out == "True [0] 0\n", out


def test_overflow_and_zero_divisors_deoptimise_with_exact_results(runner):
    out = check(runner, '''
import pyjit
def grow(x, n):
    for i in range(n):
        x = x * 3 + 1
    return x
def divide(n):
    acc = 0
    for i in range(n):
        acc = acc + 100 // (5 - i)
    return acc
expect = grow(1, 60)
pyjit.enable()
print(grow(1, 60) == expect, grow(1, 60) > 2**63)
try:
    divide(10)
except ZeroDivisionError as e:
    import traceback
    print("ZeroDivisionError", e, traceback.extract_tb(e.__traceback__)[-1].line)
s = pyjit.stats()["deopt_reasons"]
print(s.get("unboxed arithmetic left the machine type", 0) >= 2)
''')
    assert out.splitlines() == [
        "True True",
        "ZeroDivisionError integer division or modulo by zero acc = acc + 100 // (5 - i)",
        "True",
    ], out


def test_loop_entered_with_other_types_recompiles_without_unboxing(runner):
    # The first call guesses ints; a stream of float calls fails the loop's entry check,
    # so after PJ_UNBOX_DEOPT_LIMIT (16) of them the function is compiled again, boxed.
    out = check(runner, '''
import pyjit
pyjit.enable()
def bump(x):
    for i in range(4):
        x = x + 1
    return x
print(bump(1))
r = [bump(0.5 + k) for k in range(40)]
pyjit.wait_compiled()   # the recompilation is the compile thread's
print(r[-1], pyjit.stats()["recompiles"], pyjit.is_compiled(bump))
print([c["unboxed_loops"] for c in pyjit.compiled_functions() if c["qualname"] == "bump"])
print(pyjit.stats()["deopt_reasons"]["unboxed loop entered with other types"])
''')
    assert out.splitlines() == ["5", "43.5 1 True", "[1, 0]", "16"], out


def test_signal_handler_sees_current_locals(runner):
    # Locals live in registers inside the loop; before the eval breaker runs a handler
    # they are written back, so the handler's frame.f_locals shows them.
    out = check(runner, '''
import pyjit, signal
pyjit.enable()
seen = []
def handler(signum, frame):
    if not seen and "acc" in frame.f_locals:
        seen.append((frame.f_code.co_name, type(frame.f_locals["acc"]).__name__,
                     frame.f_locals["acc"] > 0, type(frame.f_locals["f"]).__name__))
def spin(n):
    acc = 0
    f = 0.0
    for i in range(n):
        acc = acc + i % 7
        f = f + 0.5
    return acc, f
spin(10)
signal.signal(signal.SIGALRM, handler)
signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)
r = spin(20_000_000)
signal.setitimer(signal.ITIMER_REAL, 0)
print(r, seen)
print([c["unboxed_loops"] for c in pyjit.compiled_functions() if c["qualname"] == "spin"])
''')
    assert out.splitlines() == ["(59999997, 10000000.0) [('spin', 'int', True, 'float')]", "[1]"], out


def test_list_and_tuple_items_are_read_unboxed_with_exact_fallbacks(runner):
    out = check(runner, '''
import pyjit, traceback
def dot(xs, ys, n):
    s = 0.0
    for i in range(n):
        s += xs[i] * ys[i - n]          # a negative index counts from the end
    return s
def total(t, n):
    acc = 0
    for i in range(n):
        acc += t[i] * i
    return acc
def run():
    out = []
    xs = [1.5 * k for k in range(50)]
    out.append(dot(xs, xs, 50))         # the first call: its seed says floats
    out.append(dot(xs, xs[:-1] + [7], 50))  # an int where a float was: deopt, same result
    try:
        dot(xs, xs, 51)                 # xs[50]: IndexError from the right line
    except IndexError as e:
        out.append((str(e), traceback.extract_tb(e.__traceback__)[-1].line))
    out.append(total(tuple(range(40)), 40))
    out.append(total((1, 2**70, 3), 3))     # an item too big for a machine int
    out.append(dot([1.0, float("nan")], [2.0, 3.0], 2))
    return out
expect = repr(run())
pyjit.enable()
got = repr(run())
print(got == expect)
print([c["unboxed_loops"] for c in pyjit.compiled_functions() if c["qualname"] in ("dot", "total")])
print(pyjit.stats()["deopt_reasons"].get("unboxed item read found another type or index", 0) >= 3)
print(got)
''')
    lines = out.splitlines()
    assert lines[0] == "True", out
    assert lines[1] == "[1, 1]", out
    assert lines[2] == "True", out
