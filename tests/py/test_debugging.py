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
