"""`cmake --install` lays out the library, header, package, .pth hook and command; each of
them works from the installed location."""
import os
import subprocess
import sys

import pytest

from conftest import BUILD, PYTHON, clean_env, preload_value


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    if not (BUILD / "CMakeCache.txt").exists():
        pytest.skip("no build tree")
    # DESTDIR stages everything, absolute destinations included: the test never writes
    # outside its temporary directory.
    stage = tmp_path_factory.mktemp("stage")
    env = dict(os.environ, DESTDIR=str(stage))
    r = subprocess.run(["cmake", "--install", str(BUILD), "--prefix", "/opt/pyjit-test"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return stage / "opt" / "pyjit-test"


def site_dir(prefix):
    stage = prefix.parent.parent
    found = sorted(stage.glob("**/dist-packages/pyjit/__init__.py")) + \
        sorted(stage.glob("**/site-packages/pyjit/__init__.py"))
    if not found:
        pytest.fail("package not installed under %s" % stage)
    return found[0].parent.parent


def test_layout(prefix):
    site = site_dir(prefix)
    assert (prefix / "lib" / "libpyjit.so").exists()
    assert (prefix / "include" / "pyjit" / "pyjit.h").exists()
    assert os.access(prefix / "bin" / "pyjit", os.X_OK)
    assert (site / "pyjit.pth").exists()
    assert list((site / "pyjit").glob("_pyjit*.so"))


def asan(env):
    if os.environ.get("PYJIT_TEST_PRELOAD"):
        env["LD_PRELOAD"] = (os.environ["PYJIT_TEST_PRELOAD"] + " " + env.get("LD_PRELOAD", "")).strip()
    return env


def test_pth_hook_enables_with_pyjit_1(prefix):
    site = site_dir(prefix)
    code = ("import site; site.addsitedir(%r); import pyjit; print(pyjit.is_enabled())" % str(site))
    for value, expect in (("1", "True"), ("0", "False")):
        r = subprocess.run([PYTHON, "-S", "-c", code], env=asan(clean_env(PYJIT=value)),
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == expect


def test_installed_command_and_preload(prefix, tmp_path):
    site = site_dir(prefix)
    app = tmp_path / "app.py"
    app.write_text("import pyjit\ndef f(n):\n    while n:\n        n -= 1\n    return n\n"
                   "print(f(9), pyjit.is_enabled(), pyjit.is_compiled(f))\n")
    env = asan(clean_env(PYTHONPATH=site))
    r = subprocess.run([str(prefix / "bin" / "pyjit"), "run", str(app)], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "0 True True\n"
    env = clean_env(PYTHONPATH=site, LD_PRELOAD=str(prefix / "lib" / "libpyjit.so"))
    r = subprocess.run([PYTHON, str(app)], env=asan(env), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "0 True True\n"
