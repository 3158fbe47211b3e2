"""Self-tests of the differential fuzzer (no JIT needed: a stand-in "JIT" python is used).

  /usr/bin/python3.11 -m pytest -q -p no:cacheprovider tests/fuzz
"""

import contextlib
import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fuzz       # noqa: E402
import gen        # noqa: E402
import minimize   # noqa: E402

PYTHON = os.environ.get("PYJIT_PYTHON", "/usr/bin/python3.11")


def run_standalone(src, tmp_path, hashseed="0", name="prog.py"):
    f = tmp_path / name
    f.write_text(src, encoding="utf-8")
    env = dict(os.environ, PYTHONHASHSEED=hashseed, PYTHONIOENCODING="utf-8")
    for k in list(env):
        if k.startswith("PYJIT") or k == "LD_PRELOAD":
            del env[k]
    p = subprocess.run([PYTHON, name], cwd=str(tmp_path), env=env, capture_output=True,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


def test_generation_is_reproducible():
    for i in range(20):
        assert gen.generate(f"t:{i}") == gen.generate(f"t:{i}")
    assert gen.generate("t:1") != gen.generate("t:2")


def test_programs_are_valid_python():
    for i in range(300):
        src = gen.generate(f"valid:{i}")
        compile(src, f"valid_{i}.py", "exec", dont_inherit=True)


def test_programs_run_without_generator_errors(tmp_path):
    """One harness batch on stock: programs end normally or with a deliberate
    (custom or arithmetic) exception -- never a scoping, name or type mistake."""
    names = []
    for i in range(60):
        name, src = fuzz.program("ok", i)
        (tmp_path / name).write_text(src, encoding="utf-8")
        names.append(name)
    p = subprocess.run([PYTHON, str(fuzz.HARNESS)] + names, cwd=str(tmp_path),
                       capture_output=True, timeout=300,
                       env=dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8"))
    assert p.returncode == 0, p.stderr[-2000:]
    sections, order = fuzz.split_sections(p.stdout)
    assert order[-1] == "END" and len(order) == len(names) + 1
    done = 0
    for name in names:
        out = sections[name].decode("utf-8")
        # (RecursionError is deliberate: gen.py's s_recursion catches it)
        for bad in ("SyntaxError", "NameError", "UnboundLocalError", "AttributeError",
                    "Exceeds the limit", "at 0x", "Fatal Python error"):
            assert bad not in out, f"{name}: {bad}\n{out[-1500:]}"
        done += out.rstrip().splitlines()[-1].startswith("done") if out.strip() else 0
    assert done >= len(names) * 0.6, f"only {done} of {len(names)} programs ran to the end"


@pytest.mark.parametrize("i", range(6))
def test_programs_are_deterministic(tmp_path, i):
    src = gen.generate(f"det:{i}")
    a = run_standalone(src, tmp_path, "0")
    b = run_standalone(src, tmp_path, "0")
    c = run_standalone(src, tmp_path, "12345")
    assert a == b == c


def _exec_output(src):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            exec(compile(src, "<min>", "exec"), {"__name__": "__main__"})
        except Exception as e:        # noqa: BLE001
            print("exception", type(e).__name__)
    return buf.getvalue()


def test_minimiser_shrinks_with_injected_difference():
    # pick a program whose output shows a True; the "difference" is that it still does
    for i in range(50):
        src = gen.generate(f"min:{i}")
        if " True" in _exec_output(src):
            break
    else:
        pytest.fail("no program printed True")

    def interesting(s):
        return " True" in _exec_output(s)

    out, tests = minimize.minimize(src, interesting, max_tests=500, max_seconds=120)
    assert interesting(out)
    assert tests > 0
    assert len(out.splitlines()) * 4 < len(src.splitlines()), out
    compile(out, "<min>", "exec")


def test_minimiser_keeps_source_when_not_reproducible():
    src = "x = 1\nprint(x)\n"
    out, _ = minimize.minimize(src, lambda s: False, max_tests=10)
    assert out == src


FAKE_ALTER = r'''
import subprocess, sys
p = subprocess.run([{python!r}] + sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(p.stdout.replace(b" True", b" Tru3"))
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)
'''

# A stand-in "JIT" that segfaults when a generator function whose name starts with 'gen'
# is called; otherwise it behaves like python3.11 running the script.
FAKE_CRASH = r'''
import os, signal, sys
def prof(frame, event, arg):
    if event == "call" and frame.f_code.co_name.startswith("gen") \
            and frame.f_code.co_filename.endswith(".py") and "fz_" in frame.f_code.co_filename:
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
script = os.path.abspath(sys.argv[1])
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(script)
with open(script, encoding="utf-8") as fp:
    code = compile(fp.read(), script if "harness" in script else sys.argv[0], "exec")
ns = {"__name__": "__main__", "__file__": script}
sys.setprofile(prof)
try:
    exec(code, ns)
except SystemExit:
    raise
except BaseException as e:
    sys.__excepthook__(type(e), e, e.__traceback__.tb_next)
    sys.exit(1)
'''


def _fake(tmp_path, text):
    f = tmp_path / "fakejit.py"
    f.write_text("#!" + PYTHON + "\n" + text.replace("{python!r}", repr(PYTHON)))
    f.chmod(0o755)
    return str(f)


def test_identical_fake_jit_finds_nothing(tmp_path, capsys):
    fake = _fake(tmp_path, FAKE_ALTER.replace('b" Tru3"', 'b" True"'))
    rc = fuzz.main(["--fake-jit", fake, "-n", "6", "--batch", "3", "--jobs", "2",
                    "--seed", "same", "--save-dir", str(tmp_path / "found")])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "differences found:       0" in out
    assert not (tmp_path / "found").exists()


def test_known_difference_is_detected_and_minimised(tmp_path, capsys):
    fake = _fake(tmp_path, FAKE_ALTER)
    save = tmp_path / "found"
    rc = fuzz.main(["--fake-jit", fake, "-n", "8", "--batch", "4", "--jobs", "2",
                    "--seed", "alter", "--save-dir", str(save), "--max-minimize", "1",
                    "--min-tests", "300"])
    out = capsys.readouterr().out
    assert rc == 1, out
    assert "FINDING [stdout]" in out
    found = [p for p in save.glob("fuzz_*.py") if not p.name.endswith(".orig.py")]
    assert found
    minimised = [p for p in found
                 if len(p.read_text().splitlines()) * 3
                 < len(p.with_name(p.stem + ".orig.py").read_text().splitlines())]
    assert minimised, "no finding was minimised"
    p = minimised[0]
    text = p.read_text()
    assert text.startswith("# pyjit-corpus: fuzz-found (stdout")
    sys.path.insert(0, str(HERE.parent / "diff"))
    import corpus_lib
    hdr = corpus_lib.parse_header(p)
    assert hdr.description.startswith("fuzz-found (stdout")
    assert "Tru3" in p.with_suffix(".txt").read_text()
    # the saved program still shows the difference under the fake JIT
    runner = fuzz.Runner(None, PYTHON, jit_python=fake)
    s = runner.run_file(p, False)
    j = runner.run_file(p, True)
    assert fuzz.signature(s, j) == "stdout"


def test_crash_is_detected_and_minimised(tmp_path, capsys):
    fake = _fake(tmp_path, FAKE_CRASH)
    save = tmp_path / "found"
    # find a seed whose first batch calls a generator function
    rc = fuzz.main(["--fake-jit", fake, "-n", "4", "--batch", "4", "--jobs", "1",
                    "--seed", "crash", "--save-dir", str(save), "--max-minimize", "1",
                    "--min-tests", "300"])
    out = capsys.readouterr().out
    assert rc == 1, out
    assert "FINDING [crash:11]" in out, out
    crash = [l for l in out.splitlines() if l.startswith("FINDING [crash:11]")][0]
    path = Path(crash.split()[2])
    src = path.read_text()
    assert "def gen" in src
    assert len(src.splitlines()) < 40, src


# A stand-in "JIT" that alters the output only when a batch holds several programs:
# every difference it makes is a batch-only one.
FAKE_BATCH_ONLY = r'''
import subprocess, sys
p = subprocess.run([{python!r}] + sys.argv[1:], capture_output=True)
out = p.stdout
if sys.argv[1].endswith("harness.py") and len(sys.argv) > 3:
    out = out.replace(b" True", b" Tru3")
sys.stdout.buffer.write(out)
sys.stderr.buffer.write(p.stderr)
sys.exit(p.returncode)
'''


def test_batch_only_difference_is_reduced(tmp_path, capsys):
    fake = _fake(tmp_path, FAKE_BATCH_ONLY)
    save = tmp_path / "found"
    rc = fuzz.main(["--fake-jit", fake, "-n", "6", "--batch", "6", "--jobs", "1",
                    "--seed", "3", "--save-dir", str(save)])
    out = capsys.readouterr().out
    assert rc == 1, out
    assert "not reproduced alone:  0" not in out
    dirs = [d for d in save.iterdir() if d.is_dir()]
    assert dirs, out
    # reduced to the suspect plus one program before it (the fake needs two)
    assert all(len(list(d.glob("fz_*.py"))) == 2 for d in dirs)
