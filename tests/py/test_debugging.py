"""Debugging compiled code: GDB's JIT interface (PYJIT_GDB=1) names compiled functions in
gdb's backtrace; the machine code's unwind tables let gdb walk through them."""
import os
import shutil
import subprocess

import pytest

from conftest import PKG, PYTHON, clean_env

PROG = """
import os, signal, pyjit
def trap():
    os.kill(os.getpid(), signal.SIGTRAP)
def hot_loop(n):
    t = 0
    for i in range(n):
        t += i
        if i == n - 1:
            trap()
    return t
pyjit.enable()
pyjit.compile(hot_loop)
print("compiled", pyjit.is_compiled(hot_loop))
print("result", hot_loop(10))
"""


def gdb_backtrace(tmp_path, gdb_env):
    gdb = shutil.which("gdb")
    if gdb is None:
        pytest.skip("gdb is not installed")
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        pytest.skip("not under the sanitizer build (its runtime and gdb's ptrace disagree)")
    prog = tmp_path / "prog.py"
    prog.write_text(PROG)
    env = clean_env(PYTHONPATH=str(PKG), **gdb_env)
    r = subprocess.run([gdb, "-q", "-nx", "-batch", "-ex", "run", "-ex", "bt", "--args",
                        PYTHON, str(prog)], env=env, cwd=tmp_path, capture_output=True,
                       text=True, timeout=300)
    if "compiled True" not in r.stdout:
        pytest.skip("gdb cannot run programs here: " + (r.stderr or r.stdout)[-300:])
    return r.stdout


def test_gdb_backtrace_names_compiled_functions(tmp_path):
    out = gdb_backtrace(tmp_path, {"PYJIT_GDB": "1"})
    frames = [l for l in out.splitlines() if l.startswith("#")]
    assert any(" in py:hot_loop" in f for f in frames), out
    # gdb walked through the compiled frame into the interpreter below it
    names = [f.split(" in ", 1)[1].split(" ")[0] for f in frames if " in " in f]
    assert "py:hot_loop" in names and "Py_BytesMain" in names[names.index("py:hot_loop"):], out


def test_without_pyjit_gdb_the_frame_is_anonymous(tmp_path):
    out = gdb_backtrace(tmp_path, {})
    assert "py:hot_loop" not in out, out


CRASH = """
import sys, pyjit
from pyjit import _pyjit
def inner(n):
    t = 0
    for i in range(n):
        t += i
    _pyjit._test_crash()
    return t
def outer():
    return inner(10) + 1
pyjit.enable()
pyjit.compile(inner)
pyjit.compile(outer)
print("compiled", pyjit.is_compiled(inner), pyjit.is_compiled(outer), flush=True)
outer()
"""


def crash_run(runner, source, args=()):
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        pytest.skip("the sanitizer runtime handles SIGSEGV itself")
    p = runner.write("crash.py", source)
    return runner.run(list(args) + [p.name], mode="path")


def test_crash_in_a_runtime_helper_names_the_compiled_functions(runner):
    r = crash_run(runner, CRASH)
    assert r.stdout == "compiled True True\n", r.stdout + r.stderr
    assert r.returncode == -11, (r.returncode, r.stderr)      # it still dies of SIGSEGV
    err = r.stderr
    assert "pyjit: SIGSEGV (segmentation fault) in compiled code or in pyjit's runtime" in err
    # native frames: the helper, then the compiled functions with the lines they are at
    assert "in pj_crash_test" in err, err
    inner = err.index("in compiled Python function inner (")
    outer = err.index("in compiled Python function outer (")
    assert inner < outer, err
    assert "crash.py, line 8)" in err[inner:outer] and "crash.py, line 11)" in err[outer:], err
    # and the Python traceback
    tb = err[err.index("Python traceback of this thread"):]
    assert 'crash.py", line 8 in inner' in tb and 'crash.py", line 11 in outer' in tb, err


