"""Shared fixtures for pyjit's Python-level tests: they run python3.11 subprocesses
against the build tree (PYJIT_BUILD_DIR, default <repo>/build)."""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("PYJIT_BUILD_DIR", REPO / "build"))
PYTHON = os.environ.get("PYJIT_PYTHON", "/usr/bin/python3.11")
LIB = BUILD / "lib" / "libpyjit.so"
PKG = BUILD / "python"


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYJIT") and k not in ("LD_PRELOAD", "PYTHONPATH")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = "0"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def preload_value():
    """LD_PRELOAD for a JIT run: the sanitizer runtime first when testing an ASan build."""
    extra = os.environ.get("PYJIT_TEST_PRELOAD", "")
    return (extra + " " + str(LIB)).strip()


class Runner:
    def __init__(self, tmp_path):
        self.tmp = tmp_path

    def write(self, name, source):
        p = self.tmp / name
        p.write_text(textwrap.dedent(source))
        return p

    def run(self, args, mode="stock", env=None, timeout=120, **kw):
        """mode: stock | preload (LD_PRELOAD, threshold 0) | path (PYTHONPATH only)."""
        e = clean_env()
        if mode == "preload":
            e.update(LD_PRELOAD=preload_value(), PYJIT_THRESHOLD="0")
        elif mode == "path":
            e.update(PYTHONPATH=str(PKG))
            if os.environ.get("PYJIT_TEST_PRELOAD"):
                e["LD_PRELOAD"] = os.environ["PYJIT_TEST_PRELOAD"]
        if env:
            e.update({k: str(v) for k, v in env.items()})
        return subprocess.run([PYTHON] + [str(a) for a in args], env=e, cwd=self.tmp,
                              capture_output=True, text=True, timeout=timeout, **kw)

    def run_code(self, source, mode="path", **kw):
        p = self.write("prog_%d.py" % abs(hash(source)), source)
        return self.run([p.name], mode=mode, **kw)

    def stats_json(self, path):
        return json.loads(Path(path).read_text())


@pytest.fixture
def runner(tmp_path):
    if not LIB.exists() or not PKG.joinpath("pyjit").exists():
        pytest.skip("pyjit is not built in %s" % BUILD)
    return Runner(tmp_path)
