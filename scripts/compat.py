#!/usr/bin/python3.11
"""CPython's own regression suite, under stock python3.11 and under pyjit.

    scripts/compat.py [--full] [--build DIR] [-j N] [tests...]

Runs the tests twice with Debian's libpython3.11-testsuite: once with the stock
interpreter, once with libpyjit.so preloaded into every process with every function
compiled at its first call (PYJIT=1 PYJIT_THRESHOLD=0; LLVM at PYJIT_OPT=0 unless --opt
says otherwise: regrtest starts a process per test module, each compiling thousands of
functions, and LLVM's optimisations would multiply that time by about 9).  Compares the two runs test case
by test case (regrtest's JUnit XML) and test module by test module (regrtest's summary),
prints what fails only under the JIT, and the share of the functions that ran which were
compiled (from a statistics file per process).  Exit status 1 when anything passes on
stock and fails under pyjit, or when the JIT run did not compile anything.

The fast subset (default) covers the core language; --full runs the whole suite.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

PYTHON = "/usr/bin/python3.11"
TESTDIR = "/usr/lib/python3.11/test"

# The core language, and the library modules that exercise it hardest.
FAST = """
test_grammar test_generators test_coroutines test_asyncgen test_exceptions
test_exception_group test_except_star test_with test_contextlib test_contextlib_async
test_scope test_class test_descr test_super test_patma test_sys_settrace test_frame
test_traceback test_itertools test_functools test_dataclasses test_enum test_typing
test_dict test_list test_set test_int test_float test_long test_math test_unicode
test_string test_re test_json test_pickle test_listcomps test_setcomps test_dictcomps
test_genexps test_unpack test_unpack_ex test_keywordonlyarg test_positional_only_arg
test_weakref test_gc test_threading test_signal test_raise test_opcodes test_compile
test_builtin test_iter test_tuple test_bool test_augassign test_dictviews test_property
test_abc test_collections test_copy test_operator test_sort test_richcmp test_format
test_fstring test_string_literals test_bisect test_heapq test_decorators test_funcattrs
test_types test_inspect test_sys test_isinstance test_named_expressions
test_syntax test_peepholer test_statistics test_fractions test_decimal
test_asyncio.test_tasks test_asyncio.test_locks test_asyncio.test_queues
test_asyncio.test_futures test_asyncio.test_pep492 test_asyncio.test_taskgroups
""".split()

# Test cases that cannot pass when every function is compiled at its first call, each with
# its reason.  They are reported on their own line, not as failures.  Keep this list short
# and every entry explained in docs/user-guide.md ("Known differences").
BY_DESIGN = [
    (re.compile(r"^test\.test_dis\.Dis(WithFile)?Tests\."
                r"test_(loop_quicken|super_instructions|show_caches)$"),
     "reads the bytecode the adaptive interpreter quickened and specialised while running "
     "the function (dis adaptive=True); a function compiled at its first call never runs "
     "in the interpreter, so its bytecode stays as compiled"),
]


def by_design(case):
    for pattern, why in BY_DESIGN:
        if pattern.match(case):
            return why
    return None


def ensure_testsuite():
    if os.path.exists(os.path.join(TESTDIR, "regrtest.py")) and os.path.exists(
        os.path.join(TESTDIR, "test_grammar.py")
    ):
        return
    print("compat: installing Debian's libpython3.11-testsuite", flush=True)
    sudo = [] if os.getuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = sudo + ["apt-get", "install", "-y", "--no-install-recommends", "libpython3.11-testsuite"]
    if subprocess.call(cmd, env=env) != 0:
        subprocess.check_call(sudo + ["apt-get", "update"], env=env)
        subprocess.check_call(cmd, env=env)


SUMMARY = re.compile(
    r"^(\d+) tests? (failed|skipped|altered the execution environment|"
    r"failed again|run no tests|crashed|skipped \(resource denied\)|"
    r"omitted|interrupted)[^:]*:\s*$"
)


def parse_summary(text):
    """Module-level outcome from regrtest's closing summary: {module: kind}."""
    out = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = SUMMARY.match(lines[i].strip())
        if m and not lines[i].startswith(" "):
            kind = m.group(2)
            i += 1
            while i < len(lines) and lines[i].startswith("    "):
                for name in lines[i].split():
                    out[name] = kind
                i += 1
            continue
        i += 1
    return out