def test_crash_elsewhere_is_left_alone_and_faulthandler_still_reports(runner):
    r = crash_run(runner, "import ctypes, pyjit\npyjit.enable()\nctypes.string_at(0)\n")
    assert r.returncode == -11 and "pyjit:" not in r.stderr, r.stderr
    # faulthandler enabled first: pyjit reports, then faulthandler's handler takes over
    r = crash_run(runner, CRASH, args=("-X", "faulthandler"))
    assert r.returncode == -11, r.stderr
    assert "pyjit: SIGSEGV" in r.stderr and "Fatal Python error: Segmentation fault" in r.stderr, \
        r.stderr


def test_crash_report_can_be_switched_off(runner):
    p = runner.write("crash.py", CRASH)
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        pytest.skip("the sanitizer runtime handles SIGSEGV itself")
    r = runner.run([p.name], mode="path", env={"PYJIT_CRASH_REPORT": "0"})
    assert r.returncode == -11 and "pyjit:" not in r.stderr, r.stderr


HOT = """
import pyjit
def hot(n):
    t = 0.0
    for i in range(n):
        t += (i % 7) * 0.5
    return t
pyjit.enable()
for _ in range(5):
    hot(2_000_000)
print(pyjit.is_compiled(hot))
"""


def read_jitdump(path):
    import struct
    data = path.read_bytes()
    magic, version, size, mach, _, pid, _, _ = struct.unpack_from("<6I2Q", data, 0)
    loads, off = [], size
    while off < len(data):
        rid, total = struct.unpack_from("<2I", data, off)
        if rid == 0:  # JIT_CODE_LOAD
            _, _, vma, addr, csize, index = struct.unpack_from("<2I4Q", data, off + 16)
            name_end = data.index(b"\0", off + 56)
            name = data[off + 56:name_end].decode()
            code = data[name_end + 1:name_end + 1 + csize]
            loads.append((name, vma, addr, csize, index, code))
        off += total
    return magic, version, mach, pid, loads


def test_jitdump_records_every_compiled_function(runner, tmp_path):
    p = runner.write("hot.py", HOT)
    r = runner.run([p.name], mode="path",
                   env={"PYJIT_PERF_MAP": "jitdump", "PYJIT_JITDUMP_DIR": str(tmp_path)})
    assert r.returncode == 0 and r.stdout == "True\n", r.stdout + r.stderr
    dumps = list(tmp_path.glob("jit-*.dump"))
    assert len(dumps) == 1, dumps
    magic, version, mach, pid, loads = read_jitdump(dumps[0])
    assert (magic, version, mach) == (0x4A695444, 1, 62)
    assert dumps[0].name == "jit-%d.dump" % pid
    hot = [l for l in loads if l[0] == "py::hot:%s:3" % p]     # (HOT's first line is blank)
    assert hot, [l[0] for l in loads]
    name, vma, addr, csize, index, code = hot[0]
    assert vma == addr and csize == len(code) > 16
    assert [l[4] for l in loads] == list(range(len(loads)))   # code_index counts up
    # `perf inject --jit` turns it into objects `perf report` names, where perf may run
    perf = shutil.which("perf")
    if perf is None:
        pytest.skip("perf is not installed")
    for f in tmp_path.glob("jit-*.dump"):
        f.unlink()
    env = clean_env(PYTHONPATH=str(PKG), PYJIT_PERF_MAP="jitdump", PYJIT_JITDUMP_DIR=str(tmp_path))
    rec = subprocess.run([perf, "record", "-q", "-k", "1", "-o", str(tmp_path / "perf.data"),
                          PYTHON, str(p)], env=env, cwd=tmp_path, capture_output=True,
                         text=True, timeout=300)
    if rec.returncode != 0:
        pytest.skip("perf record is not permitted here: " + rec.stderr[-200:])
    subprocess.run([perf, "inject", "--jit", "-i", str(tmp_path / "perf.data"), "-o",
                    str(tmp_path / "perf.jit.data")], cwd=tmp_path, check=True,
                   capture_output=True, timeout=300)
    rep = subprocess.run([perf, "report", "-i", str(tmp_path / "perf.jit.data"), "--stdio",
                          "--sort", "symbol"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300)
    assert "py::hot:" in rep.stdout, rep.stdout[-2000:]
