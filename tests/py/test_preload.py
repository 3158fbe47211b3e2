"""Ways in: LD_PRELOAD with an unchanged program (and children that are not our Python),
PYJIT=0, python3.11 -m pyjit run, and the C API for embedders."""
import glob
import json
import os
import shutil
import subprocess

import pytest

from conftest import LIB, PKG, PYTHON, clean_env, preload_value

APP = """
def work(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s
print(work(1000))
"""


def test_preload_enables_jit(runner, tmp_path):
    runner.write("app.py", APP)
    stats = tmp_path / "s.json"
    r = runner.run(["app.py"], mode="preload", env={"PYJIT_STATS_FILE": stats})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2997\n" and r.stderr == ""
    data = json.loads(stats.read_text())
    assert "work" in [f["qualname"] for f in data["functions"]]


@pytest.mark.parametrize("flags,env", [(["-X", "dev"], {}), ([], {"PYTHONMALLOC": "debug"})])
def test_preload_with_debug_allocators(runner, tmp_path, flags, env):
    # The loader's audit hook is allocated before the interpreter picks its allocators;
    # with the debug ones the interpreter's exit must not free it (it used to abort).
    runner.write("app.py", APP + "import pyjit; print(pyjit.is_enabled())\n")
    stats = tmp_path / "s.json"
    r = runner.run(flags + ["app.py"], mode="preload", env=dict(env, PYJIT_STATS_FILE=stats))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2997\nTrue\n" and "Fatal" not in r.stderr
    assert "work" in [f["qualname"] for f in json.loads(stats.read_text())["functions"]]


