"""Profiles: pyjit.save_profile / load_profile, `pyjit profile`, `pyjit run --profile`,
`pyjit report`, and profiles that cannot be used (docs/profile-format.md)."""
import json
import os

APP = """
def work(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t

def small(x):
    return x * 2 + 1

def main():
    s = 0
    for i in range(300):
        s += small(i)
    return work(100_000) + s
"""

RECORD = """
from app import *
import pyjit
pyjit.enable()
print(main())
pyjit.wait_compiled()
pyjit.save_profile("app.pjprof")
"""


def record(runner):
    runner.write("app.py", APP)
    r = runner.run_code(RECORD, env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    return json.loads((runner.tmp / "app.pjprof").read_text())


def test_saved_profile_names_the_compiled_functions(runner):
    data = record(runner)
    assert data["format"] == "pyjit-profile" and data["version"] == 1
    names = {f["qualname"]: f for f in data["functions"]}
    assert {"work", "small"} <= set(names), names.keys()
    assert names["small"]["calls_before"] >= 100  # it compiled once hot
    assert names["work"]["unboxed_loops"] == 1 and names["work"]["tier"] == "optimized"
    h = names["small"]["code_hash"]
    assert len(h) == 16 and int(h, 16) > 0


def test_loaded_profile_compiles_its_functions_at_their_first_call(runner):
    record(runner)
    r = runner.run_code("""
from app import *
import pyjit
pyjit.enable()
print(pyjit.load_profile("app.pjprof"))
print(small(1), pyjit.is_compiled(small))   # the first call: compiled, no warm-up
s = pyjit.stats()
print(s["profile_matched"], s["profile_stale"])
first = main()
pyjit.disable()
print(first == main())
""", env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    n, line2, line3, last = r.stdout.splitlines()
    assert int(n) >= 2
    assert line2 == "3 True"
    assert line3 == "1 0"
    assert last == "True"


def test_function_whose_bytecode_changed_is_not_compiled_early(runner):
    record(runner)
    runner.write("app.py", APP.replace("return x * 2 + 1", "return x * 3 + 1"))
    r = runner.run_code("""
from app import *
import pyjit
pyjit.enable()
pyjit.load_profile("app.pjprof")
print(small(1), pyjit.is_compiled(small), pyjit.stats()["profile_stale"])
""", env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "4 False 1\n", r.stdout


def bad_profiles(valid):
    """(name, bytes) of profiles that must not be used."""
    text = json.dumps(valid)
    other_python = dict(valid, python="3.12.0 (main) [GCC]")
    other_pyjit = dict(valid, pyjit="9.9")
    other_version = dict(valid, version=2)
    not_list = dict(valid, functions={"a": 1})
    bad_entry = dict(valid, functions=[dict(valid["functions"][0], firstlineno="1")])
    bad_hash = dict(valid, functions=[dict(valid["functions"][0], code_hash="zz" * 8)])
    huge_name = dict(valid, functions=[dict(valid["functions"][0], qualname="q" * 100000)])
    other_program = dict(valid, program="/somewhere/else.py")
    return [
        ("truncated", text[: len(text) // 2].encode()),
        ("empty", b""),
        ("garbage", bytes(range(256)) * 40),
        ("not an object", b"[1, 2, 3]"),
        ("nested", b"[" * 100000 + b"]" * 100000),
        ("other format", json.dumps({"format": "something", "version": 1}).encode()),
        ("other python", json.dumps(other_python).encode()),
        ("other pyjit", json.dumps(other_pyjit).encode()),
        ("other version", json.dumps(other_version).encode()),
        ("functions not a list", json.dumps(not_list).encode()),
        ("wrong field type", json.dumps(bad_entry).encode()),
        ("bad hash", json.dumps(bad_hash).encode()),
        ("huge name", json.dumps(huge_name).encode()),
        ("other program", json.dumps(other_program).encode()),
    ]


def test_unusable_profiles_give_one_warning_and_the_run_goes_on(runner):
    valid = record(runner)
    cases = bad_profiles(valid) + [("missing", None)]
    for i, (name, data) in enumerate(cases):
        path = runner.tmp / ("bad%d.pjprof" % i)
        if data is not None:
            path.write_bytes(data)
        r = runner.run_code("""
from app import *
import pyjit, sys
pyjit.enable()
print(pyjit.load_profile(sys.argv[1] if len(sys.argv) > 1 else %r, program="app.py"))
print(main(), pyjit.stats()["profile_matched"])
""" % str(path), env={"PYJIT_THRESHOLD": "100"})
        assert r.returncode == 0, (name, r.stderr)
        assert r.stdout.splitlines()[0] == "0", (name, r.stdout)
        assert r.stdout.splitlines()[1].endswith(" 0"), (name, r.stdout)
        warnings = [l for l in r.stderr.splitlines() if l.startswith("pyjit: warning: profile")]
        assert len(warnings) == 1 and r.stderr.count("\n") == 1, (name, r.stderr)


def test_command_line_profile_run_and_report(runner):
    runner.write("app.py", APP + "\nprint(main())\n")
    rec = runner.run(["-m", "pyjit", "profile", "-o", "app.pjprof", "app.py"], mode="path")
    assert rec.returncode == 0, rec.stderr
    assert "profile written to app.pjprof" in rec.stderr
    stock = runner.run(["app.py"])
    run = runner.run(["-m", "pyjit", "run", "--stats", "--profile", "app.pjprof", "app.py"],
                     mode="path")
    assert run.returncode == 0, run.stderr
    assert run.stdout == stock.stdout
    assert "warning" not in run.stderr
    rep = runner.run(["-m", "pyjit", "report", "app.pjprof"], mode="path")
    assert rep.returncode == 0, rep.stderr
    assert "work (" in rep.stdout and "small (" in rep.stdout and "compile" in rep.stdout
    js = runner.run(["-m", "pyjit", "report", "--json", "app.pjprof"], mode="path")
    assert {f["qualname"] for f in json.loads(js.stdout)["functions"]} >= {"work", "small"}
    # a profile of app.py is refused for another program, with one warning
    runner.write("other.py", APP + "\nprint(main())\n")
    other = runner.run(["-m", "pyjit", "run", "--profile", "app.pjprof", "other.py"],
                       mode="path")
    assert other.returncode == 0 and other.stdout == stock.stdout
    assert other.stderr.count("pyjit: warning: profile app.pjprof not used") == 1, other.stderr
    bad = runner.run(["-m", "pyjit", "report", "missing.pjprof"], mode="path")
    assert bad.returncode == 1 and "missing.pjprof" in bad.stderr


POINT = """
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

def norm1(p):
    return p.x + p.y
"""


def test_profile_carries_the_interpreters_feedback_to_the_first_call(runner):
    # Recorded: norm1 ran 100 times in the interpreter, which specialised its attribute
    # reads and its int addition before it compiled.  With the profile, the first call of
    # a fresh process compiles with that feedback (as if the interpreter had run it).
    runner.write("point.py", POINT)
    r = runner.run_code("""
from point import *
import pyjit
pyjit.enable()
for i in range(300):
    norm1(Point(i, 1))
pyjit.wait_compiled()
pyjit.save_profile("p.pjprof")
""", env={"PYJIT_THRESHOLD": "100"})
    assert r.returncode == 0, r.stderr
    data = json.loads((runner.tmp / "p.pjprof").read_text())
    fb = {f["qualname"]: f["feedback"] for f in data["functions"]}["norm1"]
    assert sum(1 for e in fb if e[1] == "LOAD_ATTR_INSTANCE_VALUE") == 2, fb
    rep = runner.run(["-m", "pyjit", "report", "p.pjprof"], mode="path")
    assert "LOAD_ATTR_INSTANCE_VALUE x2" in rep.stdout, rep.stdout
    probe = """
from point import *
import pyjit, sys
pyjit.enable()
if len(sys.argv) > 1:
    pyjit.load_profile(sys.argv[1])
print(norm1(Point(2, 3)), pyjit.is_compiled(norm1) or pyjit.compile(norm1))
text = pyjit.dump(norm1, "bytecode")
print(text.count("live LOAD_ATTR_INSTANCE_VALUE"), pyjit.dump(norm1, "ir").count("?values"))
"""
    p = runner.write("probe.py", probe)
    on = runner.run([p.name, "p.pjprof"], mode="path", env={"PYJIT_THRESHOLD": "100"})
    off = runner.run([p.name], mode="path", env={"PYJIT_THRESHOLD": "100"})
    assert on.returncode == 0 and off.returncode == 0, on.stderr + off.stderr
    assert on.stdout == "5 True\n2 2\n", on.stdout
    assert off.stdout == "5 True\n0 0\n", off.stdout


CACHED = """
import pyjit, sys
sys.path.insert(0, ".")
pyjit.enable()
from app import main
print(main())
s = pyjit.stats()
print(s["cache_hits"], s["cache_stores"], s["cache_rejected"], s["compiled"])
"""


def cache_run(runner, cache, extra=None):
    env = {"PYJIT_THRESHOLD": "0", "PYJIT_CACHE_DIR": str(cache)}
    env.update(extra or {})
    r = runner.run_code(CACHED, env=env)
    assert r.returncode == 0, r.stderr
    value, counts = r.stdout.splitlines()
    return value, [int(x) for x in counts.split()], r.stderr


def test_code_cache_links_the_next_process_without_llvm(runner):
    runner.write("app.py", APP)
    cache = runner.tmp / "cache"
    v1, (hits, stores, rejected, compiled), _ = cache_run(runner, cache)
    assert hits == 0 and stores == compiled > 0 and rejected == 0
    v2, (hits, stores, rejected, compiled2), _ = cache_run(runner, cache)
    assert v2 == v1 and hits == compiled2 == compiled and stores == 0 and rejected == 0


def test_corrupt_or_foreign_cache_entries_are_replaced(runner):
    runner.write("app.py", APP)
    cache = runner.tmp / "cache"
    v1, (_, stores, _, _), _ = cache_run(runner, cache)
    entries = sorted(cache.glob("*.pjo"))
    assert len(entries) == stores >= 3
    entries[0].write_bytes(entries[0].read_bytes()[:100])           # truncated
    data = bytearray(entries[1].read_bytes())
    data[-20] ^= 0xFF                                               # flipped bits
    entries[1].write_bytes(bytes(data))
    entries[2].write_bytes(entries[3 % len(entries)].read_bytes()   # another key's entry
                           if len(entries) > 3 else b"PJOBJ1\n\0" + b"x" * 40)
    v2, (hits, stores2, rejected, _), _ = cache_run(runner, cache)
    assert v2 == v1 and rejected == 3 and stores2 == 3 and hits == stores - 3
    v3, (hits, stores3, rejected, _), _ = cache_run(runner, cache)
    assert v3 == v1 and rejected == 0 and stores3 == 0 and hits == stores


def test_processes_sharing_a_cache_folder(runner):
    import subprocess
    runner.write("app.py", APP)
    cache = runner.tmp / "cache"
    prog = runner.write("cached.py", CACHED)
    from conftest import PYTHON, PKG, clean_env
    env = clean_env(PYTHONPATH=str(PKG), PYJIT_THRESHOLD="0", PYJIT_CACHE_DIR=str(cache))
    if os.environ.get("PYJIT_TEST_PRELOAD"):  # (the sanitizer build's runtime)
        env["LD_PRELOAD"] = os.environ["PYJIT_TEST_PRELOAD"]
    procs = [subprocess.Popen([PYTHON, str(prog)], env=env, cwd=runner.tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert len({o.splitlines()[0] for o, _ in outs}) == 1
    assert not list(cache.glob("*.tmp"))
    v, (hits, stores, rejected, compiled), _ = cache_run(runner, cache)
    assert hits == compiled and stores == 0 and rejected == 0


def test_unusable_cache_folder_warns_and_runs_without(runner):
    runner.write("app.py", APP)
    (runner.tmp / "file").write_text("not a folder")
    v, (hits, stores, rejected, compiled), err = cache_run(runner, runner.tmp / "file" / "x")
    assert hits == stores == rejected == 0 and compiled > 0
    assert err.count("pyjit: warning: code cache") == 1, err


def test_profile_turns_the_cache_on_in_the_users_cache_folder(runner):
    record(runner)
    home = runner.tmp / "xdg"
    probe = """
from app import *
import pyjit
pyjit.enable()
pyjit.load_profile("app.pjprof")
print(main(), pyjit.stats()["cache_hits"])
"""
    env = {"PYJIT_THRESHOLD": "100", "XDG_CACHE_HOME": str(home)}
    first = runner.run_code(probe, env=env)
    second = runner.run_code(probe, env=env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert list((home / "pyjit").glob("*.pjo"))
    assert first.stdout.split()[0] == second.stdout.split()[0]
    assert int(second.stdout.split()[1]) >= 2


def test_profiled_functions_compile_when_their_module_has_run(runner):
    # Loaded before the import, the profile's functions compile as soon as their module's
    # body has run (before any call), with the recorded seed: work's loop is unboxed
    # although no call has shown the type of its argument yet.
    data = record(runner)
    seeds = {f["qualname"]: f["seed"] for f in data["functions"]}
    assert seeds["work"], seeds
    r = runner.run_code("""
import pyjit
pyjit.enable()
pyjit.load_profile("app.pjprof")
import app
s = pyjit.stats()
info = {f["qualname"]: f for f in pyjit.compiled_functions()}
print(pyjit.is_compiled(app.small), pyjit.is_compiled(app.work), s["profile_eager"] >= 2)
print(info["work"]["unboxed_loops"], info["work"]["calls_before"])
first = app.main()
pyjit.disable()
print(first == app.main())
""", env={"PYJIT_THRESHOLD": "100", "PYJIT_CACHE_DIR": ""})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True True True\n1 0\nTrue\n", r.stdout
