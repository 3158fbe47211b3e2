"""Differential tests: every tests/corpus/*.py program, stock CPython vs pyjit.

Each program runs twice from cwd=tests/corpus with a relative file name:

  stock:  $PYJIT_PYTHON prog.py
  JIT:    LD_PRELOAD=$PYJIT_BUILD_DIR/lib/libpyjit.so PYJIT_THRESHOLD=0
          PYJIT_STATS_FILE=<tmp>.json $PYJIT_PYTHON prog.py

and the test asserts that stdout, stderr and the exit status are byte-for-byte
identical, that the exit status is the one declared by '# pyjit-exit:'
(default 0), that every '# pyjit-compiled:' qualname appears in the stats
file's "functions" list (with a filename ending in the program's name) and that
no '# pyjit-not-compiled:' qualname does ('<module>' and class names declare
module and class bodies).

A third, stock run under a recorder (corpus_lib.record_executed, a C-level
profiler) lists the program's code objects that were executed.  The "eligible"
ones are functions, lambdas and comprehensions -- not module or class bodies --
that use no excluded opcode and are no generators/coroutines; the compiled share
is the fraction of eligible functions that appear in the JIT's stats
"functions".  test_compiled_share, which runs after every program, fails if the
share over all programs run is below MIN_COMPILED_SHARE; the session summary
(conftest.py) prints it with the eligible functions that were not compiled.

Environment:
  PYJIT_BUILD_DIR  build directory (default <repo>/build); if
                   lib/libpyjit.so is missing there every test is skipped.
  PYJIT_PYTHON     interpreter (default /usr/bin/python3.11).
  PYJIT_TEST_PRELOAD  libraries put before libpyjit.so in LD_PRELOAD of the JIT
                   run (the sanitizer runtime of an ASan build).
  PYJIT_TEST_JOBS  how many programs run at the same time (default: the number
                   of CPUs).  The three runs of every selected program are
                   started in the background when the first test needs them;
                   each test waits for its own program, so results and failures
                   are reported in the usual order.
"""

import difflib
import json
import os
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import corpus_lib as cl

PROGRAMS = cl.corpus_programs()
MAX_DIFF_LINES = 80
MIN_COMPILED_SHARE = 0.95


def _jit_lib():
    return cl.build_dir() / "lib" / "libpyjit.so"


@pytest.fixture(scope="session")
def jit_lib(note_skip):
    lib = _jit_lib()
    if not lib.is_file():
        reason = (f"JIT not built: {lib} does not exist "
                  f"(set PYJIT_BUILD_DIR to the build directory)")
        note_skip(reason)
        pytest.skip(reason)
    py = cl.python_exe()
    if not os.access(py, os.X_OK):
        reason = f"interpreter {py} not found (set PYJIT_PYTHON)"
        note_skip(reason)
        pytest.skip(reason)
    return lib


class Run:
    def __init__(self, stdout, stderr, returncode, timed_out=False):
        self.stdout = stdout
        self.stderr = stderr
        self.returncode = returncode
        self.timed_out = timed_out


def _run(prog, env):
    try:
        p = subprocess.run([cl.python_exe(), prog.name], cwd=str(prog.parent), env=env,
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=cl.RUN_TIMEOUT_S)
        return Run(p.stdout, p.stderr, p.returncode)
    except subprocess.TimeoutExpired as e:
        return Run(e.stdout or b"", e.stderr or b"", None, timed_out=True)


def _describe_status(rc):
    if rc is None:
        return f"timed out after {cl.RUN_TIMEOUT_S}s"
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name} ({rc})"
        except ValueError:
            return f"killed by signal {-rc}"
    return f"exit status {rc}"


def _diff(stream, stock, jit):
    a = stock.decode("utf-8", "replace").splitlines(keepends=True)
    b = jit.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, f"{stream} (stock)", f"{stream} (pyjit)", n=3))
    if not lines and stock != jit:
        # Differences invisible after decoding/line splitting (e.g. bytes, a
        # missing final newline): show the raw reprs around the first mismatch.
        i = next((k for k in range(min(len(stock), len(jit))) if stock[k] != jit[k]),
                 min(len(stock), len(jit)))
        return (f"--- {stream} differs at byte {i} (stock {len(stock)} bytes, "
                f"pyjit {len(jit)} bytes)\n"
                f"    stock: {stock[max(0, i - 40):i + 40]!r}\n"
                f"    pyjit: {jit[max(0, i - 40):i + 40]!r}\n")
    if len(lines) > MAX_DIFF_LINES:
        extra = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + [f"... ({extra} more diff lines)\n"]
    return "".join(l if l.endswith("\n") else l + "\n\\ No newline at end of file\n"
                   for l in lines)


