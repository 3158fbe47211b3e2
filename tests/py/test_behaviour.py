"""Exact behaviour of compiled code: signals in tight loops, recursion limits, tracing,
reference counts and memory, threads, deoptimisation paths."""
import json
import os
import signal
import subprocess
import time

from conftest import PYTHON, clean_env, preload_value


def jit_env(runner, stats=None, **extra):
    e = clean_env(LD_PRELOAD=preload_value(), PYJIT_THRESHOLD="0", **extra)
    if stats is not None:
        e["PYJIT_STATS_FILE"] = str(stats)
    return e


def compiled_names(stats_path, filename):
    data = json.loads(open(stats_path).read())
    return {f["qualname"] for f in data["functions"] if f["filename"].endswith(filename)}


def test_keyboard_interrupt_in_compiled_while_true(runner, tmp_path):
    prog = runner.write("spin.py", """
        import sys
        def spin():
            n = 0
            while True:
                n += 1
        print("ready", flush=True)
        try:
            spin()
        except KeyboardInterrupt:
            print("interrupted", flush=True)
    """)
    stats = tmp_path / "s.json"
    p = subprocess.Popen([PYTHON, prog.name], cwd=runner.tmp, env=jit_env(runner, stats),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline() == "ready\n"
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    assert p.returncode == 0, err
    assert out == "interrupted\n"
    assert "spin" in compiled_names(stats, "spin.py")


def test_signal_handler_runs_inside_compiled_loop(runner, tmp_path):
    stats = tmp_path / "s.json"
    r = runner.run_code("""
        import signal, os
        hits = 0
        def handler(signum, frame):
            global hits
            hits += 1
        signal.signal(signal.SIGUSR1, handler)
        def loop(n):
            kill = os.kill
            pid = os.getpid()
            i = 0
            while i < n:
                if i % 1000 == 0:
                    kill(pid, 10)
                i += 1
            return i
        print(loop(10000), hits)
    """, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "10000 10\n"


def test_recursion_error_not_crash(runner, tmp_path):
    src = """
        import sys
        def down(n):
            return down(n + 1) + 1
        def count(n):
            if n == 0:
                return 0
            return count(n - 1) + 1
        sys.setrecursionlimit(500)
        try:
            down(0)
        except RecursionError as e:
            print("RecursionError", e)
        print(count(400))
        sys.setrecursionlimit(3000)
        print(count(2500))
        try:
            count(5000)
        except RecursionError as e:
            print("RecursionError again")
    """
    stock = runner.run_code(src, mode="stock")
    stats = tmp_path / "s.json"
    jit = runner.run_code(src, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    assert {"down", "count"} <= compiled_names(stats, ".py")


def test_settrace_is_honoured(runner, tmp_path):
    src = """
        import sys
        def f(n):
            s = 0
            for i in range(n):
                s += i
            return s
        f(3)                         # compiled now (threshold 0)
        events = []
        def tracer(frame, event, arg):
            if frame.f_code.co_name == "f":
                events.append((event, frame.f_lineno))
            return tracer
        sys.settrace(tracer)
        f(2)
        sys.settrace(None)
        print(events)
        def profiler(frame, event, arg):
            if frame.f_code.co_name == "f" or event.startswith("c_"):
                events.append((event, getattr(arg, "__name__", None)))
        events.clear()
        sys.setprofile(profiler)
        f(2)
        sys.setprofile(None)
        print(events)
    """
    stock = runner.run_code(src, mode="stock")
    stats = tmp_path / "s.json"
    jit = runner.run_code(src, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert jit.returncode == 0, jit.stderr
    assert "call" in jit.stdout
    assert jit.stdout == stock.stdout
    assert "f" in compiled_names(stats, ".py")


def test_pdb_style_set_trace_inside_compiled_code(runner):
    # A callee switches tracing on for its caller (as pdb.set_trace does): the compiled
    # caller continues in the interpreter and its line events arrive.
    src = """
        import sys
        lines = []
        def tracer(frame, event, arg):
            if event == "line" and frame.f_code.co_name == "work":
                lines.append(frame.f_lineno)
            return tracer
        def start_tracing():
            caller = sys._getframe(1)
            caller.f_trace = tracer
            sys.settrace(tracer)
        def work():
            a = 1
            start_tracing()
            b = a + 1
            c = b * 2
            return c
        print(work())
        sys.settrace(None)
        print(lines)
    """
    stock = runner.run_code(src, mode="stock")
    jit = runner.run_code(src, mode="preload")
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    assert jit.stdout.splitlines()[1] != "[]"


def test_memory_flat_after_100000_calls(runner, tmp_path):
    stats = tmp_path / "s.json"
    r = runner.run_code("""
        import sys, resource
        class Box:
            def __init__(self, v):
                self.v = v
            def __add__(self, other):
                return Box(1)
        def work(a, b, items):
            s = 0
            t = a + b
            for x in items:
                s += x * 2.5
            if s > 10 and a is not None and b in items:
                return s - 1
            return str(s)
        items = (1, 2, 3)
        for i in range(2000):          # warm-up: caches, free lists
            work(i, i + 1, items); work(Box(1), Box(2), items); work(1.5, 2, items)
        blocks0 = sys.getallocatedblocks()
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for i in range(100000):
            work(i, i + 1, items); work(Box(1), Box(2), items); work(1.5, 2, items)
        blocks1 = sys.getallocatedblocks()
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(blocks1 - blocks0 < 100, rss1 - rss0 < 2048, blocks1 - blocks0, rss1 - rss0)
    """, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("True True"), r.stdout
    assert "work" in compiled_names(stats, ".py")


def test_reference_counts_through_compiled_code(runner):
    src = """
        import sys
        obj = object()
        def keep(o, n):
            last = None
            for i in range(n):
                last = o
            return last
        def drop(o):
            x = o
            y = x
            del x
            return 0
        base = sys.getrefcount(obj)
        keep(obj, 1000); drop(obj)
        r = keep(obj, 3)
        print(sys.getrefcount(obj) - base)
        del r
        print(sys.getrefcount(obj) - base)
    """
    stock = runner.run_code(src, mode="stock")
    jit = runner.run_code(src, mode="preload")
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout == "1\n0\n"


def test_threads_run_compiled_code(runner, tmp_path):
    stats = tmp_path / "s.json"
    r = runner.run_code("""
        import sys, threading
        sys.setswitchinterval(1e-5)
        def work(k, n):
            s = 0
            i = 0
            while i < n:
                s += (i * k) % 7
                i += 1
            return s
        results = {}
        def run(k):
            results[k] = work(k, 200000)
        ts = [threading.Thread(target=run, args=(k,)) for k in range(4)]
        for t in ts: t.start()
        for t in ts: t.join()
        print(sorted(results.items()) == sorted((k, work(k, 200000)) for k in range(4)))
    """, mode="preload", env={"PYJIT_STATS_FILE": stats}, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True\n"
    assert "work" in compiled_names(stats, ".py")


def test_deopt_paths_are_exact(runner, tmp_path):
    src = """
        def unbound(flag):
            if flag:
                x = 1
            return x
        def missing():
            return not_defined_anywhere + 1
        def late_global():
            return LATE
        for f, args in ((unbound, (1,)), (unbound, (0,)), (missing, ()), (late_global, ())):
            try:
                print(f(*args))
            except Exception as e:
                print(type(e).__name__, e)
        LATE = 5
        print(late_global())
        import builtins
        builtins.LATE2 = 7
        def late_builtin():
            return LATE2
        print(late_builtin())
        LATE2 = 8                       # a global now shadows the builtin
        print(late_builtin())
        del LATE2
        print(late_builtin())
    """
    stock = runner.run_code(src, mode="stock")
    stats = tmp_path / "s.json"
    jit = runner.run_code(src, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    data = json.loads(stats.read_text())
    assert data["deopts"] >= 3, data
    assert {"unbound", "missing", "late_global", "late_builtin"} <= compiled_names(stats, ".py")


def test_large_function_uses_compact_lowering_exactly(runner, tmp_path):
    # > 600 instructions: arithmetic through the compact lowering's helpers.
    ops = ["+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "/", "**"]
    lines = ["def big(a, b, f, s):"]
    for i in range(160):
        op = ops[i % len(ops)]
        rhs = "(b % 5 + 1)" if op in ("//", "%", "/", "<<", ">>", "**") else "b"
        if op == "/":
            lines.append("    f = f + a / " + rhs)
        else:
            lines.append("    a = (a " + op + " " + rhs + ") % 1000003")
        if i % 7 == 0:
            lines.append("    f = f * 1.0001 - a")
            lines.append("    s = s + 'x'")
    lines.append("    return f + a + len(s) + (a > b) + (f <= a)")
    src = "\n".join(lines) + "\n"
    src += "print(big(12345, 678, 0.5, ''))\nprint(big(-7, 3, -2.25, 'y'))\n"
    src += "try:\n    big(1, 'x', 0.0, '')\nexcept TypeError as e:\n    print('TypeError', e)\n"
    stock = runner.run_code(src, mode="stock")
    stats = tmp_path / "s.json"
    jit = runner.run_code(src, mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    assert "big" in compiled_names(stats, ".py")


def test_log_names_compiles_deopts_and_recompiles(runner, tmp_path):
    """PYJIT_LOG=compile,deopt,recompile: one line per event, naming the function, the
    offset and line of a deopt and its reason, the reason of a recompile; the program's
    own output is unchanged."""
    src = """
        def h(a):
            s = 0.0
            for i in range(3):
                s += a
            return s
        for k in range(40):
            h(1.5 if k == 0 else 10**30)
        print(h(2.0))
    """
    stock = runner.run_code(src, mode="stock")
    jit = runner.run_code(src, mode="preload",
                          env={"PYJIT_LOG": "compile,deopt,recompile,nonsense"})
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    lines = jit.stderr.splitlines()
    assert any(ln.startswith("pyjit: PYJIT_LOG: unknown event kind 'nonsense'") for ln in lines)
    compiled = [ln for ln in lines if ln.startswith("pyjit: compiled h (")]
    assert len(compiled) == 2, jit.stderr  # unboxed, then again without unboxing
    assert "unboxed loops" in compiled[0] and "codegen" in compiled[0]
    deopts = [ln for ln in lines if ln.startswith("pyjit: deopt h (")]
    assert len(deopts) == 16, jit.stderr
    assert all("at offset 36, line 4: unboxed loop entered with other types" in ln
               for ln in deopts), deopts[0]
    recompiles = [ln for ln in lines if ln.startswith("pyjit: recompile h (")]
    assert len(recompiles) == 1 and "failed 16 times" in recompiles[0]
    quiet = runner.run_code(src, mode="preload")
    assert quiet.stderr == ""


def test_log_from_python(runner):
    """pyjit.log(kinds) switches the same events on and off at run time."""
    r = runner.run_code("""
        import pyjit
        def h(a):
            s = 0.0
            for i in range(3):
                s += a
            return s
        print(pyjit.log())
        pyjit.enable()
        h(1.5)
        print(pyjit.log("deopt, recompile"))
        h(10**30)
        print(pyjit.log(""))
        h(10**30)
        try:
            pyjit.log("compile,nope")
        except ValueError as e:
            print("ValueError", e)
    """, env={"PYJIT_THRESHOLD": "0"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "[]", "['deopt', 'recompile']", "[]",
        "ValueError pyjit.log: unknown event kind in 'compile,nope' (known: fallback, "
        "compile, deopt, recompile, all)"], r.stdout
    deopts = [ln for ln in r.stderr.splitlines() if ln.startswith("pyjit: deopt h (")]
    assert len(deopts) == 1, r.stderr   # the second one came after log("")


def test_other_co_extra_users_are_not_called_for_our_code_objects(runner):
    """A tool that registers a co_extra free function after pyjit (a profiler; test_code
    does it with ctypes) must not see calls for code objects it never touched: pyjit sizes
    the extra of a code object for its own index only.  (Sized for every registered user,
    as _PyCode_SetExtra does, code_dealloc calls each user's free function with NULL --
    test_code's ctypes callback, already freed at exit, crashed the interpreter.)"""
    src = """
        import ctypes, gc
        py = ctypes.pythonapi
        freefunc = ctypes.CFUNCTYPE(None, ctypes.c_voidp)
        request = py._PyEval_RequestCodeExtraIndex
        request.argtypes = (freefunc,)
        request.restype = ctypes.c_ssize_t
        set_extra = py._PyCode_SetExtra
        set_extra.argtypes = (ctypes.py_object, ctypes.c_ssize_t, ctypes.c_voidp)
        set_extra.restype = ctypes.c_int
        freed = []
        def myfree(ptr):
            freed.append(ptr)
        FREE = freefunc(myfree)
        index = request(FREE)
        def make(k):
            return eval("lambda x: x + %d" % k)
        total = 0
        for k in range(50):          # code objects pyjit compiles and frees
            f = make(k)
            total += f(k)
            del f
        g = make(1000)
        set_extra(g.__code__, index, 1234)
        total += g(1)
        del g
        gc.collect()
        print(total, freed)
    """
    stock = runner.run_code(src, mode="stock")
    jit = runner.run_code(src, mode="preload")
    assert stock.returncode == 0, stock.stderr
    assert jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout == "3451 [1234]\n", (stock.stdout, jit.stdout)
