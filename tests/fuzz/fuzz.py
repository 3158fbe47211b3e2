#!/usr/bin/python3.11
"""Differential fuzzer: random programs, stock python3.11 vs pyjit, byte for byte.

  /usr/bin/python3.11 tests/fuzz/fuzz.py --build BUILD -n N [--seed S] [--jobs J]
        [--opt 0|2|both] [--batch K] [--save-dir DIR] [--no-minimize]
  /usr/bin/python3.11 tests/fuzz/fuzz.py --replay S:I        print program I of seed S
  /usr/bin/python3.11 tests/fuzz/fuzz.py --build BUILD --check FILE.py   one program
  /usr/bin/python3.11 tests/fuzz/fuzz.py --build BUILD --promote         found -> corpus

Programs come from gen.py (program I of seed S is generate("S:I"), file name
fz_S_I.py).  K of them run in one process pair through harness.py: once on stock
python3.11, once under LD_PRELOAD=BUILD/lib/libpyjit.so PYJIT_THRESHOLD=0 (every
function compiled at its first call) with PYJIT_OPT set, both with PYTHONHASHSEED=0.  A
batch whose stdout, stderr or exit status differ has its differing programs (and, after
a crash, the first one that did not finish) re-run one by one as standalone files, the
way the corpus runs them; a program that still differs -- and is deterministic on stock
under two hash seeds -- is a finding: it is minimised (minimize.py) and saved to the
save directory as fuzz_<hash>.py (minimised, with the corpus header),
fuzz_<hash>.orig.py (the full program) and fuzz_<hash>.txt (what differed).

Exit status: 0 if no difference was found, 1 if one was (also one only a batch shows),
2 on a usage/setup error.
See README.md.
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import gen        # noqa: E402
import minimize   # noqa: E402

HARNESS = HERE / "harness.py"
MARK = "\x1e"
DEFAULT_PYTHON = "/usr/bin/python3.11"
STOCK_BATCH_TIMEOUT = 300
JIT_BATCH_TIMEOUT = 900
SINGLE_TIMEOUT = 120


def prog_name(seed, index):
    return f"fz_{seed}_{index}.py"


def program(seed, index):
    return prog_name(seed, index), gen.generate(f"{seed}:{index}")


class Result:
    def __init__(self, rc, stdout, stderr, timed_out=False, stats=None, seconds=0.0):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out
        self.stats = stats
        self.seconds = seconds

    def key(self):
        return (self.rc, self.stdout, self.stderr, self.timed_out)


def describe_status(r):
    if r.timed_out:
        return "timed out"
    if r.rc < 0:
        try:
            return f"killed by {signal.Signals(-r.rc).name}"
        except ValueError:
            return f"killed by signal {-r.rc}"
    return f"exit {r.rc}"


def signature(stock, jit):
    """The kind of a difference, kept while minimising ('' = no difference)."""
    if stock.key() == jit.key():
        return ""
    if jit.timed_out:
        return "hang"
    if jit.rc < 0:
        return f"crash:{-jit.rc}"
    if jit.rc != stock.rc:
        return "exit"
    if jit.stdout != stock.stdout:
        return "stdout"
    return "stderr"


class Runner:
    """Runs commands on stock Python and under pyjit."""

    def __init__(self, build, python=DEFAULT_PYTHON, jit_python=None, preload="",
                 threshold="0"):
        self.build = Path(build) if build else None
        self.python = python
        self.jit_python = jit_python or python      # tests substitute a fake "JIT"
        self.lib = self.build / "lib" / "libpyjit.so" if self.build else None
        self.preload = preload
        self.threshold = str(threshold)

    def env(self, jit, opt=None, stats_file=None, hashseed="0"):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("PYJIT") and k not in ("LD_PRELOAD", "PYTHONPATH")}
        for k in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONWARNINGS", "PYTHONDEVMODE",
                  "PYTHONTRACEMALLOC", "PYTHONFAULTHANDLER", "PYTHONBREAKPOINT"):
            env.pop(k, None)
        env["PYTHONHASHSEED"] = str(hashseed)
        env["PYTHONIOENCODING"] = "utf-8"
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        if jit:
            if self.lib is not None:
                env["LD_PRELOAD"] = (self.preload + " " + str(self.lib)).strip()
            env["PYJIT_THRESHOLD"] = self.threshold
            env["PYJIT_CRASH_REPORT"] = "0"
            if opt is not None:
                env["PYJIT_OPT"] = str(opt)
            if stats_file:
                env["PYJIT_STATS_FILE"] = str(stats_file)
        return env

    def run(self, args, cwd, jit, opt=None, timeout=SINGLE_TIMEOUT, hashseed="0"):
        stats_file = None
        if jit:
            fd, stats_file = tempfile.mkstemp(prefix="pyjit-fuzz-", suffix=".json")
            os.close(fd)
            os.unlink(stats_file)
        exe = self.jit_python if jit else self.python
        t0 = time.monotonic()
        try:
            p = subprocess.run([exe] + list(args), cwd=str(cwd),
                               env=self.env(jit, opt, stats_file, hashseed),
                               stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
            res = Result(p.returncode, p.stdout, p.stderr)
        except subprocess.TimeoutExpired as e:
            res = Result(None, e.stdout or b"", e.stderr or b"", timed_out=True)
        res.seconds = time.monotonic() - t0
        if stats_file:
            try:
                with open(stats_file, encoding="utf-8") as fp:
                    res.stats = json.load(fp)
            except (OSError, ValueError):
                res.stats = None
            try:
                os.unlink(stats_file)
            except OSError:
                pass
        return res

    def run_file(self, path, jit, opt=None, timeout=SINGLE_TIMEOUT, hashseed="0"):
        path = Path(path)
        return self.run([path.name], path.parent, jit, opt, timeout, hashseed)

    def compare_source(self, src, name, opt, workdir, timeout=SINGLE_TIMEOUT):
        """Run src standalone on stock and under the JIT, as workdir/run-<name>/<name>:
        the same path every time (tracebacks show it)."""
        f = single_path(workdir, name)
        f.write_text(src, encoding="utf-8")
        stock = self.run_file(f, False, timeout=timeout)
        jit = self.run_file(f, True, opt, timeout=timeout * 3)
        return stock, jit


def single_path(workdir, name):
    d = Path(workdir) / f"run-{name[:-3]}"
    d.mkdir(parents=True, exist_ok=True)
    return d / name


def compiled_functions(stats, prefix="fz_", names=None):
    """Entries of the stats "functions" list that belong to generated programs."""
    out = []
    for fn in (stats or {}).get("functions", []) or []:
        if not isinstance(fn, dict):
            continue
        base = os.path.basename(str(fn.get("filename", "")))
        if (names is not None and base in names) or (names is None and base.startswith(prefix)):
            out.append(fn)
    return out


def split_sections(out):
    """harness.py output -> {program name: bytes}, and the list of names in order."""
    sections = {}
    order = []
    text = out.split(MARK.encode())
    for chunk in text[1:]:
        name, _, body = chunk.partition(b"\n")
        name = name.decode("utf-8", "replace")
        sections[name] = body
        order.append(name)
    return sections, order


def text_diff(a, b, label, limit=60):
    la = a.decode("utf-8", "replace").splitlines(keepends=True)
    lb = b.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(la, lb, f"{label} (stock)", f"{label} (pyjit)", n=2))
    if not lines and a != b:
        return f"{label}: differs in bytes not visible in a line diff\n"
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)\n"]
    return "".join(l if l.endswith("\n") else l + "\n" for l in lines)


def first_difference(stock, jit):
    """A one-line description: the first differing line of stdout/stderr, or the status."""
    if stock.rc != jit.rc or jit.timed_out:
        tail = jit.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return (f"stock {describe_status(stock)}, pyjit {describe_status(jit)}"
                f"{' (' + tail[0][:100] + ')' if tail[0] else ''}")
    for stream in ("stdout", "stderr"):
        a = getattr(stock, stream).decode("utf-8", "replace").splitlines()
        b = getattr(jit, stream).decode("utf-8", "replace").splitlines()
        for i in range(max(len(a), len(b))):
            x = a[i] if i < len(a) else "<missing>"
            y = b[i] if i < len(b) else "<missing>"
            if x != y:
                return f"{stream} line {i + 1}: stock {x[:100]!r} vs pyjit {y[:100]!r}"
    return "differs"


class Fuzzer:
    def __init__(self, args, runner):
        self.args = args
        self.runner = runner
        self.lock = threading.Lock()
        self.counts = dict(generated=0, run=0, batches=0, compiled=0, compiled_batches=0,
                           batches_without_compiles=0, differences=0, nondeterministic=0,
                           unreproduced=0, skipped=0, reruns=0, jit_seconds=0.0,
                           stock_seconds=0.0, minimised=0)
        self.findings = []
        self.workdir = Path(tempfile.mkdtemp(prefix="pyjit-fuzz-"))
        self.save_dir = Path(args.save_dir)
        self.stop = False

    def log(self, msg):
        with self.lock:
            print(msg, flush=True)

    def bump(self, **kw):
        with self.lock:
            for k, v in kw.items():
                self.counts[k] += v

    # --------------------------------------------------------------- batches
    def opt_for(self, batch_index):
        if self.args.opt == "both":
            return "0" if batch_index % 2 == 0 else "2"
        if self.args.opt == "mix":
            return "2" if batch_index % 4 == 3 else "0"
        return self.args.opt

    def run_batch(self, bi):
        a = self.args
        lo = a.start + bi * a.batch
        hi = min(a.start + a.n, lo + a.batch)
        progs = [program(a.seed, i) for i in range(lo, hi)]
        self.bump(generated=len(progs))
        self.run_programs(progs, self.opt_for(bi), f"batch {bi}")

    def run_programs(self, progs, opt, label):
        if not progs or self.stop:
            return
        d = Path(tempfile.mkdtemp(prefix="batch-", dir=self.workdir))
        try:
            for n, src in progs:
                (d / n).write_text(src, encoding="utf-8")
            argv = [str(HARNESS)] + [n for n, _ in progs]
            stock = self.runner.run(argv, d, False, timeout=STOCK_BATCH_TIMEOUT)
            if stock.timed_out or stock.rc != 0:
                # a generator problem, not the JIT's: split the batch to isolate it
                if len(progs) > 1:
                    self.log(f"{label}: stock batch {describe_status(stock)}; splitting it")
                    half = len(progs) // 2
                    self.run_programs(progs[:half], opt, label + "a")
                    self.run_programs(progs[half:], opt, label + "b")
                else:
                    self.log(f"{label}: {progs[0][0]} {describe_status(stock)} on stock; skipped")
                    self.bump(skipped=1)
                return
            jit = self.runner.run(argv, d, True, opt, timeout=JIT_BATCH_TIMEOUT)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        names = {n for n, _ in progs}
        ncomp = len(compiled_functions(jit.stats, names=names))
        self.bump(batches=1, stock_seconds=stock.seconds, jit_seconds=jit.seconds,
                  compiled=ncomp)
        if jit.stats is not None:
            self.bump(compiled_batches=1)
            if ncomp == 0:
                self.bump(batches_without_compiles=1)
                self.log(f"{label}: WARNING: the JIT compiled none of the programs' functions")
        if stock.key() == jit.key():
            self.bump(run=len(progs))
            if self.args.verbose:
                self.log(f"{label}: {len(progs)} programs, opt {opt}, {ncomp} functions "
                         f"compiled, stock {stock.seconds:.1f}s, jit {jit.seconds:.1f}s")
            return
        # ---- the batch differs: find the programs
        s_sec, order = split_sections(stock.stdout)
        j_sec, j_order = split_sections(jit.stdout)
        suspects = [n for n in order if n != "END" and s_sec.get(n) != j_sec.get(n)]
        finished = [n for n in j_order if n != "END"]
        if jit.rc != 0 or jit.timed_out:
            last = finished[-1] if finished else None
            if last and last not in suspects:
                suspects.append(last)
        self.log(f"{label}: batch differs (stock {describe_status(stock)}, pyjit "
                 f"{describe_status(jit)}, opt {opt}); re-running {len(suspects)} program(s) "
                 f"alone: {', '.join(suspects[:6])}{' ...' if len(suspects) > 6 else ''}")
        ok_count = sum(1 for n in order if n != "END" and n not in suspects and n in j_sec)
        self.bump(run=ok_count)
        src_of = dict(progs)
        for n in suspects:
            self.check_program(n, src_of[n], opt, origin=label,
                               before=[p for p in progs[:[m for m, _ in progs].index(n)]])
        # programs the crash (or hang) kept from running under the JIT: run them again
        if jit.rc != 0 or jit.timed_out:
            done = set(finished)
            rest = [(n, s) for n, s in progs if n not in done]
            if rest:
                self.run_programs(rest, opt, label + "+")

    # ------------------------------------------------------ single programs
    def check_program(self, name, src, opt, origin="", before=()):
        """Run one program standalone; if it differs, minimise and save it.  before: the
        programs that ran before it in its batch (for a difference only the batch shows)."""
        self.bump(reruns=1)
        stock, jit = self.runner.compare_source(src, name, opt, self.workdir)
        self.bump(run=1)
        sig = signature(stock, jit)
        if not sig:
            self.log(f"  {name}: no difference when run alone (batch interaction?)")
            self.bump(unreproduced=1)
            self.save_unreproduced(name, src, opt, origin, list(before))
            return
        if stock.timed_out:
            self.log(f"  {name}: stock run timed out; skipped")
            self.bump(skipped=1)
            return
        # nondeterminism of the program itself (a generator bug, not the JIT's)
        stock2 = self._stock_again(src, name)
        if stock2.key() != stock.key():
            self.log(f"  {name}: NONDETERMINISTIC on stock (generator bug); not a JIT finding")
            self.bump(nondeterministic=1)
            self.save(name, src, src, opt, stock, stock2, "nondeterministic", kind="nondet")
            return
        desc = first_difference(stock, jit)
        self.log(f"  {name}: DIFFERENCE [{sig}] {desc}")
        self.bump(differences=1)
        minimised = src
        if not self.args.no_minimize:
            with self.lock:
                allowed = self.counts["minimised"] < self.args.max_minimize
                if allowed:
                    self.counts["minimised"] += 1
            if allowed:
                minimised = self.minimise(name, src, opt, sig)
        m_stock, m_jit = self.runner.compare_source(minimised, name, opt, self.workdir)
        if signature(m_stock, m_jit) != sig:      # should not happen; keep the original
            minimised, m_stock, m_jit = src, stock, jit
        path = self.save(name, src, minimised, opt, m_stock, m_jit, sig)
        # the saved file (header added) must still show the difference
        h_stock = self.runner.run_file(path, False)
        h_jit = self.runner.run_file(path, True, opt)
        h_sig = signature(h_stock, h_jit)
        if h_sig != sig:
            self.log(f"  WARNING: {path.name} with its header shows {h_sig or 'no difference'}")
            with open(path.with_suffix(".txt"), "a", encoding="utf-8") as fp:
                fp.write(f"\nWARNING: the saved file (with its header) shows "
                         f"{h_sig or 'no difference'}; the .orig.py reproduces\n")
        self.findings.append((path, sig, first_difference(m_stock, m_jit), name, opt))

    def _stock_again(self, src, name):
        f = single_path(self.workdir, name)
        f.write_text(src, encoding="utf-8")
        return self.runner.run_file(f, False, hashseed="1")

    def minimise(self, name, src, opt, sig):
        t0 = time.monotonic()

        def interesting(candidate):
            stock, jit = self.runner.compare_source(candidate, name, opt, self.workdir,
                                                    timeout=20)
            if stock.timed_out:
                return False
            return signature(stock, jit) == sig

        out, tests = minimize.minimize(src, interesting, max_tests=self.args.min_tests,
                                       max_seconds=self.args.min_seconds, log=self.log)
        self.log(f"  {name}: minimised {len(src.splitlines())} -> {len(out.splitlines())} "
                 f"lines in {tests} tests, {time.monotonic() - t0:.0f}s")
        return out

    # ---------------------------------------------------------------- saving
    def header(self, name, src, opt, stock, jit, sig):
        """The corpus header for a minimised program."""
        stats = jit.stats
        quals = []
        if stats is not None:
            seen = set()
            for fn in compiled_functions(stats, names={name}):
                q = fn.get("qualname")
                if q and q not in seen:
                    seen.add(q)
                    quals.append(q)
        desc = first_difference(stock, jit).replace("\n", " ")
        lines = [f"# pyjit-corpus: fuzz-found ({sig}, PYJIT_OPT={opt}, {name}): {desc}"]
        if quals:
            lines.append(f"# pyjit-compiled: {', '.join(quals)}")
        if stock.rc:
            lines.append(f"# pyjit-exit: {stock.rc}")
        lines.append(f"# Found by tests/fuzz/fuzz.py (program {name}, generator seed "
                     f"{name[3:-3].replace('_', ':', 1)}); minimised.")
        if stats is None:
            lines.append("# (the pyjit run wrote no stats, so no pyjit-compiled list)")
        return "\n".join(lines) + "\n"

    def save(self, name, src, minimised, opt, stock, jit, sig, kind="fuzz"):
        self.save_dir.mkdir(parents=True, exist_ok=True)
        h = hashlib.sha1(minimised.encode()).hexdigest()[:8]
        stem = f"{kind}_{h}"
        hdr = self.header(name, minimised, opt, stock, jit, sig)
        # keep the program's own file name in tracebacks identical between the runs: the
        # header only adds lines at the top, which shifts line numbers equally for both
        (self.save_dir / f"{stem}.py").write_text(hdr + minimised, encoding="utf-8")
        (self.save_dir / f"{stem}.orig.py").write_text(src, encoding="utf-8")
        report = [f"program: {name} (regenerate: fuzz.py --replay "
                  f"{name[3:-3].replace('_', ':', 1)})",
                  f"PYJIT_OPT={opt}", f"kind: {sig}",
                  f"stock: {describe_status(stock)}, pyjit: {describe_status(jit)}",
                  f"first difference (minimised): {first_difference(stock, jit)}",
                  "", text_diff(stock.stdout, jit.stdout, "stdout"),
                  text_diff(stock.stderr, jit.stderr, "stderr")]
        (self.save_dir / f"{stem}.txt").write_text("\n".join(report), encoding="utf-8")
        path = self.save_dir / f"{stem}.py"
        self.log(f"  saved {path}")
        return path

    def batch_differs(self, progs, suspect, opt):
        """Does suspect's section differ when progs (ending with it) run as one batch?"""
        d = Path(tempfile.mkdtemp(prefix="reduce-", dir=self.workdir))
        try:
            for n, src in progs:
                (d / n).write_text(src, encoding="utf-8")
            argv = [str(HARNESS)] + [n for n, _ in progs]
            stock = self.runner.run(argv, d, False, timeout=STOCK_BATCH_TIMEOUT)
            jit = self.runner.run(argv, d, True, opt, timeout=JIT_BATCH_TIMEOUT)
        finally:
            shutil.rmtree(d, ignore_errors=True)
        s_sec, _ = split_sections(stock.stdout)
        j_sec, _ = split_sections(jit.stdout)
        return s_sec.get(suspect) != j_sec.get(suspect)

    def reduce_batch(self, before, name, src, opt, max_runs=40):
        """The fewest programs of `before` that, run ahead of `name` in one batch, still
        make its section differ (chunks removed greedily); None if the batch prefix does
        not reproduce."""
        last = (name, src)
        runs = 1
        if not self.batch_differs(list(before) + [last], name, opt):
            return None
        others = list(before)
        chunk = max(1, len(others) // 2)
        while chunk >= 1 and others and runs < max_runs:
            i = 0
            while i < len(others) and runs < max_runs:
                cand = others[:i] + others[i + chunk:]
                runs += 1
                if self.batch_differs(cand + [last], name, opt):
                    others = cand
                else:
                    i += chunk
            chunk //= 2
        return others + [last]

    def save_unreproduced(self, name, src, opt, origin, before=()):
        """A difference only a batch shows: keep the fewest batch programs that show it."""
        self.save_dir.mkdir(parents=True, exist_ok=True)
        reduced = self.reduce_batch(before, name, src, opt) if not self.args.no_minimize else None
        stem = f"batch_{name[:-3]}_opt{opt}"
        note = [f"{name} differed inside {origin} (PYJIT_OPT={opt}) but not when run alone."]
        if reduced:
            d = self.save_dir / stem
            d.mkdir(parents=True, exist_ok=True)
            for n, s in reduced:
                (d / n).write_text(s, encoding="utf-8")
            names = " ".join(n for n, _ in reduced)
            note += [f"These {len(reduced)} programs, run as one batch, still show it "
                     f"(in {d}):",
                     f"  cd {d} && python3.11 {HARNESS} {names}",
                     f"  cd {d} && LD_PRELOAD=<build>/lib/libpyjit.so PYJIT_THRESHOLD=0 "
                     f"PYJIT_OPT={opt} python3.11 {HARNESS} {names}"]
            self.log(f"  {name}: batch reduced to {len(reduced)} programs, saved in {d}")
        else:
            note.append("Re-running the batch prefix did not reproduce it (timing?). "
                        "Regenerate the batch with --seed/--start/--batch.")
        (self.save_dir / f"{stem}.txt").write_text("\n".join(note) + "\n", encoding="utf-8")

    # ------------------------------------------------------------------- run
    def run(self):
        a = self.args
        nbatches = (a.n + a.batch - 1) // a.batch
        t0 = time.monotonic()
        last_report = [t0]

        def progress():
            now = time.monotonic()
            if now - last_report[0] >= a.progress:
                last_report[0] = now
                c = self.counts
                self.log(f"[{now - t0:.0f}s] {c['run']} programs run, {c['batches']} batches, "
                         f"{c['compiled']} functions compiled, {c['differences']} differences")

        with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
            futures = [pool.submit(self.run_batch, bi) for bi in range(nbatches)]
            try:
                for f in concurrent.futures.as_completed(futures):
                    f.result()
                    progress()
            except KeyboardInterrupt:
                self.stop = True
                for f in futures:
                    f.cancel()
                self.log("interrupted")
        elapsed = time.monotonic() - t0
        shutil.rmtree(self.workdir, ignore_errors=True)
        c = self.counts
        print("=" * 70)
        print(f"seed {a.seed}, programs {a.start}..{a.start + a.n - 1}, batch {a.batch}, "
              f"jobs {a.jobs}, PYJIT_OPT {a.opt}, PYJIT_THRESHOLD {a.threshold}")
        print(f"programs generated:      {c['generated']}")
        print(f"programs run:            {c['run']}  (+{c['skipped']} skipped: stock timeout/failure)")
        print(f"batches:                 {c['batches']}  (re-runs of single programs: {c['reruns']})")
        print(f"functions compiled:      {c['compiled']}  (generated programs' code objects, "
              f"from the stats of {c['compiled_batches']} JIT batch runs)")
        print(f"differences found:       {c['differences']}")
        print(f"  not reproduced alone:  {c['unreproduced']}")
        print(f"  nondeterministic:      {c['nondeterministic']}  (generator bugs, not counted)")
        print(f"time:                    {elapsed:.1f}s  (stock {c['stock_seconds']:.0f}s, "
              f"pyjit {c['jit_seconds']:.0f}s of process time summed over workers); "
              f"{c['run'] / elapsed if elapsed else 0:.1f} programs/s")
        for path, sig, desc, name, opt in self.findings:
            print(f"FINDING [{sig}] {path} ({name}, PYJIT_OPT={opt}): {desc}")
        if c["batches_without_compiles"]:
            print(f"WARNING: {c['batches_without_compiles']} batches compiled no function")
        bad = c["differences"] > 0 or c["unreproduced"] > 0 or c["batches_without_compiles"] > 0 \
            or (c["batches"] and not c["compiled_batches"] and not a.fake_jit)
        return 1 if bad else 0


def promote(args, runner):
    """Copy found programs that no longer differ (both opt levels) into the corpus."""
    found = Path(args.save_dir)
    corpus = Path(args.corpus_dir)
    moved = 0
    for p in sorted(found.glob("fuzz_*.py")):
        if p.name.endswith(".orig.py"):
            continue
        diffs = []
        for opt in ("0", "2"):
            s = runner.run_file(p, False)
            j = runner.run_file(p, True, opt)
            if signature(s, j):
                diffs.append(opt)
        if diffs:
            print(f"{p.name}: still differs (PYJIT_OPT {', '.join(diffs)})")
        else:
            shutil.copy(p, corpus / p.name)
            print(f"{p.name}: passes now; copied to {corpus / p.name}")
            moved += 1
    print(f"{moved} program(s) promoted")
    return 0


def check_one(args, runner):
    p = Path(args.check).resolve()
    opts = ["0", "2"] if args.opt == "both" else [args.opt]
    rc = 0
    for opt in opts:
        s = runner.run_file(p, False)
        j = runner.run_file(p, True, opt)
        sig = signature(s, j)
        n = len(compiled_functions(j.stats, names={p.name}))
        print(f"PYJIT_OPT={opt}: {sig or 'identical'}; {n} functions compiled"
              + (f"; {first_difference(s, j)}" if sig else ""))
        if sig:
            print(text_diff(s.stdout, j.stdout, "stdout") + text_diff(s.stderr, j.stderr, "stderr"))
            rc = 1
    return rc


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", help="build directory (lib/libpyjit.so)")
    ap.add_argument("-n", type=int, default=100, help="number of programs")
    ap.add_argument("--seed", default="1", help="seed (any string without ':')")
    ap.add_argument("--start", type=int, default=0, help="index of the first program")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch", type=int, default=40, help="programs per process pair")
    ap.add_argument("--opt", default="mix", choices=["0", "1", "2", "3", "both", "mix"],
                    help="PYJIT_OPT of the JIT runs: a level, 'both' (batches alternate 0 "
                         "and 2) or 'mix' (default: every 4th batch 2, the others 0; -O2 "
                         "compiles about 9x slower)")
    ap.add_argument("--save-dir", default=str(HERE / "found"))
    ap.add_argument("--corpus-dir", default=str(REPO / "tests" / "corpus"))
    ap.add_argument("--threshold", default="0",
                    help="PYJIT_THRESHOLD of the JIT runs (default 0: every function compiled "
                         "at its first call; N > 0: compiled with the interpreter's type "
                         "feedback, in the background, after N calls)")
    ap.add_argument("--python", default=os.environ.get("PYJIT_PYTHON", DEFAULT_PYTHON))
    ap.add_argument("--no-minimize", action="store_true")
    ap.add_argument("--max-minimize", type=int, default=10,
                    help="minimise at most this many findings (the rest are saved whole)")
    ap.add_argument("--min-tests", type=int, default=400, help="minimiser test budget")
    ap.add_argument("--min-seconds", type=int, default=600, help="minimiser time budget")
    ap.add_argument("--progress", type=float, default=60.0, help="progress line every s")
    ap.add_argument("--fake-jit", help=argparse.SUPPRESS)   # tests: a stand-in "JIT" python
    ap.add_argument("--replay", metavar="SEED:INDEX", help="print one program and exit")
    ap.add_argument("--check", metavar="FILE", help="compare one program file and exit")
    ap.add_argument("--promote", action="store_true",
                    help="copy found programs that pass now into the corpus")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if ":" in args.seed:
        ap.error("--seed must not contain ':'")
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.replay:
        seed, _, index = args.replay.rpartition(":")
        print(gen.generate(f"{seed}:{int(index)}"), end="")
        return 0
    preload = os.environ.get("PYJIT_TEST_PRELOAD", "")
    if args.fake_jit:
        runner = Runner(None, args.python, jit_python=args.fake_jit)
    else:
        if not args.build:
            print("fuzz.py: --build BUILD is required", file=sys.stderr)
            return 2
        runner = Runner(args.build, args.python, preload=preload, threshold=args.threshold)
        if not runner.lib.is_file():
            print(f"fuzz.py: {runner.lib} does not exist", file=sys.stderr)
            return 2
    if args.check:
        return check_one(args, runner)
    if args.promote:
        return promote(args, runner)
    return Fuzzer(args, runner).run()


if __name__ == "__main__":
    sys.exit(main())
