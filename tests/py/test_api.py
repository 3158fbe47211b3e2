"""The Python API: enable/disable/is_enabled, compile/is_compiled, stats, dump, and the
bad-input rules (enable twice, disable while compiled frames run, unsupported code)."""
import json


def check(runner, source, env=None):
    r = runner.run_code(source, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_enable_disable_twice_and_stats_keys(runner):
    out = check(runner, """
        import pyjit
        assert not pyjit.is_enabled()
        pyjit.enable(); pyjit.enable()          # harmless twice
        assert pyjit.is_enabled()
        pyjit.disable(); pyjit.disable()
        assert not pyjit.is_enabled()
        s = pyjit.stats()
        for k in ("compiled", "failed", "fallbacks", "deopts", "compile_time_s", "code_bytes"):
            assert k in s, k
        assert isinstance(s["fallbacks"], dict)
        print("ok")
    """)
    assert out == "ok\n"


def test_compile_runs_native_code(runner):
    out = check(runner, """
        import pyjit
        def f(n):
            s = 0
            for i in range(n):
                s += i * i
            return s
        assert not pyjit.is_compiled(f)
        assert pyjit.compile(f) is True
        assert pyjit.is_compiled(f)
        pyjit.enable()
        print(f(1000), f(10), f(0))
        s = pyjit.stats()
        assert s["compiled"] >= 1 and s["code_bytes"] > 0 and s["compile_time_s"] > 0, s
    """)
    assert out == "332833500 285 0\n"


def test_threshold_counts_calls(runner):
    out = check(runner, """
        import pyjit
        def g(x):
            return x + 1
        pyjit.enable(threshold=5)
        for i in range(5):
            g(i)
        print(pyjit.is_compiled(g))
        g(0)                         # queued for the compile thread
        pyjit.wait_compiled()
        print(pyjit.is_compiled(g))
        def loop(n):
            while n:
                n -= 1
            return n
        loop(3)                      # a loop compiles at its first call
        print(pyjit.is_compiled(loop))
    """)
    assert out == "False\nTrue\nTrue\n"


# A loop function whose lowered LLVM IR is larger than PYJIT_SYNC_LIMIT: many statements.
BIG_LOOP = """
def big(n, stop=None):
    t = 0
    for i in range(n):
""" + "".join("        t = (t + i * %d) %% 1000003\n" % k for k in range(60)) + """
        if stop is not None and stop():
            return t
    return t
"""


def test_big_loop_function_compiles_in_background_during_its_first_call(runner):
    out = check(runner, BIG_LOOP + """
import time, pyjit
pyjit.enable()
start = time.monotonic()
# The first call runs in the interpreter: too big to compile synchronously.  Its front half
# runs on this thread a few milliseconds in (a pending call), the compile thread does the
# rest, and the native code is there before the call ends.
big(10**9, stop=lambda: pyjit.is_compiled(big) or time.monotonic() - start > 60)
s = pyjit.stats()
print(pyjit.is_compiled(big), s["deferred"] >= 1, s["background_compiles"] >= 1)
info = [f for f in pyjit.compiled_functions() if f["qualname"] == "big"][0]
print(info["background"], info["llvm_instrs"] > 2000, info["bytecode_instrs"] > 300,
      sorted(info["compile_time_s"]))
native = big(1000)
pyjit.disable()                        # the same function in the interpreter
print(native == big(1000))
""")
    lines = out.splitlines()
    assert lines[0] == "True True True", out
    assert lines[1] == "True True True ['codegen', 'frontend', 'llvm_opt', 'lower']", out
    assert lines[2] == "True", out


def test_small_loop_function_compiles_at_first_call_brief_big_one_counts_calls(runner):
    out = check(runner, BIG_LOOP + """
import time, pyjit
def small(n):
    t = 0
    for i in range(n):
        t += i
    return t
def idle():
    # time for the deferred front half to come due, and eval-breaker checks to run it
    # (a loaded machine may post it late: wait for it, up to a limit)
    start = time.monotonic()
    while time.monotonic() < start + 0.05 or (
            pyjit.stats()["deferred_dropped"] < 1 and time.monotonic() < start + 10):
        pass
pyjit.enable()
small(10)
print(pyjit.is_compiled(small))
big(1)                  # over in microseconds: deferred ...
idle()                  # ... and dropped when due, its first call being over
s = pyjit.stats()
print(pyjit.is_compiled(big), s["deferred_dropped"])
big(1)                  # from now on it counts its calls like any function
idle()
pyjit.wait_compiled()
print(pyjit.is_compiled(big))
for i in range(100):    # the call threshold
    big(1)
pyjit.wait_compiled()
native = big(100)
print(pyjit.is_compiled(big))
pyjit.disable()
print(native == big(100))
""")
    assert out == "True\nFalse 1\nFalse\nTrue\nTrue\n", out


def test_long_first_call_continues_in_optimised_code(runner):
    # On-stack replacement: the first call of a big loop function runs baseline code;
    # when the optimised code is installed, the baseline code's next back edge hands the
    # running frame over to it at the loop's head (the locals and the range iterator as
    # the frame holds them), and the call finishes there.  An exception after the switch
    # has the interpreter's traceback; the results are the interpreter's.
    body = "".join("        t += i * %d.5\n" % k for k in range(120))
    r = runner.run_code("import time, traceback, pyjit\n"
                        "def kernel(n, fail_at):\n"
                        "    t = 0.0\n"
                        "    k = 0\n"
                        "    for i in range(n):\n" + body + """\
        if i == fail_at:
            k = 1 // (i - i)
        while k < i % 3:
            k += 1
        t -= k
    return t, k
pyjit.enable()
first = kernel(3_000_000, -1)
s = pyjit.stats()
info = [f for f in pyjit.compiled_functions() if f["qualname"] == "kernel"][0]
print(s["osr_entries"] >= 1, s["tier_ups"], info["tier"])
def fails():
    try:
        kernel(10, 7)
    except ZeroDivisionError:
        return traceback.format_exc().splitlines()[-3:]
native_tb = fails()
pyjit.disable()
print(first == kernel(3_000_000, -1), native_tb == fails())
""")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True 1 optimized\nTrue True\n", r.stdout


def test_first_call_looping_over_a_few_items_runs_in_the_interpreter(runner):
    # A loop function whose loops walk a list, tuple or dict of at most 32 items, passed
    # in, is set-up code over in microseconds: its first call is not worth a compile.  A
    # nested loop, a while loop or a range may run long: compiled at the first call.
    r = runner.run_code("""
        import pyjit
        def total(xs):
            t = 0.0
            for x in xs:
                t += x * 0.5
            return t
        def nested(xs):
            t = 0.0
            for a in xs:
                for b in xs:
                    t += a * b
            return t
        def counted(n):
            t = 0
            while n:
                n -= 1
                t += n
            return t
        few = [1.0, 2.0, 3.0]
        many = [float(i) for i in range(1000)]
        pyjit.enable()
        a = total(few)
        s = pyjit.stats()
        print(pyjit.is_compiled(total), s["short_loop_calls"], s["deferred"])
        b = total(many)  # (no unboxed loop: deferred, as any such first call)
        c, d = nested(few), counted(3)
        s = pyjit.stats()
        print(s["short_loop_calls"], s["deferred"], pyjit.is_compiled(counted))
        pyjit.disable()
        print(a == total(few), b == total(many), c == nested(few), d == counted(3))
    """, env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "False 1 0\n1 2 True\nTrue True True True\n", r.stdout


def test_brief_baseline_call_gets_optimised_code_once_called_again(runner):
    # A big loop function whose first call (baseline code) is over before its optimised
    # compile comes due does not get it then: set-up code that ran once must not keep
    # the compile thread busy.  Called again, it counts its calls (the hook; direct
    # calls from compiled code go through the hook meanwhile) and then tiers up.
    r = runner.run_code("""
        import time, pyjit
        def kernel(n):
            t = 0.0
            for i in range(n):
    """ + "".join("            t += i * %d.5\n" % k for k in range(120)) + """
            return t
        def caller(n):
            return kernel(n)
        pyjit.enable()
        first = kernel(10)
        start = time.monotonic()
        while pyjit.stats()["deferred_dropped"] < 1 and time.monotonic() < start + 20:
            time.sleep(0.001)  # the timer looks, finds the call over, drops the tier-up
        info = [f for f in pyjit.compiled_functions() if f["qualname"] == "kernel"]
        print(info[0]["tier"], pyjit.stats()["tier_ups"], pyjit.stats()["deferred_dropped"])
        pyjit.compile(caller)
        for _ in range(10):     # a tenth of the threshold, through a compiled caller
            caller(10)
        pyjit.wait_compiled()
        info = [f for f in pyjit.compiled_functions() if f["qualname"] == "kernel"]
        print(info[0]["tier"], info[0]["compilations"], pyjit.stats()["tier_ups"])
        again = kernel(10)
        pyjit.disable()
        print(first == again == kernel(10))
    """, env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "baseline 0 1\noptimized 2 1\nTrue\n", r.stdout


def test_loop_that_only_calls_is_not_compiled_for_its_first_call(runner):
    # A long first call whose frame is never on top when the compile thread's timer
    # looks (its loop only calls the function doing the work) is dropped after a few
    # looks; the callee, where the time goes, compiles.
    r = runner.run_code("""
        import time, pyjit
        def work(n):
            t = 0
            for i in range(n):
                t += i % 7 + len(str(i))
            return t
        def main(rounds):
            total = 0
            for r in range(rounds):
                total += work(20_000)
            return total
        pyjit.enable()
        result = main(40)
        start = time.monotonic()  # (work may still be in the compile thread's hands)
        while (not pyjit.is_compiled(work) or pyjit.stats()["deferred_dropped"] < 1) and \
                time.monotonic() < start + 20:
            time.sleep(0.001)  # (main's job looks a few times before it is dropped)
        names = {f["qualname"] for f in pyjit.compiled_functions()}
        print("work" in names, "main" in names, pyjit.stats()["deferred_dropped"] >= 1)
        pyjit.disable()
        print(result == main(40))
    """, env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True False True\nTrue\n", r.stdout


def test_sync_limit_zero_defers_every_loop_function(runner):
    r = runner.run_code("""
        import pyjit
        def f(n):
            while n:
                n -= 1
            return n
        pyjit.enable()
        f(3)
        print(pyjit.is_compiled(f), pyjit.stats()["deferred"])
        # Its deferred front half may come due (and be dropped: the first call is over)
        # before wait_compiled runs it; then a tenth of the threshold's calls queue it.
        for _ in range(20):
            f(3)
        pyjit.wait_compiled()
        print(pyjit.is_compiled(f))
    """, env={"PYJIT_SYNC_LIMIT": "0", "PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "False 1\nTrue\n"


def test_exit_while_the_compile_thread_works(runner):
    # The process exits (LLVM's exit-time destructors run) while background compilations
    # are queued or running: the compile thread must be out of LLVM by then.
    prog = runner.write("exit_app.py", BIG_LOOP + """
import pyjit
pyjit.enable()
for k in range(8):
    exec(BIG_SRC.replace("def big", "def big%d" % k), globals())
    globals()["big%d" % k](1)
    globals()["big%d" % k](1)
print("bye")
""".replace("BIG_SRC", repr(BIG_LOOP)))
    for _ in range(5):
        r = runner.run([prog.name], mode="path")
        assert r.returncode == 0 and r.stdout == "bye\n", (r.returncode, r.stderr)


def test_interpreter_feedback_selects_fast_paths(runner):
    # After the interpreter has quickened and specialised f, the IR carries its verdicts,
    # and the generated code is smaller than for an identical function never run.
    out = check(runner, '''
        import pyjit
        class P:
            def __init__(self): self.x = 1
        class S:
            __slots__ = ("x",)
            def __init__(self): self.x = 2
        BODY = ["r = lst[0] + d['k']", "lst[1] = o.x", "d['z'] = s.x", "n = len(lst)",
                "u = a % b", "c = text[0] + text", "return r + n + u + t[0], c"]
        SRC = "def {name}(lst, d, o, s, a, b, t, text):\\n    " + "\\n    ".join(BODY)
        exec(SRC.format(name="f")); exec(SRC.format(name="cold"))
        for i in range(50):
            f([1, 2], {"k": 3}, P(), S(), 7, 3, (1,), "ab")
        hints = [l.split("?")[1].split()[0] for l in pyjit.dump(f, "ir").splitlines() if "?" in l]
        print(" ".join(hints))
        print([l.split("?")[1].split()[0] for l in pyjit.dump(cold, "ir").splitlines() if "?" in l])
        print(len(pyjit.dump(f, "llvm")) < 0.8 * len(pyjit.dump(cold, "llvm")))
        pyjit.compile(f)
        print(f([1, 2], {"k": 3}, P(), S(), 7, 3, (1,), "ab"),
              f([1, 2], {"k": 3}, S(), P(), 7.5, 2, [5], "xy"))
    ''')
    lines = out.splitlines()
    assert lines[0] == "list dict int values list slot dict len generic str int int tuple int", out
    assert lines[1] == "['len']", out   # no feedback: only what the code says
    assert lines[2] == "True", out
    assert lines[3] == "(8, 'aab') (12.5, 'xxy')", out


def test_calls_the_interpreter_specialised_to_c_functions(runner):
    # After warm-up in the interpreter, calls specialised to builtins and method
    # descriptors (PRECALL_NO_KW_BUILTIN_O, ..._METHOD_DESCRIPTOR_FAST, LIST_APPEND) carry
    # the "cfunc" hint and call the C function inline; anything else the call meets later
    # (another type, a subclass, a Python override, an error, the recursion limit) gives
    # the interpreter's results.
    out = check(runner, """
        import sys, pyjit
        class L(list):
            pass
        class Loud(list):
            def append(self, x):
                list.append(self, ("loud", x))
        def f(ch, xs, s, n):
            xs.append(ord(ch))
            xs.append(chr(n))
            return xs, s.strip().split(","), n.bit_length(), abs(-n), getattr(s, "upper")()
        for i in range(200):
            f("a", [], " a,b ", 5)
        hints = [l.split("?")[1].split()[0] for l in pyjit.dump(f, "ir").splitlines()
                 if " call " in l and "?" in l]
        print(hints)
        pyjit.compile(f)
        assert pyjit.is_compiled(f)
        def run(*args):
            try:
                return f(*args)
            except Exception as e:
                return type(e).__name__ + ": " + str(e)
        cases = [("a", [], " a,b ", 5), ("é", L(), "x", 1 << 40), ("a", Loud(), "y", 3),
                 ("ab", [], "z", 1), (7, [], "z", 1), ("a", (), "z", 1), ("a", [], 5, 1),
                 ("a", [], " s ", -3)]
        native = [run(*c) for c in cases]
        def deep(k):
            return deep(k - 1) if k else f("q", [], "d", 2)
        def deepest():
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(60)
            ok = []
            for depth in range(40, 70):
                try:
                    deep(depth)
                    ok.append(depth)
                except RecursionError:
                    pass
            sys.setrecursionlimit(limit)
            return max(ok)
        native_depth = deepest()
        pyjit.disable()
        print(native == [run(*c) for c in cases], native_depth == deepest())
    """)
    lines = out.splitlines()
    # list.append has its own specialisation (no recursion guard); str.split takes
    # keywords (..._FAST_WITH_KEYWORDS: generic); so does the last call's callee, a bound
    # method found by getattr
    assert lines[0] == "['cfunc', 'append', 'cfunc', 'append', 'cfunc', 'generic', 'cfunc', " \
        "'cfunc', 'cfunc', 'generic']", out
    assert lines[1] == "True True", out


def test_fallback_is_counted_with_reason(runner):
    out = check(runner, """
        import os
        import pyjit
        def big(o):
            a = o + 1; b = a * 2; c = b - 3; d = c // 4; e = d % 5
            return a + b + c + d + e
        def gen():
            yield 1
        print(pyjit.compile(big), pyjit.fallback_reason(big))
        print(pyjit.compile(gen), pyjit.fallback_reason(gen))
        s = pyjit.stats()
        print(s["failed"], s["fallbacks"]["function too large"])
        pyjit.enable(threshold=0)
        print(big(3), list(gen()))            # still right, in the interpreter
        print(pyjit.compile(big))             # never retried, not recounted
        print(pyjit.stats()["fallbacks"]["function too large"])
    """, env={"PYJIT_MAX_SIZE": "30"})
    assert out.splitlines() == [
        "False function too large",
        "True None",
        "1 1",
        "19 [1]",
        "False",
        "1",
    ]


def test_compile_rejects_non_functions(runner):
    out = check(runner, """
        import pyjit
        for bad in (1, len, "x"):
            try:
                pyjit.compile(bad)
            except TypeError as e:
                print("TypeError", e)
        class C:
            def m(self, x):
                return x * 2
        print(pyjit.compile(C().m), pyjit.is_compiled(C.m))
    """)
    lines = out.splitlines()
    assert lines[:3] == ["TypeError pyjit: expected a Python function, got int",
                         "TypeError pyjit: expected a Python function, got builtin_function_or_method",
                         "TypeError pyjit: expected a Python function, got str"]
    assert lines[3] == "True True"


def test_dump_stages(runner):
    out = check(runner, """
        import pyjit
        def f(a, b):
            return a + b
        b = pyjit.dump(f, "bytecode")
        ir = pyjit.dump(f, "ir")
        ll = pyjit.dump(f, "llvm")
        assert "BINARY_OP" in b and "RETURN_VALUE" in b, b
        assert "binop +" in ir and "ret " in ir, ir
        assert "define" in ll and "py:f" in ll, ll
        assert "0x" not in ir and "inttoptr" not in ll   # symbolic, no raw addresses
        assert pyjit.dump(f, "llvm") == ll               # stable
        try:
            pyjit.dump(f, "asmx")
        except ValueError as e:
            print("ValueError", e)
        def g(o):
            match o:
                case [x]:
                    return x
                case {"k": v}:
                    return v
            return [o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o, o]
        try:
            pyjit.dump(g, "ir")
        except ValueError as e:
            print("ValueError", e)
        print("bytecode ok" if "MATCH_SEQUENCE" in pyjit.dump(g, "bytecode") else "bad")
    """, env={"PYJIT_MAX_SIZE": "60"})
    lines = out.splitlines()
    assert lines[0].startswith("ValueError pyjit.dump: unknown stage 'asmx'")
    assert lines[1] == "ValueError pyjit.dump: no ir for g: function too large"
    assert lines[2] == "bytecode ok"


def test_dump_asm_disassembles_the_installed_code(runner):
    out = check(runner, """
        import pyjit
        def f(xs):
            t = 0
            for x in xs:
                t += len(x)
            return t
        def never(x):
            return x
        pyjit.enable()
        f(["a", "bb"] * 20)  # (a loop over 32 items or fewer is not compiled for its call)
        pyjit.wait_compiled()
        asm = pyjit.dump(f, "asm")
        lines = asm.splitlines()
        print(lines[0].startswith("; f (") and "bytes at 0x" in lines[0])
        print(any(l.split(":", 1)[1].split() == ["ret"] for l in lines[1:]))
        # calls to the runtime are named, directly or through JITLink's stubs
        print("call\tPyObject_GetIter" in asm, "call\t_Py_Dealloc" in asm)
        try:
            pyjit.dump(never, "asm")
        except ValueError as e:
            print("ValueError", e)
    """)
    assert out == "True\nTrue\nTrue True\n" \
        "ValueError pyjit.dump: never is not compiled (no machine code to show)\n", out


def test_disable_while_compiled_frames_run(runner):
    out = check(runner, """
        import pyjit
        def inner(i):
            if i == 500:
                pyjit.disable()          # called from compiled code
            return i
        def outer(n):
            t = 0
            for i in range(n):
                t += inner(i)
            return t
        pyjit.enable(threshold=0)
        print(outer(1000), pyjit.is_enabled())
        print(outer(1000))               # interpreter now; same answer
        pyjit.enable()
        print(outer(10), pyjit.is_compiled(outer))
    """)
    assert out.splitlines() == ["499500 False", "499500", "45 True"]


def test_stats_file_and_compiled_functions(runner, tmp_path):
    stats = tmp_path / "s.json"
    prog = runner.write("app.py", """
        def work(n):
            s = 0
            for i in range(n):
                s += i
            return s
        print(work(100))
    """)
    r = runner.run([prog.name], mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert r.returncode == 0 and r.stdout == "4950\n", r.stderr
    data = json.loads(stats.read_text())
    names = [f["qualname"] for f in data["functions"] if f["filename"].endswith("app.py")]
    assert names == ["work"]
    assert data["compiled"] >= 1


def test_stats_printed_at_exit(runner):
    r = runner.run_code("""
        def f(n):
            while n:
                n -= 1
            return n
        print(f(5))
    """, mode="preload", env={"PYJIT_STATS": "1"})
    assert r.returncode == 0
    assert r.stdout == "0\n"
    assert "pyjit: " in r.stderr and "compiled" in r.stderr


def test_sub_interpreters_refused(runner):
    out = check(runner, """
        import _xxsubinterpreters as interpreters
        import pyjit
        interp = interpreters.create()
        for stmt in ("m.enable()", "m.compile(lambda: 1)"):
            try:
                interpreters.run_string(interp, "import pyjit._pyjit as m; " + stmt)
            except Exception as e:
                print(type(e).__name__, "RuntimeError" in str(e), "sub-interpreters" in str(e))
        print(pyjit.is_enabled())
    """)
    assert out == "RunFailedError True True\nRunFailedError True True\nFalse\n"


def test_other_interpreter_gives_import_error(runner):
    import shutil, os, glob, subprocess
    from conftest import PKG, clean_env
    candidates = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[0-9]*/bin/python3")))
    others = [p for p in candidates if "3.11.2" not in p]
    if not others:
        import pytest
        pytest.skip("no other Python interpreter here")
    env = clean_env(PYTHONPATH=PKG)
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        env["LD_PRELOAD"] = os.environ["PYJIT_TEST_PRELOAD"]
    for py in others:
        r = subprocess.run([py, "-c", "import pyjit"], env=env, capture_output=True, text=True)
        assert r.returncode != 0
        assert "ImportError" in r.stderr, (py, r.stderr)
        assert "pyjit" in r.stderr


def test_code_freed_with_its_function(runner):
    out = check(runner, """
        import gc, pyjit
        before = pyjit.stats()["code_bytes"]
        for i in range(50):
            ns = {}
            exec("def f%d(n):\\n    s = 0\\n    for i in range(n):\\n        s += i * %d\\n"
                 "    return s\\n" % (i, i), ns)
            f = ns["f%d" % i]
            assert pyjit.compile(f) and f(10) == 45 * i
            del f, ns
        gc.collect()
        s = pyjit.stats()
        print(s["compiled"], s["code_bytes"] == before, s["code_bytes_total"] > 0)
    """)
    assert out == "50 True True\n"


def test_perf_map_names_compiled_functions(runner):
    # PYJIT_PERF_MAP=1: /tmp/perf-<pid>.map gets "start size py::qualname:file:line" per
    # compiled function (what `perf report` reads for JIT code).
    out = check(runner, '''
        import os, pyjit
        def hot(n):
            s = 0
            for i in range(n):
                s += i
            return s
        pyjit.enable()
        hot(10)
        path = "/tmp/perf-%d.map" % os.getpid()
        lines = [l.split() for l in open(path)]
        os.unlink(path)
        mine = [l for l in lines if l[2].startswith("py::hot:")]
        start, size = int(mine[0][0], 16), int(mine[0][1], 16)
        print(len(mine), start > 0, 0 < size < 1 << 20, mine[0][2].endswith(":3"))
    ''', env={"PYJIT_PERF_MAP": "1"})
    assert out == "1 True True True\n", out


def test_direct_calls_between_compiled_functions(runner):
    # A compiled caller calls a compiled callee without the interpreter's call path;
    # PYJIT_DIRECT_CALLS=0 turns that off.  Results and a kept frame are the same.
    src = '''
        import sys, pyjit
        kept = []
        def leaf(a, b):
            kept.append(sys._getframe())
            return a * b
        def caller(n):
            t = 0
            for i in range(n):
                t += leaf(i, 2)
            return t
        pyjit.enable()
        pyjit.compile(leaf); pyjit.compile(caller)
        print(caller(10), kept[-1].f_locals, kept[-1].f_back.f_code.co_name,
              pyjit.stats()["direct_calls"] > 0)
    '''
    assert check(runner, src) == "90 {'a': 9, 'b': 2} caller True\n"
    assert check(runner, src, env={"PYJIT_DIRECT_CALLS": "0"}) == \
        "90 {'a': 9, 'b': 2} caller False\n"


def test_first_call_runs_baseline_code_then_optimised_code_replaces_it(runner):
    # A big loop function compiled for its first call gets baseline code (no LLVM
    # optimisation: a fraction of the wait); the compile thread then builds the optimised
    # code, which the next calls run.  The function is listed once, with both
    # compilations' times.  (Big enough: a small one is optimised at once.)
    prog = """
import pyjit
def kernel(n):
    t = 0.0
    for i in range(n):
""" + "".join("        t += i * %d.5\n" % k for k in range(120)) + """
    return t
def small(n):
    t = 0.0
    for i in range(n):
        t += i * 0.5
    return t
pyjit.enable()
first = kernel(1_000_000)   # still running (on top) when its optimised compile comes due
small(10)
pyjit.wait_compiled()
info = [f for f in pyjit.compiled_functions() if f["qualname"] in ("kernel", "small")]
print([(f["qualname"], f["tier"], f["compilations"]) for f in info], pyjit.stats()["tier_ups"])
again = kernel(1_000_000)
pyjit.disable()
print(again == first == kernel(1_000_000))
"""
    r = runner.run_code(prog, env={"PYJIT_LOG": "compile"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("[('kernel', 'optimized', 2), ('small', 'optimized', 1)] 1\nTrue\n"), r.stdout
    log = [line for line in r.stderr.splitlines() if "compiled kernel" in line]
    assert len(log) == 2 and "baseline code" in log[0] and "in the background" in log[1], log
    # PYJIT_OPT=0: baseline code only, nothing to replace it.
    r = runner.run_code(prog.replace("1_000_000", "1000"), env={"PYJIT_OPT": "0"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("[('kernel', 'baseline', 1), ('small', 'baseline', 1)] 0\nTrue\n"), r.stdout


def test_fast_paths_whose_types_changed_are_compiled_again(runner):
    # add() compiles with the interpreter's int feedback; then it is only ever called with
    # floats.  Its int path misses each time; after PJ_MISS_LIMIT misses its code is
    # retired, the interpreter runs it again (and re-specialises it for floats), and it
    # compiles again with float feedback.  Results are the interpreter's throughout.
    r = runner.run_code("""
        import pyjit
        def add(a, b):
            return a + b
        def drive(n):
            t = 0.0
            for i in range(n):
                t += add(i * 0.5, 0.25)
            return t
        pyjit.enable()
        for i in range(300):
            add(i, 1)
        pyjit.wait_compiled()
        print(pyjit.is_compiled(add), "?int" in pyjit.dump(add, "ir"))
        t = drive(30000)
        t += drive(1000)
        pyjit.wait_compiled()
        s = pyjit.stats()
        print(s["stale_recompiles"], pyjit.is_compiled(add), "?float" in pyjit.dump(add, "ir"))
        pyjit.disable()
        print(t == drive(30000) + drive(1000))
    """, env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True True\n1 True True\nTrue\n", r.stdout