def parse_junit(path):
    """{test case id: 'pass' | 'fail' | 'error' | 'skip'} from regrtest's JUnit XML."""
    res = {}
    if not os.path.exists(path):
        return res
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return res
    for tc in root.iter("testcase"):
        name = tc.get("name")
        if not name:  # (regrtest writes a nameless case for a module that failed to load)
            continue
        kind = "pass"
        for child in tc:
            if child.tag in ("failure", "error"):
                kind = "fail" if child.tag == "failure" else "error"
                break
            if child.tag == "skipped":
                kind = "skip"
        res[name] = kind
    return res


def load(label, outdir, wall=None):
    """A run's results from its files in `outdir` (wall time from regrtest's summary)."""
    xml = os.path.join(outdir, label + ".xml")
    log = os.path.join(outdir, label + ".log")
    text = open(log, errors="replace").read()
    if wall is None:
        m = re.search(r"^Total duration: (?:(\d+) hours? ?)?(?:(\d+) min ?)?(?:(\d+) sec)?",
                      text, re.M)
        wall = sum(int(g or 0) * k for g, k in zip(m.groups(), (3600, 60, 1))) if m else 0.0
    return {"wall": wall, "cases": parse_junit(xml), "modules": parse_summary(text), "log": log}


def run(label, tests, jobs, env, outdir, timeout):
    xml = os.path.join(outdir, label + ".xml")
    log = os.path.join(outdir, label + ".log")
    cmd = [PYTHON, "-m", "test", "-j", str(jobs), "--junit-xml", xml, "--timeout", str(timeout)]
    cmd += tests
    cwd = tempfile.mkdtemp(prefix="pyjit-compat-cwd-")
    t0 = time.monotonic()
    with open(log, "w") as f:
        rc = subprocess.call(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
    wall = time.monotonic() - t0
    shutil.rmtree(cwd, ignore_errors=True)
    return dict(load(label, outdir, wall), rc=rc)


def module_by_design(mod, cases):
    """Whether every case of `mod` that failed is one of BY_DESIGN (and some failed)."""
    failed = [n for n, k in cases.items()
              if k in ("fail", "error") and (n.startswith(mod + ".") or
                                             n.startswith("test." + mod + "."))]
    # (a case whose subtest failed has no name in the XML, so cannot be checked here; when
    # it is not BY_DESIGN it still shows as a missing case)
    return bool(failed) and all(by_design(n) for n in failed)


def counts(cases):
    c = {"run": 0, "pass": 0, "fail": 0, "error": 0, "skip": 0}
    for k in cases.values():
        c[k] += 1
        if k != "skip":
            c["run"] += 1
    return c


def jit_stats(statdir):
    tot = {"processes": 0, "compiled": 0, "failed": 0, "recompiles": 0, "codes_seen": 0,
           "bodies_interpreted": 0, "deopts": 0, "error_exits": 0, "compile_time_s": 0.0}
    fallbacks = {}
    for p in glob.glob(os.path.join(statdir, "stats-*.json")):
        try:
            d = json.load(open(p))
        except (OSError, ValueError):
            continue
        tot["processes"] += 1
        for k in tot:
            if k in d:
                tot[k] += d[k]
        for k, v in d.get("fallbacks", {}).items():
            fallbacks[k] = fallbacks.get(k, 0) + v
    return tot, fallbacks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--full", action="store_true", help="the whole regression suite")
    ap.add_argument("--build", default="build", help="pyjit's build directory")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2, help="worker processes")
    ap.add_argument("--timeout", type=int, default=1200, help="seconds per test module")
    ap.add_argument("--out", default=None, help="directory for logs (default: a temp dir)")
    ap.add_argument("--opt", type=int, default=0,
                    help="PYJIT_OPT of the JIT run (default 0: LLVM without optimisation, about "
                         "9x faster to compile; the IR, lowering and runtime are the same)")
    ap.add_argument("--jit-only", action="store_true", help="skip the stock run (quick check)")
    ap.add_argument("--report", metavar="DIR", default=None,
                    help="compare the runs already in DIR (an earlier --out) without running")
    ap.add_argument("tests", nargs="*", help="test modules (default: the fast subset)")
    args = ap.parse_args()
    if args.report:
        stock = load("stock", args.report) if os.path.exists(
            os.path.join(args.report, "stock.log")) else None
        return report(stock, load("jit", args.report), os.path.join(args.report, "stats"))

    ensure_testsuite()
    lib = os.path.abspath(os.path.join(args.build, "lib", "libpyjit.so"))
    if not os.path.exists(lib):
        sys.exit("compat: %s not found; run `make build` first" % lib)
    tests = args.tests or ([] if args.full else FAST)
    outdir = args.out or tempfile.mkdtemp(prefix="pyjit-compat-")
    os.makedirs(outdir, exist_ok=True)
    statdir = os.path.join(outdir, "stats")
    os.makedirs(statdir, exist_ok=True)

    # (PYTHON* variables too: PYTHONUNBUFFERED or PYTHONDONTWRITEBYTECODE set by a CI
    # machine make test_cmd_line and test_compileall fail on stock and under pyjit alike,
    # which hides those tests from the comparison)
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("PYJIT", "PYTHON")) and k != "LD_PRELOAD"}
    what = "%d test modules" % len(tests) if tests else "the whole suite"
    print("compat: %s, %d workers, PYJIT_OPT=%d, logs in %s" % (what, args.j, args.opt, outdir),
          flush=True)
    stock = None
    if not args.jit_only:
        stock = run("stock", tests, args.j, base, outdir, args.timeout)
        print("compat: stock run %.0f s" % stock["wall"], flush=True)
    # A sanitizer build (make sanitize): its runtimes must come first in LD_PRELOAD.
    first = os.environ.get("PYJIT_TEST_PRELOAD", "").strip()
    jenv = dict(base, LD_PRELOAD=(first + " " + lib).strip(), PYJIT="1", PYJIT_THRESHOLD="0", PYJIT_OPT=str(args.opt),
                PYJIT_STATS_FILE=os.path.join(statdir, "stats-%p.json"))
    jit = run("jit", tests, args.j, jenv, outdir, args.timeout)
    print("compat: JIT run %.0f s" % jit["wall"], flush=True)
    return report(stock, jit, statdir)


