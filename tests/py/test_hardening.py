"""Hardening: the JIT under attack from its own API, threads, signals, fork and
sub-interpreters.  Every test runs a subprocess with the JIT on (``import pyjit``; threshold 0
unless said otherwise), checks its results against values computed without the JIT (or
against a stock run of the same program) and that the code under test was compiled.  Hangs
fail through the subprocess timeout instead of blocking the suite."""
import json
import os
import textwrap
import subprocess

import pytest

from conftest import PYTHON, clean_env, PKG


def run_jit(runner, source, timeout=60, **env):
    """Run ``source`` with pyjit importable (the program enables it itself)."""
    try:
        return runner.run_code(source, mode="path", env=env, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        pytest.fail("timed out after %ss (hang?); stdout so far: %r stderr: %r"
                    % (timeout, e.stdout, e.stderr))


def last_json(stdout):
    """The program's report: its last stdout line, as JSON."""
    lines = stdout.strip().splitlines()
    assert lines, "no output"
    return json.loads(lines[-1])


# --- 13. pyjit.disable() / enable() from compiled code ------------------------------------

def test_disable_and_enable_from_compiled_loop(runner):
    r = run_jit(runner, """
        import json, pyjit
        pyjit.enable(threshold=0)

        def helper(x):
            return x * 3 + 1

        def first_called_while_off(x):
            return x - 1

        def gen(n):
            for i in range(n):
                yield i * 2

        def work(n):
            s = 0
            states = []
            g = gen(n)                     # a compiled generator, suspended across the switch
            v = 1                          # int, becomes a float while the JIT is off
            for i in range(n):
                s += helper(i) % 7 + next(g) + v
                if i == n // 3:
                    pyjit.disable()
                    states.append(("off", pyjit.is_enabled()))
                if i == n // 3 + 10:
                    v = 0.5                # the compiled loop sees a new type: deopt while off
                    s += first_called_while_off(i)
                    states.append(("new fn compiled while off", pyjit.is_compiled(first_called_while_off)))
                if i == 2 * n // 3:
                    pyjit.enable()
                    states.append(("on", pyjit.is_enabled()))
                if i == 2 * n // 3 + 1:
                    s += first_called_while_off(i)
                    states.append(("new fn compiled after on", pyjit.is_compiled(first_called_while_off)))
            return s, states

        def switch_in_callee(flag):
            if flag:
                pyjit.enable()
            else:
                pyjit.disable()
            return 1

        def toggling(n):
            s = 0
            for i in range(n):
                s += switch_in_callee(i % 2) + i
            return s

        def later(n):
            t = 0
            for i in range(n):
                t += i
            return t

        N = 30000
        s, states = work(N)
        exp = (sum((i * 3 + 1) % 7 + 2 * i for i in range(N)) + (N // 3 + 11) * 1
               + (N - N // 3 - 11) * 0.5 + (N // 3 + 10 - 1) + (2 * N // 3 + 1 - 1))
        t = toggling(5001)             # the last call (i = 5000) disables the JIT
        enabled_after_toggling = pyjit.is_enabled()
        pyjit.enable()
        out = {
            "work_ok": s == exp, "work": s, "exp": exp, "states": states,
            "toggling_ok": t == 5001 + sum(range(5001)),
            "enabled_after_toggling": enabled_after_toggling,
            "later": later(100),
            "compiled": {f.__name__: pyjit.is_compiled(f)
                         for f in (helper, work, gen, toggling, switch_in_callee, later)},
        }
        print(json.dumps(out))
    """)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out["work_ok"], out
    assert out["states"] == [["off", False], ["new fn compiled while off", False],
                             ["on", True], ["new fn compiled after on", True]], out
    assert out["toggling_ok"], out
    assert out["enabled_after_toggling"] is False    # the last call (i = 5000) disabled it
    assert out["later"] == 4950
    assert all(out["compiled"].values()), out["compiled"]


# --- 14. threads under a tiny switch interval ---------------------------------------------

THREADS_SRC = r"""
import json, sys, threading, time
import pyjit

DURATION = 10.0
NTHREADS = 8

def numeric(k, n):
    s = 0
    f = 0.0
    i = 0
    while i < n:
        s += (i * k) % 7
        f += (i ^ k) * 0.5
        i += 1
    return s, f

def big_mix(k, n):
    x = 2 ** 62 - 50 + k            # crosses 2**63 while running: machine ints -> bigints
    for i in range(n):
        x += 1 if i % 2 else -1
        x += 1
    return x

class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def norm1(self):
        return abs(self.x) + abs(self.y)

class Acc:
    def __init__(self):
        self.total = 0
        self.count = 0
    def push(self, v):
        self.total += v
        self.count += 1

def attrs(k, n):
    v = Vec(k, -k)
    a = Acc()
    for i in range(n):
        v = v.add(Vec(i % 3, -(i % 5)))
        a.push(v.norm1())
    return a.total, a.count, v.x, v.y

WORDS = "the quick brown fox jumps over the lazy dog again and again the end".split()

def dicts(k, n):
    d = {}
    lst = []
    for i in range(n):
        w = WORDS[(i * k) % len(WORDS)]
        d[w] = d.get(w, 0) + 1
        lst.append(w[::-1])
        if len(lst) > 50:
            lst.sort()
            del lst[::2]
    return sorted(d.items()), lst[:3], len(lst)

def gen(k, n):
    for i in range(n):
        if i % 3 != k % 3:
            yield i * k

def gens(k, n):
    a = sum(gen(k, n))
    b = sum(x * x for x in range(n) if x % 4 == k % 4)
    c = [y for y in gen(k + 1, n // 2) if y % 2]
    return a, b, len(c)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def calls(k, n):
    def inner(a, b=2, *rest, **kw):
        return a * b + len(rest) + len(kw)
    s = 0
    for i in range(n):
        s += inner(i, k) + inner(i, b=3) + inner(i, 1, 2, 3, z=4)
    return s + fib(12 + k % 4)

def mixed_types(k, n):
    # the same loop with ints, floats, bigints and bools: deopts while other threads run
    out = []
    for v in (k, k + 0.5, 10 ** 20 + k, True):
        s = v
        for i in range(n):
            s = s + v - i % 3
        out.append(s)
    return out

TASKS = [numeric, big_mix, attrs, dicts, gens, calls, mixed_types]
SIZES = {numeric: 3000, big_mix: 2000, attrs: 800, dicts: 800, gens: 1000, calls: 600,
         mixed_types: 500}

EXPECTED = {}
for t in range(NTHREADS):                  # computed in the interpreter
    for task in TASKS:
        EXPECTED[(t, task.__name__)] = task(t, SIZES[task])
pyjit.enable(threshold=0)

sys.setswitchinterval(1e-6)
errors = []
rounds = [0] * NTHREADS
start = time.monotonic()

def worker(t):
    try:
        j = 0
        while time.monotonic() - start < DURATION:
            task = TASKS[(j + t) % len(TASKS)]
            r = task(t, SIZES[task])
            if r != EXPECTED[(t, task.__name__)]:
                errors.append(repr((t, task.__name__, r, EXPECTED[(t, task.__name__)])))
                return
            j += 1
        rounds[t] = j
    except BaseException as e:
        errors.append(repr((t, e)))

threads = [threading.Thread(target=worker, args=(t,)) for t in range(NTHREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
elapsed = time.monotonic() - start
names = sorted({f["qualname"] for f in pyjit.compiled_functions() if f["filename"] == __file__})
print(json.dumps({"threads": NTHREADS, "seconds": elapsed, "rounds": rounds, "errors": errors[:5],
                  "compiled": names, "deopts": pyjit.stats()["deopts"]}))
"""


def test_eight_threads_ten_seconds_tiny_switch_interval(runner):
    r = run_jit(runner, THREADS_SRC, timeout=90)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    print("threads x seconds: %d x %.1f s, rounds per thread %s, deopts %d"
          % (out["threads"], out["seconds"], out["rounds"], out["deopts"]))
    assert out["errors"] == [], out["errors"]
    assert out["seconds"] >= 10.0
    assert all(n > 0 for n in out["rounds"]), out["rounds"]
    assert {"numeric", "big_mix", "attrs", "dicts", "gen", "gens", "fib", "calls",
            "calls.<locals>.inner", "mixed_types", "Vec.add", "Acc.push"} <= set(out["compiled"])


def test_threads_race_guards_against_a_mutating_thread(runner):
    """One thread keeps rebinding a global, a builtin, a called global function, a method
    and a class attribute (plain value / property) while three threads run a compiled loop
    that reads all of them; every binding gives 1, so every interleaving must sum to 5*n."""
    r = run_jit(runner, """
        import builtins, json, sys, threading, time
        import pyjit
        pyjit.enable(threshold=0)
        sys.setswitchinterval(1e-6)
        _len = builtins.len
        G = 1
        class K1:
            attr = 1
            def m(self):
                return 1
        def m_alt(self):
            return 1
        ORIG_M = K1.m
        PROP = property(lambda self: 1)
        def helper(x):
            return 1
        def helper2(x):
            return 1

        def reader(n):
            o = K1()
            s = 0
            for i in range(n):
                g = G
                s += g if type(g) is int else _len(g)
                s += o.m() + o.attr + len("a") + helper(i)
            return s

        stop = False
        def mutator():
            global G, helper
            k = 0
            while not stop:
                k += 1
                G = "a" if k % 2 else 1
                K1.m = m_alt if k % 3 else ORIG_M
                K1.attr = PROP if k % 5 else 1
                builtins.len = (lambda x: 1) if k % 7 else _len
                helper = helper2 if k % 11 else (lambda x: 1)
            builtins.len = _len
            return k

        bad = []
        mutations = []
        def run_reader(t):
            for r in range(40):
                v = reader(2000)
                if v != 5 * 2000:
                    bad.append((t, r, v))
        th = threading.Thread(target=lambda: mutations.append(mutator()))
        readers = [threading.Thread(target=run_reader, args=(t,)) for t in range(3)]
        th.start()
        for t in readers:
            t.start()
        for t in readers:
            t.join()
        stop = True
        th.join()
        print(json.dumps({"bad": bad[:5], "mutations": mutations,
                          "compiled": [pyjit.is_compiled(f) for f in (reader, mutator)]}))
    """, timeout=60)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out["bad"] == [], out
    assert out["mutations"][0] > 100, out
    assert out["compiled"] == [True, True], out


# --- 15. signals inside tight compiled loops ------------------------------------------------

SIGNALS_SRC = r"""
import os, signal, sys, threading, time
try:
    import pyjit
    pyjit.enable(threshold=0)
except ImportError:
    pyjit = None

def spin():
    x = 0
    while True:
        x += 1

def spin_calls(n):
    s = 0
    for i in range(n):
        s += abs(-i) % 3
    return s

def float_spin():
    f = 0.0
    while f >= 0.0:
        f += 0.5
    return f

def send_later(sig, delay):
    def go():
        time.sleep(delay)
        os.kill(os.getpid(), sig)
    th = threading.Thread(target=go)
    th.start()
    return th

def frames(tb):
    out = []
    while tb is not None:
        code = tb.tb_frame.f_code
        out.append((code.co_name, tb.tb_lineno - code.co_firstlineno))
        tb = tb.tb_next
    return out[1:]            # (without this module's frame)

# 1. `while True: x += 1` (no calls at all), SIGINT sent by a thread of this process
th = send_later(signal.SIGINT, 0.3)
try:
    try:
        spin()
        print("spin: not interrupted")
    finally:
        print("spin: finally ran")
except KeyboardInterrupt as e:
    print("spin: KeyboardInterrupt", frames(e.__traceback__))
th.join()

# 2. a loop with calls; SIGINT raised by signal.setitimer -> SIGALRM -> raise_signal(SIGINT)
signal.signal(signal.SIGALRM, lambda s, f: signal.raise_signal(signal.SIGINT))
signal.setitimer(signal.ITIMER_REAL, 0.3)
try:
    spin_calls(10 ** 12)
    print("calls: not interrupted")
except KeyboardInterrupt as e:
    fr = frames(e.__traceback__)
    # stock may stop on the `for` line or in the body, and the handler frames follow
    print("calls: KeyboardInterrupt", fr[0][0], fr[0][1] in (2, 3), [f[0] for f in fr[1:]])

# 3. a Python SIGALRM handler that raises, interrupting an unboxed float loop
class Timeout(Exception):
    pass
def on_alarm(signum, frame):
    raise Timeout(frame.f_code.co_name, frame.f_lineno - frame.f_code.co_firstlineno)
signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.3)
try:
    float_spin()
except Timeout as e:
    print("float: Timeout", e.args[0], e.args[1] in (2, 3), frames(e.__traceback__)[0][0])

# 4. handlers that set a flag / change a limit the compiled loop reads (a global: must not
#    be hoisted out of the loop)
STOP = False
LIMIT = 10 ** 15
def on_usr1(signum, frame):
    global STOP
    STOP = True
def on_usr2(signum, frame):
    global LIMIT
    LIMIT = -1
signal.signal(signal.SIGUSR1, on_usr1)
signal.signal(signal.SIGUSR2, on_usr2)

def wait_flag():
    n = 0
    while not STOP:
        n += 1
    return n > 0

def wait_limit():
    i = 0
    while i < LIMIT:
        i += 1
    return i > 0

th = send_later(signal.SIGUSR1, 0.3)
print("flag loop ended", wait_flag())
th.join()
th = send_later(signal.SIGUSR2, 0.3)
print("limit loop ended", wait_limit())
th.join()

# 5. many signals while the handler runs compiled code itself
HITS = [0]
def counting(signum, frame):
    s = 0
    for i in range(100):
        s += i
    HITS[0] += s == 4950
signal.signal(signal.SIGUSR1, counting)
def busy(n):
    kill, pid, sig = os.kill, os.getpid(), signal.SIGUSR1
    t = 0
    for i in range(n):
        t += i & 7
        if i % 100 == 0:
            kill(pid, sig)
    return t
print("busy", busy(200000), HITS[0])

if pyjit is not None:
    print("COMPILED", sorted(f.__name__ for f in (spin, spin_calls, float_spin, wait_flag,
                                                  wait_limit, busy, counting)
                             if pyjit.is_compiled(f)))
"""


def test_signals_interrupt_tight_compiled_loops(runner):
    stock = runner.run_code(SIGNALS_SRC, mode="stock", timeout=60)
    assert stock.returncode == 0, stock.stderr
    r = run_jit(runner, SIGNALS_SRC)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == ("COMPILED ['busy', 'counting', 'float_spin', 'spin', 'spin_calls', "
                         "'wait_flag', 'wait_limit']"), lines[-1]
    assert lines[:-1] == stock.stdout.splitlines()
    assert any(ln.startswith("spin: KeyboardInterrupt [('spin', ") for ln in lines), lines
    assert "flag loop ended True" in lines and "limit loop ended True" in lines


def test_signal_handler_disables_and_enables_the_jit_mid_loop(runner):
    """SIGALRM handlers switch the JIT off and then on again while a compiled loop (whose
    types change meanwhile) runs; results are exact and new functions compile only while
    the JIT is on."""
    r = run_jit(runner, """
        import json, signal
        import pyjit
        pyjit.enable(threshold=0)
        log = []
        def on_alarm(signum, frame):
            if pyjit.is_enabled():
                pyjit.disable()
            else:
                pyjit.enable()
            log.append(pyjit.is_enabled())
            if len(log) < 2:
                signal.setitimer(signal.ITIMER_REAL, 0.05)
        signal.signal(signal.SIGALRM, on_alarm)
        def fresh_a(x):
            return x + 1
        def fresh_b(x):
            return x + 2
        def loop(n, arm):
            s = 0
            v = 1
            seen = []
            switch_i = stop_at = -1
            for i in range(n):
                if i == 0 and arm:
                    signal.setitimer(signal.ITIMER_REAL, 0.05)
                s += v
                k = len(log)
                if k == 1 and not seen:
                    seen.append(fresh_a(0))        # first call while the JIT is off
                    v = 0.5                        # and the loop's types change
                    switch_i = i
                if k == 2 and len(seen) == 1:
                    seen.append(fresh_b(0))        # first call after it is on again
                    stop_at = i + 1000
                if i == stop_at:
                    break
            return s, i, seen, switch_i
        loop(10, False)                            # compiled now
        s, i, seen, switch_i = loop(10 ** 10, True)
        exp = (switch_i + 1) + (i - switch_i) * 0.5
        print(json.dumps({"ok": s == exp, "s": s, "exp": exp, "seen": seen, "log": log,
                          "fresh": [pyjit.is_compiled(fresh_a), pyjit.is_compiled(fresh_b)],
                          "loop": pyjit.is_compiled(loop)}))
    """, timeout=60)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out["log"] == [False, True], out
    assert out["seen"] == [1, 2], out
    assert out["ok"], out
    assert out["fresh"] == [False, True] and out["loop"], out


def test_sigint_from_outside_into_unboxed_loop_with_try_finally(runner):
    """An external SIGINT into a compiled generator loop and a nested unboxed loop: the
    KeyboardInterrupt unwinds through compiled finally blocks and a generator's close."""
    prog = runner.write("outside.py", """
        import sys
        import pyjit
        pyjit.enable(threshold=0)
        def counter():
            i = 0
            try:
                while True:
                    yield i
                    i += 1
            finally:
                print("generator closed", flush=True)
        def nested():
            g = counter()
            total = 0
            try:
                for a in g:
                    j = 0
                    while j < 1000:
                        total += j ^ a
                        j += 1
            finally:
                print("finally", total > 0, flush=True)
                g.close()
        print("ready", flush=True)
        try:
            nested()
        except KeyboardInterrupt as e:
            tb = e.__traceback__
            while tb.tb_next:
                tb = tb.tb_next
            print("interrupted in", tb.tb_frame.f_code.co_name, flush=True)
        print("compiled", pyjit.is_compiled(nested), pyjit.is_compiled(counter))
    """)
    env = clean_env(PYTHONPATH=str(PKG))
    if os.environ.get("PYJIT_TEST_PRELOAD"):  # a sanitizer build: its runtime first
        env["LD_PRELOAD"] = os.environ["PYJIT_TEST_PRELOAD"]
    p = subprocess.Popen([PYTHON, prog.name], cwd=runner.tmp, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        assert p.stdout.readline() == "ready\n"
        import time
        time.sleep(0.5)
        p.send_signal(2)
        out, err = p.communicate(timeout=90)
    finally:
        if p.poll() is None:
            p.kill()
            p.communicate()
    assert p.returncode == 0, err
    lines = out.splitlines()
    # Where the signal lands decides the order, as on stock: raised inside the generator,
    # its own finally runs first, then nested()'s.
    assert lines[2] in ("interrupted in nested", "interrupted in counter"), out
    if lines[2] == "interrupted in counter":
        assert lines[:2] == ["generator closed", "finally True"], out
    else:
        assert lines[:2] == ["finally True", "generator closed"], out
    assert lines[3] == "compiled True True", out


def test_pyjit_threads_leave_asynchronous_signals_to_python_threads(runner):
    # CPython's C handler sets the eval breaker only when it runs on the main thread (on
    # Linux): a SIGINT the kernel gave the compile or timer thread was lost while a compiled
    # loop ran.  Those threads block every asynchronous signal (not SIGSEGV and the other
    # synchronous ones, which the crash report needs).
    r = run_jit(runner, """
        import json, os
        import pyjit
        pyjit.enable()
        def f(n):
            return sum(i * i for i in range(n))
        for _ in range(300):
            f(10)
        pyjit.wait_compiled()
        me = os.getpid()
        masks = {}
        for tid in os.listdir(f"/proc/{me}/task"):
            with open(f"/proc/{me}/task/{tid}/status") as fh:
                line = [l for l in fh if l.startswith("SigBlk")][0]
            masks[tid == str(me)] = masks.get(tid == str(me), []) + [int(line.split()[1], 16)]
        bit = lambda m, sig: bool(m >> (sig - 1) & 1)
        print(json.dumps({
            "compiled": pyjit.is_compiled(f),
            "main": [bit(m, 2) for m in masks[True]],
            "ours_int": [bit(m, 2) for m in masks.get(False, [])],
            "ours_alrm": [bit(m, 14) for m in masks.get(False, [])],
            "ours_segv": [bit(m, 11) for m in masks.get(False, [])],
        }))
    """)
    assert r.returncode == 0, r.stderr
    got = last_json(r.stdout)
    assert got["compiled"] and got["main"] == [False], got
    assert got["ours_int"] and all(got["ours_int"]) and all(got["ours_alrm"]), got
    assert not any(got["ours_segv"]), got


# --- 16. os.fork() from compiled code -------------------------------------------------------

def test_fork_from_compiled_loop_child_compiles(runner):
    r = run_jit(runner, """
        import json, os
        import pyjit
        pyjit.enable(threshold=0)

        def parent_work(n):
            s = 0
            for i in range(n):
                s += i * i % 11
            return s

        def child_main(w, total):
            src = ("def child_fn(n):\\n    t = 0\\n    for i in range(n):\\n"
                   "        t += i % 13\\n    return t\\n")
            ns = {}
            exec(src, ns)
            before = pyjit.stats()["compiled"]
            res = ns["child_fn"](5000)
            def child_closure(k):
                return sum(j * k for j in range(100))
            res2 = child_closure(3)
            after = pyjit.stats()["compiled"]
            out = {"res_ok": res == 29980, "res2_ok": res2 == 14850, "new": after - before,
                   "compiled": [pyjit.is_compiled(ns["child_fn"]), pyjit.is_compiled(child_closure)],
                   "total_so_far": total, "parent_work_ok": parent_work(1000) == 4003}
            os.write(w, json.dumps(out).encode())

        def fork_from_compiled(n):
            r, w = os.pipe()
            total = 0
            pid = -1
            for i in range(n):
                total += i
                if i == n // 2:
                    pid = os.fork()
                    if pid == 0:
                        os.close(r)
                        try:
                            child_main(w, total)
                        finally:
                            os._exit(7)
            os.close(w)
            data = b""
            while True:
                chunk = os.read(r, 4096)
                if not chunk:
                    break
                data += chunk
            os.close(r)
            _, status = os.waitpid(pid, 0)
            return total, json.loads(data or b"null"), os.waitstatus_to_exitcode(status)

        assert parent_work(1000) == 4003
        total, child, code = fork_from_compiled(2000)
        print(json.dumps({"total": total, "child": child, "code": code,
                          "parent_after": parent_work(1000),
                          "compiled": pyjit.is_compiled(fork_from_compiled)}))
    """, timeout=60)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out["code"] == 7, out
    assert out["total"] == 1999000 and out["parent_after"] == 4003 and out["compiled"], out
    child = out["child"]
    assert child is not None, "the child reported nothing: " + r.stderr
    assert child["res_ok"] and child["res2_ok"] and child["parent_work_ok"], child
    assert child["total_so_far"] == 500500, child
    assert child["new"] >= 2 and child["compiled"] == [True, True], child


def test_fork_while_compile_thread_is_busy(runner):
    """Threshold 2: functions without loops are compiled on the background thread.  Fork
    right after 25 of them became hot (the compile thread is busy or holds its locks); the
    child must compile and run its own functions (wait_compiled must not hang) and the
    parent must go on."""
    r = run_jit(runner, """
        import json, os
        import pyjit
        pyjit.enable(threshold=2)

        def make_funcs(tag, count):
            ns = {}
            src = []
            for k in range(count):
                src.append("def f_%s_%d(x):\\n    y = x * %d + 1\\n"
                           "    return (y %% 97) + len(str(y))\\n" % (tag, k, k + 1))
            exec("".join(src), ns)
            return [ns["f_%s_%d" % (tag, k)] for k in range(count)]

        def run_all(funcs, reps):
            s = 0
            for r in range(reps):
                for f in funcs:
                    s += f(r)
            return s

        def expected(count, reps):
            s = 0
            for r in range(reps):
                for k in range(count):
                    y = r * (k + 1) + 1
                    s += (y % 97) + len(str(y))
            return s

        def child(w, round_, funcs):
            try:
                cf = make_funcs("c%d" % round_, 8)
                before = pyjit.stats()["compiled"]
                got = run_all(cf, 4)
                pyjit.wait_compiled()
                got2 = run_all(cf, 2)
                after = pyjit.stats()["compiled"]
                msg = {"ok": got == expected(8, 4), "ok2": got2 == expected(8, 2),
                       "new": after - before, "n_compiled": sum(map(pyjit.is_compiled, cf)),
                       "parent_funcs_ok": run_all(funcs, 2) == expected(25, 2)}
            except BaseException as e:
                msg = {"error": repr(e)}
            os.write(w, json.dumps(msg).encode())
            os._exit(0)

        results = []
        for round_ in range(3):
            funcs = make_funcs("p%d" % round_, 25)
            run_all(funcs, 3)              # hot now: 25 functions queued for the compile thread
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(r)
                child(w, round_, funcs)
            os.close(w)
            data = b""
            while True:
                chunk = os.read(r, 4096)
                if not chunk:
                    break
                data += chunk
            os.close(r)
            _, status = os.waitpid(pid, 0)
            results.append([os.waitstatus_to_exitcode(status), json.loads(data or b"null")])
            assert run_all(funcs, 4) == expected(25, 4)      # the parent goes on
        pyjit.wait_compiled()
        print(json.dumps({"results": results, "compiled": pyjit.stats()["compiled"],
                          "background": pyjit.stats()["background_compiles"]}))
    """, timeout=60)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    for code, child in out["results"]:
        assert code == 0, out
        assert child is not None and "error" not in child, out
        assert child["ok"] and child["ok2"] and child["parent_funcs_ok"], child
        assert child["n_compiled"] == 8 and child["new"] >= 8, child
    assert out["background"] >= 75, out


# --- 17. sub-interpreters ------------------------------------------------------------------

def test_subinterpreters_refuse_pyjit_and_run_interpreted(runner):
    r = run_jit(runner, r'''
        import json, threading
        import _xxsubinterpreters as interpreters
        import pyjit
        pyjit.enable(threshold=0)

        def work(n):
            s = 0
            for i in range(n):
                s += i % 7
            return s

        SUB = """
        import os
        def sub_work(n):
            s = 0
            for i in range(n):
                s += i % 7
            return s
        def g(n):
            for i in range(n):
                yield i * 2
        class P:
            def __init__(self, v):
                self.v = v
            def get(self):
                return self.v * 2
        r = 0
        for k in range(20):
            r += sub_work(5000) + sum(g(200)) + sum(P(i).get() for i in range(100))
        ok = r == 20 * (sum(i % 7 for i in range(5000)) + 39800 + 9900)
        try:
            import pyjit
            pyjit.enable()
            msg = "enabled"
        except (ImportError, RuntimeError) as e:
            msg = "%s: %s" % (type(e).__name__, e)
        os.write(1, ("SUB %s %s\\n" % (ok, msg)).encode())
        """

        errors = []
        def in_sub():
            try:
                iid = interpreters.create()
                interpreters.run_string(iid, SUB)
                interpreters.destroy(iid)
            except Exception as e:
                errors.append(repr(e))

        before = work(1000)
        in_sub()                                   # from the main thread
        ts = [threading.Thread(target=in_sub) for _ in range(3)]
        for t in ts:
            t.start()
        tot = 0
        for k in range(100):                       # compiled code meanwhile
            tot += work(3000)
        for t in ts:
            t.join()
        print(json.dumps({"errors": errors, "before": before, "tot_ok": tot == 100 * sum(i % 7 for i in range(3000)),
                          "compiled": pyjit.is_compiled(work), "enabled": pyjit.is_enabled(),
                          "after": work(2000)}))
    ''', timeout=60)
    assert r.returncode == 0, r.stderr
    out = last_json(r.stdout)
    assert out["errors"] == [], out
    assert out["before"] == 2997 and out["after"] == 5995 and out["tot_ok"], out
    assert out["compiled"] and out["enabled"], out
    subs = [ln for ln in r.stdout.splitlines() if ln.startswith("SUB ")]
    assert len(subs) == 4, r.stdout
    for ln in subs:
        assert ln.startswith("SUB True "), ln          # ran correctly in the interpreter
        msg = ln[len("SUB True "):]
        assert msg.startswith(("ImportError:", "RuntimeError:")), ln
        assert "sub-interpreter" in msg or "subinterpreter" in msg, ln


def test_subinterpreter_under_preload(runner):
    """LD_PRELOAD start-up: the JIT is on in the main interpreter only; a sub-interpreter
    created later runs its code correctly and cannot switch pyjit on."""
    src = r'''
        import _xxsubinterpreters as interpreters
        def work(n):
            s = 0
            for i in range(n):
                s += i % 7
            return s
        iid = interpreters.create()
        interpreters.run_string(iid, """
        import os
        def f(n):
            return sum(i * i for i in range(n))
        msg = "no pyjit"
        try:
            import pyjit
            pyjit.enable()
            msg = "enabled"
        except (ImportError, RuntimeError) as e:
            msg = "%s: %s" % (type(e).__name__, e)
        os.write(1, ("SUB %d %s\\n" % (f(1000), msg)).encode())
        """)
        interpreters.destroy(iid)
        print("MAIN", work(1000))
    '''
    r = runner.run_code(src, mode="preload", env={"PYTHONPATH": str(PKG)}, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == "MAIN 2997", r.stdout
    sub = [ln for ln in lines if ln.startswith("SUB ")]
    assert len(sub) == 1 and sub[0].startswith("SUB 332833500 "), r.stdout
    msg = sub[0][len("SUB 332833500 "):]
    assert msg.startswith(("ImportError:", "RuntimeError:")) and "interpreter" in msg, msg


# --- Deep recursion: C stack segments (src/runtime/stack.c) ---------------------------------

def test_deep_recursion_continues_on_new_stack_segments_in_threads(runner):
    # Stock 3.11 recurses in Python without C recursion; under a PEP 523 hook every call
    # is a C call.  Near the end of a thread's C stack pyjit switches to a new segment.
    src = """
        import json, sys, threading
        import pyjit
        sys.setrecursionlimit(200000)
        def deep(p):
            return 0 if p <= 0 else deep(p - 1) + 1
        def chain(n):
            if n > 0:
                yield from chain(n - 1)
            yield n
        out = {}
        def work(name, n):
            out[name] = (deep(n), sum(chain(n // 10)))
        threads = [threading.Thread(target=work, args=("t%d" % i, 60000 + i)) for i in range(3)]
        for t in threads:
            t.start()
        work("main", 90000)
        for t in threads:
            t.join()
        print(json.dumps({"results": sorted(out.items()),
                          "switches": pyjit.stats()["stack_switches"] if pyjit.is_enabled() else 0,
                          "compiled": pyjit.is_enabled() and pyjit.is_compiled(deep)}))
    """
    stock = runner.run_code("import sys; sys.modules['pyjit'] = type(sys)('pyjit'); "
                            "import pyjit; pyjit.is_enabled = lambda: False\n"
                            + textwrap.dedent(src), mode="stock", timeout=300)
    assert stock.returncode == 0, stock.stderr
    r = run_jit(runner, "import pyjit\npyjit.enable(threshold=0)\n" + textwrap.dedent(src),
                timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    got, want = last_json(r.stdout), last_json(stock.stdout)
    assert got["results"] == want["results"], (got, want)
    assert got["compiled"] and got["switches"] >= 4, got