def _compiled_functions(stats, prog):
    """(qualname, firstlineno) of every code object of *prog* the JIT compiled."""
    keys = set()
    for fn in stats.get("functions", []) or []:
        if not isinstance(fn, dict):
            continue
        filename = str(fn.get("filename", ""))
        if filename == prog.name or filename.endswith(os.sep + prog.name) \
                or filename.endswith("/" + prog.name):
            keys.add((fn.get("qualname"), fn.get("firstlineno")))
    return keys


class ProgramRuns:
    """The stock, JIT and recording runs of one program."""
    def __init__(self, stock, jit, recording, stats_file, jit_seconds):
        self.stock = stock
        self.jit = jit
        self.recording = recording      # corpus_lib.Recording, or the RuntimeError
        self.stats_file = stats_file
        self.jit_seconds = jit_seconds


def _run_program(prog, jit_lib, workdir):
    stats_file = Path(workdir) / "pyjit-stats.json"
    stock_env = cl.base_env()
    jit_env = cl.base_env()
    # PYJIT_TEST_PRELOAD: libraries that must come first (the sanitizer runtime of an
    # ASan build, see `make asan`).
    jit_env["LD_PRELOAD"] = (os.environ.get("PYJIT_TEST_PRELOAD", "") + " " + str(jit_lib)).strip()
    jit_env["PYJIT_THRESHOLD"] = "0"
    jit_env["PYJIT_STATS_FILE"] = str(stats_file)

    stock = _run(prog, stock_env)
    t0 = time.monotonic()
    jit = _run(prog, jit_env)
    jit_seconds = time.monotonic() - t0
    try:
        recording = cl.record_executed(prog)
    except RuntimeError as e:
        recording = e
    return ProgramRuns(stock, jit, recording, stats_file, jit_seconds)


class Prefetcher:
    """Runs the selected programs PYJIT_TEST_JOBS at a time, in collection order."""
    def __init__(self, programs, jit_lib, workdir):
        jobs = int(os.environ.get("PYJIT_TEST_JOBS", "0") or 0) or os.cpu_count() or 1
        self.jit_lib = jit_lib
        self.workdir = workdir
        self.pool = ThreadPoolExecutor(max_workers=max(1, jobs),
                                       thread_name_prefix="corpus")
        self.futures = {}
        for prog in programs:
            self._submit(prog)

    def _submit(self, prog):
        if prog not in self.futures:
            d = tempfile.mkdtemp(prefix=prog.stem + "-", dir=self.workdir)
            self.futures[prog] = self.pool.submit(_run_program, prog, self.jit_lib, d)
        return self.futures[prog]

    def get(self, prog):
        return self._submit(prog).result()

    def close(self):
        self.pool.shutdown(wait=False, cancel_futures=True)


@pytest.fixture(scope="session")
def program_runs(jit_lib, selected_programs, tmp_path_factory):
    pf = Prefetcher(selected_programs, jit_lib, tmp_path_factory.mktemp("corpus-runs"))
    yield pf
    pf.close()