def report(stock, jit, statdir):
    print()
    print("| run | wall s | test cases run | passed | failed | errors | skipped | modules not OK |")
    print("|---|---|---|---|---|---|---|---|")
    for label, r in (("stock", stock), ("pyjit", jit)):
        if r is None:
            continue
        c = counts(r["cases"])
        print("| %s | %.0f | %d | %d | %d | %d | %d | %d |" % (
            label, r["wall"], c["run"], c["pass"], c["fail"], c["error"], c["skip"],
            len([m for m, k in r["modules"].items() if "skipped" not in k])))

    regressions = []
    designed = []
    if stock is not None:
        for name, k in sorted(jit["cases"].items()):
            if k in ("fail", "error") and stock["cases"].get(name) == "pass":
                if by_design(name):
                    designed.append(name)
                else:
                    regressions.append("case   " + name)
        for name, k in sorted(stock["cases"].items()):
            if k == "pass" and name not in jit["cases"]:
                # passed on stock, did not run under the JIT: its module crashed or timed
                # out; or a subtest failed (regrtest writes such a case without its name)
                if by_design(name):
                    designed.append(name)
                else:
                    regressions.append("missing " + name)
        for mod, k in sorted(jit["modules"].items()):
            if "skipped" in k or k == "run no tests":
                continue
            if mod not in stock["modules"] and not module_by_design(mod, jit["cases"]):
                regressions.append("module %s (%s)" % (mod, k))
    else:
        for mod, k in sorted(jit["modules"].items()):
            if "skipped" not in k:
                regressions.append("module %s (%s)" % (mod, k))

    st, fallbacks = jit_stats(statdir)
    distinct = st["compiled"] - st["recompiles"]
    share = 100.0 * distinct / st["codes_seen"] if st["codes_seen"] else 0.0
    print()
    print("pyjit in %d processes: %d functions ran, %d compiled (%.2f%%), %d fell back; "
          "%d runs of module/class bodies without a loop stayed in the interpreter; "
          "%d deopts, %d error exits, %.0f s compiling" % (
              st["processes"], st["codes_seen"], distinct, share, st["failed"],
              st["bodies_interpreted"], st["deopts"], st["error_exits"], st["compile_time_s"]))
    for k, v in sorted(fallbacks.items(), key=lambda kv: -kv[1]):
        print("  fallback %-50s %d" % (k, v))
    print()
    if designed:
        print("by design: %d cases fail only under pyjit, as documented (scripts/compat.py "
              "BY_DESIGN):" % len(designed))
        for name in sorted(designed):
            print("  %s: %s" % (name, by_design(name)))
        print()
    if regressions:
        print("FAIL: %d failing only under pyjit:" % len(regressions))
        for r in regressions:
            print("  " + r)
    elif st["compiled"] == 0:
        print("FAIL: nothing was compiled: the JIT was not on")
    else:
        print("OK: nothing fails under pyjit that passes on stock")
    return 1 if regressions or st["compiled"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