def test_preload_respects_pyjit_0(runner, tmp_path):
    runner.write("app.py", APP + "import sys; print('pyjit' in sys.modules)\n")
    r = runner.run(["app.py"], mode="preload", env={"PYJIT": "0"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2997\nFalse\n"


@pytest.mark.parametrize("flags", [[], ["-I", "-S"], ["-c", APP], ["-m", "app"]])
def test_preload_all_launch_modes(runner, tmp_path, flags):
    runner.write("app.py", APP + "import pyjit; print(pyjit.is_enabled())\n")
    args = flags if flags[:1] in (["-c"], ["-m"]) else flags + ["app.py"]
    env = {}
    if flags[:1] == ["-c"]:
        args = ["-c", APP + "import pyjit; print(pyjit.is_enabled())\n"]
    r = runner.run(args, mode="preload", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2997\nTrue\n", r.stderr


def test_preload_inert_in_children_that_are_not_our_python(runner):
    children = [["bash", "-c", "echo shell ok"], ["git", "--version"],
                ["sh", "-c", "ls / >/dev/null && echo ls ok"]]
    others = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/*/bin/python")))
    for py in others:
        if "3.11.2" not in py:
            children.append([py, "-c", "print('python ok')"])
    prog = "import subprocess, sys\n"
    for c in children:
        if shutil.which(c[0]) is None and not os.path.exists(c[0]):
            continue
        prog += ("r = subprocess.run(%r, capture_output=True, text=True)\n"
                 "print(r.returncode, repr(r.stdout[:40]), repr(r.stderr[:200]))\n" % (c,))
    stock = runner.run_code(prog, mode="stock")
    # (A hang detector: compiling subprocess's functions at threshold 0 took over 120 s
    # with the ASan build on a loaded machine.)
    jit = runner.run_code(prog, mode="preload", timeout=600)
    assert stock.returncode == 0 and jit.returncode == 0, jit.stderr
    assert jit.stdout == stock.stdout
    assert "error" not in jit.stdout.lower()
    assert jit.stderr == stock.stderr == ""


def test_child_python311_gets_the_jit_too(runner):
    prog = ("import subprocess, sys\n"
            "r = subprocess.run([sys.executable, '-c', 'import pyjit; print(pyjit.is_enabled())'],"
            " capture_output=True, text=True)\n"
            "print(r.stdout.strip(), r.returncode)\n")
    r = runner.run_code(prog, mode="preload", timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True 0\n"


def test_preload_and_import_share_one_jit(runner):
    prog = """
import sys, pyjit
from pyjit import _pyjit
pyjit.enable()
def f(n):
    while n:
        n -= 1
    return n
f(3)
print(pyjit.is_compiled(f), sys.modules['pyjit'] is pyjit, pyjit.stats()['compiled'] >= 1)
"""
    r = runner.run_code(prog, mode="preload", env={"PYTHONPATH": PKG})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "True True True\n"


def test_cli_run(runner):
    runner.write("app.py", """
        import sys
        def work(n):
            s = 0
            for i in range(n):
                s += i
            return s
        print(sys.argv[1:], work(int(sys.argv[1])), __name__)
        import pyjit
        print(pyjit.is_compiled(work))
        sys.exit(int(sys.argv[2]))
    """)
    r = runner.run(["-m", "pyjit", "run", "--threshold", "0", "app.py", "10", "3"], mode="path")
    assert r.returncode == 3, r.stderr
    assert r.stdout == "['10', '3'] 45 __main__\nTrue\n"
    r = runner.run(["-m", "pyjit", "run", "--stats", "app.py", "4", "0"], mode="path")
    assert r.returncode == 0 and "compiled" in r.stderr


def test_cli_traceback_matches_stock(runner):
    runner.write("boom.py", """
        def inner(x):
            return 1 // x
        def outer(x):
            return inner(x) + 1
        print("before")
        outer(0)
    """)
    stock = runner.run(["boom.py"])
    jit = runner.run(["-m", "pyjit", "run", "--threshold", "0", "boom.py"], mode="path")
    assert stock.returncode == jit.returncode == 1
    assert jit.stdout == stock.stdout
    assert jit.stderr == stock.stderr, jit.stderr


def test_cli_module_mode(runner):
    runner.write("mod_app.py", "import sys\nprint('module', __name__, sys.argv)\n")
    r = runner.run(["-m", "pyjit", "run", "-m", "mod_app", "x"], mode="path",
                   env={"PYTHONPATH": "%s:%s" % (PKG, runner.tmp)})
    assert r.returncode == 0, r.stderr
    assert r.stdout == "module __main__ ['%s', 'x']\n" % (runner.tmp / "mod_app.py")


def test_c_api_for_embedders(runner, tmp_path):
    if shutil.which("gcc") is None:
        pytest.skip("no C compiler")
    src = tmp_path / "embed.c"
    src.write_text(r'''
#include <pyjit/pyjit.h>
int main(void) {
    Py_Initialize();
    if (pyjit_enable() < 0) { PyErr_Print(); return 1; }
    PyRun_SimpleString(
        "def f(n):\n"
        "    t = 0\n"
        "    for i in range(n):\n"
        "        t += i\n"
        "    return t\n"
        "print(f(100))\n");
    PyObject *main = PyImport_AddModule("__main__");
    PyObject *f = PyObject_GetAttrString(main, "f");
    int compiled = pyjit_compile(f);
    PyObject *stats = pyjit_stats();
    PyObject *n = PyDict_GetItemString(stats, "compiled");
    printf("%d %d %ld\n", pyjit_is_enabled(), compiled, PyLong_AsLong(n) >= 1);
    Py_DECREF(stats); Py_DECREF(f);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
''')
    inc = subprocess.run([PYTHON, "-c", "import sysconfig; print(sysconfig.get_paths()['include'])"],
                         capture_output=True, text=True).stdout.strip()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    exe = tmp_path / "embed"
    cc = subprocess.run(["gcc", str(src), "-o", str(exe), "-I" + inc,
                         "-I" + os.path.join(repo, "include"), "-L" + str(LIB.parent),
                         "-lpyjit", "-lpython3.11", "-Wl,-rpath," + str(LIB.parent)],
                        capture_output=True, text=True)
    assert cc.returncode == 0, cc.stderr
    env = clean_env()
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        env["LD_PRELOAD"] = os.environ["PYJIT_TEST_PRELOAD"]
    r = subprocess.run([str(exe)], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "4950\n1 1 1\n"