@pytest.mark.parametrize("prog", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_program(prog, jit_lib, corpus_results, program_runs):
    hdr = cl.parse_header(prog)
    runs = program_runs.get(prog)
    stock, jit, recording, stats_file = runs.stock, runs.jit, runs.recording, runs.stats_file

    problems = []      # one-line summaries
    details = []       # full diffs / context

    # --- stock run must match the header (otherwise the corpus is wrong) -----
    if stock.returncode != hdr.exit_status:
        problems.append(f"stock run: {_describe_status(stock.returncode)}, header expects "
                        f"exit status {hdr.exit_status} (corpus bug?)")
        details.append("stock stderr:\n" + stock.stderr.decode("utf-8", "replace")[-3000:])

    # --- differential comparison ----------------------------------------------
    if jit.returncode != stock.returncode:
        problems.append(f"exit status differs: stock {_describe_status(stock.returncode)}, "
                        f"pyjit {_describe_status(jit.returncode)}")
    elif jit.returncode != hdr.exit_status:
        problems.append(f"pyjit run: {_describe_status(jit.returncode)}, expected "
                        f"{hdr.exit_status}")
    for stream in ("stdout", "stderr"):
        s, j = getattr(stock, stream), getattr(jit, stream)
        if s != j:
            problems.append(f"{stream} differs")
            details.append(_diff(stream, s, j))

    # --- which functions were compiled ---------------------------------------
    stats = None
    if stats_file.is_file():
        try:
            stats = json.loads(stats_file.read_text(encoding="utf-8"))
        except ValueError as e:
            problems.append(f"stats file {stats_file.name} is not valid JSON: {e}")
    else:
        problems.append("pyjit did not write PYJIT_STATS_FILE")
    compiled_keys = _compiled_functions(stats, prog) if isinstance(stats, dict) else set()
    compiled = {qn for qn, _ in compiled_keys}
    missing = [q for q in hdr.compiled if q not in compiled]
    wrong = [q for q in hdr.not_compiled if q in compiled]
    if stats is not None and missing:
        reasons = (stats.get("fallbacks") or {}) if isinstance(stats, dict) else {}
        problems.append(f"declared pyjit-compiled but not compiled: {', '.join(missing)}")
        details.append(f"JIT fallback reasons for this program: {reasons}")
    if wrong:
        problems.append(f"declared pyjit-not-compiled but compiled: {', '.join(wrong)}")

    # --- compiled share: executed eligible functions the JIT compiled ----------
    eligible = missed = None
    if isinstance(recording, RuntimeError):
        problems.append(f"could not record the executed functions: {recording}")
    elif isinstance(stats, dict):
        eligible = sorted({cl.code_key(co) for co in recording.codes if cl.is_eligible(co)},
                          key=lambda k: (k[1], k[0]))
        missed = [k for k in eligible if k not in compiled_keys]

    st = stats if isinstance(stats, dict) else {}
    corpus_results.append({
        "program": prog.name,
        "ok": not problems,
        "problems": problems,
        "have_stats": isinstance(stats, dict),
        "declared_compiled": len(hdr.compiled),
        "found_compiled": len(hdr.compiled) - len(missing) if isinstance(stats, dict) else 0,
        "declared_not_compiled": len(hdr.not_compiled),
        "wrongly_compiled": len(wrong),
        "stats_compiled": int(st.get("compiled", 0) or 0),
        "stats_failed": int(st.get("failed", 0) or 0),
        "stats_fallbacks": {str(k): int(v) for k, v in (st.get("fallbacks") or {}).items()},
        "stats_deopts": int(st.get("deopts", 0) or 0),
        "stats_deopt_reasons": {str(k): int(v) for k, v in (st.get("deopt_reasons") or {}).items()},
        "stats_compile_time_s": float(st.get("compile_time_s", 0.0) or 0.0),
        "stats_code_bytes": int(st.get("code_bytes", 0) or 0),
        # None when unknown (no stats file or no recording)
        "eligible": None if eligible is None else len(eligible),
        "eligible_compiled": None if eligible is None else len(eligible) - len(missed),
        "eligible_missed": [f"{qn}:{line}" for qn, line in (missed or [])],
        "jit_seconds": runs.jit_seconds,
    })

    if problems:
        msg = [f"{prog.name}: " + "; ".join(problems)]
        if jit.timed_out or stock.timed_out:
            msg.append(f"(timeout {cl.RUN_TIMEOUT_S}s: stock={stock.timed_out}, "
                       f"pyjit={jit.timed_out})")
        msg += details
        msg.append(f"reproduce: cd {prog.parent} && LD_PRELOAD={jit_lib} PYJIT_THRESHOLD=0 "
                   f"PYJIT_STATS_FILE=/tmp/s.json {cl.python_exe()} {prog.name}")
        pytest.fail("\n".join(msg), pytrace=False)


def test_compiled_share(corpus_results):
    """Runs after every program: the share of executed eligible functions that
    the JIT compiled, over all programs run, must reach MIN_COMPILED_SHARE."""
    known = [r for r in corpus_results if r.get("eligible") is not None]
    if not known:
        pytest.skip("no corpus program was run with stats and a recording")
    eligible = sum(r["eligible"] for r in known)
    compiled = sum(r["eligible_compiled"] for r in known)
    share = compiled / eligible if eligible else 1.0
    if share < MIN_COMPILED_SHARE:
        worst = sorted(known, key=lambda r: r["eligible_compiled"] - r["eligible"])[:15]
        lines = [f"compiled share {100 * share:.1f}% ({compiled} of {eligible} executed "
                 f"eligible functions in {len(known)} programs) is below "
                 f"{100 * MIN_COMPILED_SHARE:.0f}%; most misses:"]
        for r in worst:
            if r["eligible_missed"]:
                lines.append(f"  {r['program']}: {r['eligible_compiled']}/{r['eligible']} "
                             f"(not compiled: {', '.join(r['eligible_missed'][:10])}"
                             f"{', ...' if len(r['eligible_missed']) > 10 else ''})")
        pytest.fail("\n".join(lines), pytrace=False)
