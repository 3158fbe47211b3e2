"""Run the pyjit benchmark suite: stock interpreter versus JIT, interleaved.

Usage:
    /usr/bin/python3.11 benchmarks/run.py [--build DIR] [--rounds N] [--iterations K]
        [--filter SUBSTR] [--python PATH] [--json OUT] [--allow-uncompiled]
        [--stock-only] [--timeout SECONDS] [--numeric NAMES] [--target-basis B]
        [--target-geomean X] [--target-numeric X] [--target-floor X] [--fail-on-targets]
        [--compare auto|NAME=PATH ...]

For every benchmarks/bench_*.py (optionally filtered) the harness is run in a
fresh process N times per mode, interleaved stock, jit, stock, jit, ... so
that slow drifts of the machine hit both modes alike.  Each process calls
run() K times; the first call of every process is warm-up (it includes JIT
compilation) and is excluded from the median/best figures but reported
separately.  The "tot" columns are the whole process's K run() calls
summed, first call (and so JIT compilation) included.  A TARGETS section at
the end checks the project's goals (geometric mean, numeric loops, no
slowdown) and prints PASS/FAIL for each.  See benchmarks/README.md for the
meaning of each column.

--compare adds other interpreters (CPython 3.12/3.13, PyPy: ``auto`` finds them
on PATH, under pyenv and as Debian's pypy3) to the same interleaved rounds: each
runs the harness in stock mode, and a second table gives stock/other ratios next
to stock/jit.  They take no part in the targets or the exit status (a differing
checksum is reported).

Exit status: 0 on success; 1 if a harness process failed, checksums differ
between stock and jit, or (unless --allow-uncompiled) a jit run compiled no
function, or (with --fail-on-targets) a target is missed; 2 for usage errors,
including a missing pyjit build.
"""

import argparse
import ast
import glob
import json
import math
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
HARNESS = os.path.join(HERE, "harness.py")
DEFAULT_BUILD = os.path.join(REPO, "build")
DEFAULT_PYTHON = "/usr/bin/python3.11"

# The project's goals (the speed issue): stock/jit ratios with compile time included.
TARGET_GEOMEAN = 2.0    # geometric mean over all benchmarks
TARGET_NUMERIC = 5.0    # every benchmark counted as a numeric loop
TARGET_FLOOR = 1.0      # every benchmark
NUMERIC_CATEGORIES = ("numeric", "numeric-list")  # the speed issue names n-body and
                                                   # spectral norm among its numeric loops
# Numeric code whose inner loop is a Python call (gcd): reported next to the numeric-loop
# target, not held to it.  The speed issue's numeric loops are n-body-, spectral-norm- and
# mandelbrot-like kernels, none with a call in its loop; a call per iteration reaches 5x
# only with the callee inlined, which the issue lets wait with the reason written down
# (docs/architecture.md, "No inlining of Python callees yet").
NUMERIC_CALL_CATEGORIES = ("numeric-calls",)
BASES = {  # --target-basis -> (row key, description)
    "total": ("ratio_total", "total ratio: all K run() calls of a process, compilation "
                             "included, median over processes"),
    "median": ("ratio_median", "steady median ratio (compilation excluded)"),
    "best": ("ratio_best", "steady best ratio (compilation excluded)"),
}


def err(msg):
    print("run.py: error: " + msg, file=sys.stderr)


# ----------------------------------------------------------------------------
# environment


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(python):
    probe = ("import json, platform, sys; print(json.dumps({'version': sys.version, "
             "'implementation': platform.python_implementation(), "
             "'executable': sys.executable}))")
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True,
                             check=True, timeout=60).stdout
        py = json.loads(out.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        err("cannot run --python %s: %s" % (python, exc))
        sys.exit(2)
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = None
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "python": python,
        "python_version": py["version"],
        "python_executable": py["executable"],
        "nproc": os.cpu_count(),
        "nproc_usable": affinity,
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "loadavg": load,
        "command": shlex.join([sys.executable] + sys.argv),
        "cwd": os.getcwd(),
        "start_time": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


PROBE = ("import json, platform, sys; print(json.dumps({'version': sys.version, "
         "'implementation': platform.python_implementation(), "
         "'executable': sys.executable, "
         "'short': '%s%d.%d' % (platform.python_implementation().lower(), "
         "*sys.version_info[:2])}))")


def probe_python(python):
    """{'version', 'implementation', 'executable', 'short'} of an interpreter, or None."""
    try:
        out = subprocess.run([python, "-c", PROBE], capture_output=True, text=True,
                             check=True, timeout=60).stdout
        return json.loads(out.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def find_other_pythons(python):
    """Other interpreters on this machine for --compare auto: [(name, path)], one per
    implementation and version, the stock interpreter's own version excluded."""
    candidates = []
    for cmd in ("python3.12", "python3.13", "python3.14", "pypy3"):
        path = shutil.which(cmd)
        if path:
            candidates.append(path)
    home = os.path.expanduser("~")
    for pattern in ("/usr/bin/pypy3", "/usr/local/bin/python3.1[2-9]",
                    home + "/.pyenv/versions/3.1[2-9]*/bin/python3",
                    home + "/.pyenv/versions/pypy3*/bin/pypy3"):
        candidates.extend(sorted(glob.glob(pattern)))
    own = probe_python(python)
    seen = {own["short"]} if own else set()
    found = []
    for path in candidates:
        info = probe_python(path)  # pyenv shims of unselected versions fail here
        if info is None or info["short"] in seen or "free-threading" in info["version"]:
            continue
        seen.add(info["short"])
        found.append((info["short"], path))
    return found


def parse_compare(specs, python):
    """--compare values -> [(name, path)]; exits(2) on an unusable one."""
    others = []
    for spec in specs:
        if spec == "auto":
            others.extend(find_other_pythons(python))
            continue
        name, sep, path = spec.partition("=")
        if not sep:
            path = spec
            info = probe_python(path)
            name = info["short"] if info else os.path.basename(path)
        elif probe_python(path) is None:
            info = None
        else:
            info = True
        if not name or info is None:
            err("--compare %s: cannot run %s" % (spec, path))
            sys.exit(2)
        others.append((name, path))
    names = [n for n, _ in others]
    dup = sorted({n for n in names if names.count(n) > 1} | ({"stock", "jit"} & set(names)))
    if dup:
        err("--compare: name(s) used twice or reserved: %s" % ", ".join(dup))
        sys.exit(2)
    return others


def check_build(python, build):
    """Return the path pyjit is imported from, or exit(2) naming the missing build."""
    pydir = os.path.join(build, "python")
    candidates = [os.path.join(pydir, "pyjit")] + glob.glob(os.path.join(pydir, "pyjit*.so")) \
        + [os.path.join(pydir, "pyjit.py")]
    if not any(os.path.exists(c) for c in candidates):
        err("pyjit is not built: %s does not exist (build directory %s).\n"
            "  Build the JIT first, point --build at its build directory, or pass\n"
            "  --stock-only to time the stock interpreter alone."
            % (os.path.join(pydir, "pyjit"), build))
        sys.exit(2)
    probe = ("import sys; sys.path.insert(0, %r); import pyjit; "
             "pyjit.enable(); assert pyjit.is_enabled(); pyjit.disable(); "
             "print(pyjit.__file__)" % pydir)
    proc = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        err("pyjit exists under %s but cannot be imported/enabled with %s:\n%s"
            % (pydir, python, proc.stderr.strip()))
        sys.exit(2)
    return proc.stdout.strip().splitlines()[-1]


def read_category(path):
    """The module-level CATEGORY = "..." of a benchmark file, read without importing it."""
    try:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read(), path)
    except (OSError, SyntaxError):
        return "?"
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "CATEGORY" \
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return node.value.value
    return "-"


# ----------------------------------------------------------------------------
# running


def run_harness(python, bench_file, mode, iterations, build, timeout):
    """Run one harness process. Returns (result dict or None, error string or None)."""
    cmd = [python, HARNESS, bench_file, "--mode", mode, "--iterations", str(iterations),
           "--build", build]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timed out after %ss: %s" % (timeout, shlex.join(cmd))
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        if proc.returncode < 0:
            try:
                how = "killed by signal %s" % signal.Signals(-proc.returncode).name
            except ValueError:
                how = "killed by signal %d" % -proc.returncode
        else:
            how = "exit status %d" % proc.returncode
        return None, "%s: %s\n%s" % (how, shlex.join(cmd), tail)
    # The harness prints exactly one JSON line, but the JIT might print debug
    # output on stdout too: take the last line that parses as a JSON object.
    for line in reversed(proc.stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                res = json.loads(line)
            except ValueError:
                continue
            # whole process, start-up and pyjit import included
            res["wall_s"] = time.perf_counter() - t0
            return res, None
    return None, "no JSON result line from: %s\nstdout: %s" % (shlex.join(cmd), proc.stdout[-500:])


def bench_stats(result):
    """The benchmark's own JIT stats: the timed-run delta if present, else the raw stats."""
    return result.get("bench_stats") or result.get("stats")


def summarize(name, results, stock_only, category="-"):
    """Compute one table row from the per-process results of one benchmark."""
    row = {"bench": name, "category": category, "flags": [], "notes": []}
    for mode in ("stock", "jit"):
        runs = results[mode]
        steady = [t for r in runs for t in r["times"][1:]]
        first = [r["times"][0] for r in runs]
        totals = [sum(r["times"]) for r in runs]
        walls = [r["wall_s"] for r in runs if r.get("wall_s") is not None]
        row[mode] = {
            "processes": len(runs),
            "steady_times": steady,
            "first_times": first,
            "median": statistics.median(steady) if steady else None,
            "best": min(steady) if steady else None,
            "first_median": statistics.median(first) if first else None,
            # all K iterations of a process, the first (compiling) one included
            "totals": totals,
            "total_median": statistics.median(totals) if totals else None,
            "wall_median": statistics.median(walls) if walls else None,
            "setup_median": statistics.median([r.get("setup_s") or 0.0 for r in runs])
            if runs else None,
            # per-process medians show how noisy the machine was across processes
            "process_medians": [statistics.median(r["times"][1:]) for r in runs
                                if len(r["times"]) > 1],
            "maxrss_kb": max((r["maxrss_kb"] for r in runs), default=None),
            "checksums": sorted({json.dumps(r["checksum"]) for r in runs}),
        }
    s, j = row["stock"], row["jit"]
    row["ratio_median"] = s["median"] / j["median"] if s["median"] and j["median"] else None
    row["ratio_best"] = s["best"] / j["best"] if s["best"] and j["best"] else None
    row["ratio_total"] = s["total_median"] / j["total_median"] \
        if s["total_median"] and j["total_median"] else None
    row["ratio_first"] = s["first_median"] / j["first_median"] \
        if s["first_median"] and j["first_median"] else None
    row["ratio_wall"] = s["wall_median"] / j["wall_median"] \
        if s["wall_median"] and j["wall_median"] else None

    if len(s["checksums"]) > 1:
        row["flags"].append("CHECKSUM")
        row["notes"].append("stock checksums differ between processes: %s" % s["checksums"])
    if not stock_only:
        if len(j["checksums"]) > 1:
            row["flags"].append("CHECKSUM")
            row["notes"].append("jit checksums differ between processes: %s" % j["checksums"])
        if s["checksums"] and j["checksums"] and s["checksums"] != j["checksums"]:
            row["flags"].append("CHECKSUM")
            row["notes"].append("checksum mismatch: stock %s vs jit %s"
                                % (", ".join(s["checksums"]), ", ".join(j["checksums"])))
        stats = [bench_stats(r) for r in results["jit"]]
        if results["jit"] and any(st is None for st in stats):
            row["flags"].append("NOSTATS")
            row["notes"].append("a jit process reported no pyjit.stats()")
        stats = [st for st in stats if st is not None]
        compiled = [st.get("compiled", 0) for st in stats]
        row["compiled"] = (min(compiled), max(compiled)) if compiled else None
        row["compile_time_s"] = statistics.median(
            [st.get("compile_time_s", 0.0) for st in stats]) if stats else None
        row["failed"] = max((st.get("failed", 0) for st in stats), default=None)
        row["deopts"] = max((st.get("deopts", 0) for st in stats), default=None)
        row["code_bytes"] = max((st.get("code_bytes", 0) for st in stats), default=None)
        fallbacks = {}
        for st in stats:
            for reason, n in (st.get("fallbacks") or {}).items():
                fallbacks[reason] = max(fallbacks.get(reason, 0), n)
        row["fallbacks"] = fallbacks
        # per function: "compiled", "fallback: reason" or "interpreted", per process
        functions = {}
        for r in results["jit"]:
            for qual, st in (r.get("functions") or {}).items():
                functions.setdefault(qual, set()).add(st)
        row["functions"] = {q: " / ".join(sorted(v)) for q, v in sorted(functions.items())}
        if results["jit"] and (not compiled or min(compiled) == 0):
            row["flags"].append("UNCOMPILED")
            row["notes"].append("a jit process compiled no function (the run measured the "
                                "interpreter)")
    row["flags"] = sorted(set(row["flags"]))
    return row


# ----------------------------------------------------------------------------
# output


def ms(x):
    return "-" if x is None else "%.1f" % (x * 1e3)


def ratio(x):
    return "-" if x is None else "%.2fx" % x


def mb(kb):
    return "-" if kb is None else "%.1f" % (kb / 1024.0)


def geomean(values):
    values = [v for v in values if v]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def summarize_others(row, other_results, other_errors):
    """{name: {median, best, total_median, ratio_*, maxrss_kb, checksum_ok, error}}: each
    other interpreter against the stock one (ratios stock/other, >1 = the other is
    faster)."""
    s = row["stock"]
    out = {}
    for name, runs in other_results.items():
        o = {"error": other_errors.get(name)}
        if runs:
            steady = [t for r in runs for t in r["times"][1:]]
            totals = [sum(r["times"]) for r in runs]
            o["median"] = statistics.median(steady) if steady else None
            o["best"] = min(steady) if steady else None
            o["total_median"] = statistics.median(totals)
            o["maxrss_kb"] = max((r["maxrss_kb"] for r in runs), default=None)
            o["checksums"] = sorted({json.dumps(r["checksum"]) for r in runs})
            o["checksum_ok"] = o["checksums"] == s["checksums"]
            for key, skey in (("ratio_median", "median"), ("ratio_best", "best"),
                              ("ratio_total", "total_median")):
                o[key] = s[skey] / o[skey] if s[skey] and o[skey] else None
            if not o["checksum_ok"]:
                row["notes"].append("%s checksum %s differs from stock's %s"
                                    % (name, ", ".join(o["checksums"]),
                                       ", ".join(s["checksums"])))
        elif o["error"]:
            row["notes"].append("%s failed: %s" % (name, o["error"]))
        out[name] = o
    return out


def print_others(rows, names, stock_only):
    """The other interpreters' table: stock/X ratios next to stock/jit."""
    print()
    print("other interpreters (same rounds, stock mode); ratios are stock/X (>1 = X faster "
          "than stock python3.11), tot = all iterations with warm-up:")
    headers = ["benchmark"]
    if not stock_only:
        headers += ["jit med", "jit tot"]
    for n in names:
        headers += ["%s med" % n, "%s tot" % n, "%s MB" % n]
    table = []
    ok = [r for r in rows if not r.get("error") and r.get("others")]
    for r in ok:
        line = [r["bench"]]
        if not stock_only:
            line += [ratio(r["ratio_median"]), ratio(r["ratio_total"])]
        for n in names:
            o = r["others"].get(n, {})
            flag = "" if o.get("checksum_ok", True) else "!"
            line += [ratio(o.get("ratio_median")) + flag, ratio(o.get("ratio_total")) + flag,
                     mb(o.get("maxrss_kb"))]
        table.append(line)
    gm = ["geomean"]
    if not stock_only:
        gm += [ratio(geomean([r["ratio_median"] for r in ok])),
               ratio(geomean([r["ratio_total"] for r in ok]))]
    for n in names:
        gm += [ratio(geomean([r["others"][n].get("ratio_median") for r in ok])),
               ratio(geomean([r["others"][n].get("ratio_total") for r in ok])), ""]
    table.append(gm)
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    fmt = "  ".join("%-" + str(w) + "s" if i == 0 else "%" + str(w) + "s"
                    for i, w in enumerate(widths))
    print(fmt % tuple(headers))
    print("  ".join("-" * w for w in widths))
    for line in table:
        print(fmt % tuple(line))
    if any(not o.get("checksum_ok", True) for r in ok for o in r["others"].values()):
        print("(! = that interpreter's checksum differs from stock's: see PROBLEMS)")


def print_table(rows, stock_only, iterations):
    headers = ["benchmark", "stock med", "jit med", "med ratio", "stock best", "jit best",
               "best ratio", "stock tot", "jit tot", "tot ratio", "jit 1st", "compile",
               "compiled", "RSS stock/jit MB", "category", "flags"]
    table = []
    for r in rows:
        if r.get("error"):
            table.append([r["bench"]] + ["-"] * 13 + [r.get("category", "-"), "FAILED"])
            continue
        comp = r.get("compiled")
        comp_s = "-" if not comp else (str(comp[0]) if comp[0] == comp[1] else "%d-%d" % comp)
        table.append([
            r["bench"], ms(r["stock"]["median"]), ms(r["jit"]["median"]),
            ratio(r["ratio_median"]), ms(r["stock"]["best"]), ms(r["jit"]["best"]),
            ratio(r["ratio_best"]), ms(r["stock"]["total_median"]),
            ms(r["jit"]["total_median"]), ratio(r["ratio_total"]),
            ms(r["jit"]["first_median"]), ms(r.get("compile_time_s")), comp_s,
            "%s/%s" % (mb(r["stock"]["maxrss_kb"]), mb(r["jit"]["maxrss_kb"])),
            r["category"], ",".join(r["flags"]),
        ])
    if stock_only:  # keep benchmark, stock med/best/tot, RSS, category, flags; add stock 1st
        headers = ["benchmark", "stock med", "stock best", "stock 1st", "stock tot", "RSS MB",
                   "category", "flags"]
        table = [[line[0], line[1], line[4],
                  ms(r["stock"]["first_median"]) if not r.get("error") else "-",
                  line[7], line[13].split("/")[0], line[14], line[15]]
                 for line, r in zip(table, rows)]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    fmt = "  ".join("%-" + str(w) + "s" if i == 0 or headers[i] == "category"
                    else "%" + str(w) + "s" for i, w in enumerate(widths))
    print("times in ms; ratios are stock/jit (>1 = JIT faster); "
          "med/best exclude each process's first iteration;")
    print("tot = the %d run() calls of a process summed (the first, compiling, one "
          "included), median over processes" % iterations)
    if stock_only:
        print("(--stock-only: JIT columns omitted)")
    print(fmt % tuple(headers))
    print("  ".join("-" * w for w in widths))
    for line in table:
        print(fmt % tuple(line))
    if not stock_only:
        ok = [r for r in rows if not r.get("error")]
        print()
        print("geometric mean over %d benchmarks: median ratio %s, best ratio %s, "
              "total ratio (compile included) %s"
              % (len(ok), ratio(geomean([r["ratio_median"] for r in ok])),
                 ratio(geomean([r["ratio_best"] for r in ok])),
                 ratio(geomean([r["ratio_total"] for r in ok]))))
        print("(noise: the same interpreter against itself swings medians by up to +-20%, "
              "best times by ~4%)")


def group_functions(functions):
    """{status: [qualname, ...]} from a row's functions dict."""
    groups = {}
    for qual, st in functions.items():
        groups.setdefault(st, []).append(qual)
    return groups


def print_details(rows, stock_only):
    print()
    print("per-process medians in ms (shows between-process noise); 1st = median "
          "first-iteration time:")
    for r in rows:
        if r.get("error"):
            continue
        parts = []
        for mode in (("stock",) if stock_only else ("stock", "jit")):
            parts.append("%s 1st %s; %s" % (mode, ms(r[mode]["first_median"]), " ".join(
                ms(x) for x in r[mode]["process_medians"])))
        print("  %-14s %s" % (r["bench"], " | ".join(parts)))
    if not stock_only:
        print()
        print("whole process (median wall time of the harness process in ms: interpreter "
              "start-up, pyjit import + enable, module import, all iterations):")
        for r in rows:
            if r.get("error"):
                continue
            print("  %-14s stock %7s  jit %7s (pyjit import+enable %s)  wall ratio %s  "
                  "1st-iteration ratio %s"
                  % (r["bench"], ms(r["stock"]["wall_median"]), ms(r["jit"]["wall_median"]),
                     ms(r["jit"]["setup_median"]), ratio(r.get("ratio_wall")),
                     ratio(r.get("ratio_first"))))
        print()
        print("JIT stats over the timed runs (max across processes):")
        for r in rows:
            if r.get("error") or r.get("compiled") is None:
                continue
            fb = ", ".join("%s=%d" % kv for kv in sorted(r["fallbacks"].items())) or "none"
            print("  %-14s failed=%s deopts=%s code_bytes=%s fallbacks: %s"
                  % (r["bench"], r["failed"], r["deopts"], r["code_bytes"], fb))
        print_functions(rows)
    problems = [(r["bench"], n) for r in rows for n in r.get("notes", [])]
    problems += [(r["bench"], r["error"]) for r in rows if r.get("error")]
    if problems:
        print()
        print("PROBLEMS:")
        for bench, note in problems:
            print("  %s: %s" % (bench, note.replace("\n", "\n      ")))


def print_functions(rows):
    """Which of each benchmark's functions compiled, fell back (and why), or stayed cold."""
    rows = [r for r in rows if not r.get("error") and r.get("functions")]
    if not rows:
        return
    print()
    print("functions of each benchmark at the end of the JIT runs (methods, lambdas and "
          "comprehensions included):")
    suite = {}
    for r in rows:
        groups = group_functions(r["functions"])
        n_comp = len(groups.get("compiled", []))
        print("  %-14s %d of %d compiled" % (r["bench"], n_comp, len(r["functions"])))
        for st in sorted(groups):
            if st == "compiled":
                continue
            label = st
            if st == "interpreted":
                label = "never compiled (not called, or below the call threshold)"
            print("      %s: %s" % (label, ", ".join(groups[st])))
            if st.startswith("fallback: "):
                entry = suite.setdefault(st[len("fallback: "):], [0, set()])
                entry[0] += len(groups[st])
                entry[1].add(r["bench"])
    if suite:
        print()
        print("fallback reasons over the suite (functions, benchmarks):")
        for reason, (n, benches) in sorted(suite.items(), key=lambda kv: -kv[1][0]):
            print("  %4d  %-45s %s" % (n, reason, ", ".join(sorted(benches))))


def evaluate_targets(rows, basis, numeric, goals):
    """[(name, passed, text)] for the three targets; passed is None if not evaluable."""
    key, _ = BASES[basis]
    ok = [r for r in rows if not r.get("error") and r.get(key)]
    broken = [r["bench"] for r in rows if r.get("error") or not r.get(key)]
    missing = " (%d benchmark(s) without a result: %s)" % (len(broken), ", ".join(broken)) \
        if broken else ""
    out = []

    gm = geomean([r[key] for r in ok])
    others = ", ".join("%s %s" % (b, ratio(geomean([r[BASES[b][0]] for r in ok])))
                       for b in BASES if b != basis)
    out.append(("geometric mean >= %.2fx" % goals["geomean"],
                None if gm is None else (gm >= goals["geomean"] and not broken),
                "%s over %d benchmarks%s   [%s]" % (ratio(gm), len(ok), missing, others)))

    num_rows = [r for r in rows if r["bench"] in numeric]
    absent = sorted(set(numeric) - {r["bench"] for r in rows})
    low = [r for r in num_rows if not r.get(key) or r[key] < goals["numeric"]]
    text = "  ".join("%s %s" % (r["bench"], ratio(r.get(key))) for r in num_rows)
    if absent:
        text += "  (not run: %s)" % ", ".join(absent)
    out.append(("numeric loops >= %.2fx" % goals["numeric"],
                None if not num_rows else not low,
                (text or "no benchmark counted as a numeric loop")
                + ("   below: %s" % ", ".join(r["bench"] for r in low) if low else "")))

    below = [r for r in rows if not r.get(key) or r[key] < goals["floor"]]
    lowest = min(ok, key=lambda r: r[key]) if ok else None
    out.append(("every benchmark >= %.2fx" % goals["floor"],
                None if not rows else not below,
                ("lowest %s %s" % (lowest["bench"], ratio(lowest[key])) if lowest else "")
                + ("   below: %s" % ", ".join("%s %s" % (r["bench"], ratio(r.get(key)))
                                             for r in below) if below else "")))
    return out


def print_targets(rows, basis, numeric, goals, numeric_calls=()):
    print()
    print("TARGETS (basis: %s; --target-basis to change)" % BASES[basis][1])
    print("  numeric loops: %s" % (", ".join(sorted(numeric)) or "none"))
    results = evaluate_targets(rows, basis, numeric, goals)
    for name, passed, text in results:
        verdict = "n/a " if passed is None else ("PASS" if passed else "FAIL")
        print("  %s  %-26s %s" % (verdict, name, text))
    key, _ = BASES[basis]
    shown = [r for r in rows if r["bench"] in numeric_calls]
    if shown:
        print("  (not a target: numeric with a Python call in the loop, needs inlining: %s)"
              % "  ".join("%s %s" % (r["bench"], ratio(r.get(key))) for r in shown))
    return results


# ----------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Run the pyjit benchmark suite (stock vs JIT, interleaved).")
    ap.add_argument("--build", default=DEFAULT_BUILD, metavar="DIR",
                    help="pyjit build directory; pyjit is imported from DIR/python "
                         "(default %(default)s)")
    ap.add_argument("--rounds", type=int, default=5, metavar="N",
                    help="processes per mode per benchmark (default %(default)s)")
    ap.add_argument("--iterations", type=int, default=5, metavar="K",
                    help="run() calls per process, the first is warm-up (default %(default)s)")
    ap.add_argument("--filter", default=None, metavar="SUBSTR",
                    help="only benchmarks whose file name contains SUBSTR")
    ap.add_argument("--python", default=DEFAULT_PYTHON, metavar="PATH",
                    help="interpreter to benchmark (default %(default)s)")
    ap.add_argument("--json", default=None, metavar="OUT",
                    help="also write all raw results and the summary to OUT")
    ap.add_argument("--allow-uncompiled", action="store_true",
                    help="do not fail when a jit run compiled no function")
    ap.add_argument("--stock-only", action="store_true",
                    help="time only the stock interpreter (no pyjit build needed)")
    ap.add_argument("--timeout", type=float, default=600, metavar="SECONDS",
                    help="per harness process (default %(default)s)")
    ap.add_argument("--numeric", default=None, metavar="NAMES",
                    help="comma-separated benchmark names that count as numeric loops for "
                         "the targets (default: those whose CATEGORY is one of %s)"
                         % ", ".join(NUMERIC_CATEGORIES))
    ap.add_argument("--target-basis", choices=sorted(BASES), default="total",
                    help="ratio the targets are checked on: total (compilation included, "
                         "default), median or best (steady state)")
    ap.add_argument("--target-geomean", type=float, default=TARGET_GEOMEAN, metavar="X",
                    help="target for the geometric mean (default %(default)s)")
    ap.add_argument("--target-numeric", type=float, default=TARGET_NUMERIC, metavar="X",
                    help="target for every numeric loop (default %(default)s)")
    ap.add_argument("--target-floor", type=float, default=TARGET_FLOOR, metavar="X",
                    help="no benchmark below this ratio (default %(default)s)")
    ap.add_argument("--fail-on-targets", action="store_true",
                    help="exit with status 1 if a target is missed")
    ap.add_argument("--compare", action="append", default=[], metavar="auto|NAME=PATH",
                    help="also time another interpreter (stock mode) in the same rounds; "
                         "'auto' finds CPython 3.12+ and PyPy on this machine; repeatable")
    args = ap.parse_args(argv)

    if args.rounds < 1:
        ap.error("--rounds must be >= 1")
    if args.iterations < 2:
        ap.error("--iterations must be >= 2 (the first iteration is warm-up)")
    build = os.path.abspath(args.build)

    all_files = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    files = all_files
    if args.filter:
        files = [f for f in files if args.filter in os.path.basename(f)]
    if not files:
        err("no benchmark matches --filter %r" % args.filter)
        return 2
    categories = {os.path.basename(f)[len("bench_"):-len(".py")]: read_category(f)
                  for f in all_files}
    if args.numeric is not None:
        numeric = {n.strip() for n in args.numeric.split(",") if n.strip()}
        unknown = sorted(numeric - set(categories))
        if unknown:
            ap.error("--numeric names unknown benchmark(s): %s (known: %s)"
                     % (", ".join(unknown), ", ".join(sorted(categories))))
    else:
        numeric = {n for n, c in categories.items() if c in NUMERIC_CATEGORIES}
    ran = {os.path.basename(f)[len("bench_"):-len(".py")] for f in files}
    numeric &= ran
    numeric_calls = {n for n, c in categories.items()
                     if c in NUMERIC_CALL_CATEGORIES and n in ran and n not in numeric}

    info = machine_info(args.python)
    print("command:  %s" % info["command"])
    print("python:   %s (%s)" % (info["python_version"].replace("\n", " "),
                                 info["python_executable"]))
    print("machine:  %s; nproc %s (usable %s); %s" % (info["cpu_model"], info["nproc"],
                                                   info["nproc_usable"], info["platform"]))
    if info["loadavg"]:
        print("loadavg:  %.2f %.2f %.2f" % tuple(info["loadavg"]))
    if not info["python_version"].startswith("3.11."):
        print("warning: --python is not CPython 3.11; pyjit targets 3.11 only")

    modes = ("stock",) if args.stock_only else ("stock", "jit")
    if args.stock_only:
        print("build:    (--stock-only: JIT not run)")
    else:
        info["pyjit_file"] = check_build(args.python, build)
        print("build:    %s (pyjit from %s)" % (build, info["pyjit_file"]))
    others = parse_compare(args.compare, args.python)
    for name, path in others:
        o = probe_python(path)
        print("compare:  %s = %s (%s)" % (name, path, o["version"].replace("\n", " ")))
    if args.compare and not others:
        print("compare:  no other interpreter found")
    info["compare"] = {name: path for name, path in others}
    print("rounds:   %d processes per mode, %d iterations each (first = warm-up), "
          "interleaved %s" % (args.rounds, args.iterations,
                              ", ".join(list(modes) + [n for n, _ in others])))
    print()

    rows = []
    raw = {}
    for path in files:
        name = os.path.basename(path)[len("bench_"):-len(".py")]
        results = {"stock": [], "jit": []}
        other_results = {n: [] for n, _ in others}
        other_errors = {}
        error = None
        t0 = time.perf_counter()
        for rnd in range(args.rounds):
            for mode in modes:
                res, error = run_harness(args.python, path, mode, args.iterations, build,
                                         args.timeout)
                if error:
                    error = "%s round %d: %s" % (mode, rnd + 1, error)
                    break
                results[mode].append(res)
            if error:
                break
            for oname, opath in others:  # their failures are reported, not fatal
                if oname in other_errors:
                    continue
                res, oerr = run_harness(opath, path, "stock", args.iterations, build,
                                        args.timeout)
                if oerr:
                    other_errors[oname] = "round %d: %s" % (rnd + 1, oerr)
                else:
                    other_results[oname].append(res)
        raw[name] = dict(results, **{"other:" + n: r for n, r in other_results.items()})
        if error:
            rows.append({"bench": name, "category": categories.get(name, "-"), "error": error,
                         "flags": ["FAILED"]})
            status = "FAILED"
        else:
            row = summarize(name, results, args.stock_only, categories.get(name, "-"))
            if others:
                row["others"] = summarize_others(row, other_results, other_errors)
            rows.append(row)
            status = ",".join(row["flags"]) or "ok"
        print("  ran %-14s %6.1fs  %s" % (name, time.perf_counter() - t0, status),
              file=sys.stderr, flush=True)

    try:
        load_end = os.getloadavg()
    except OSError:
        load_end = None
    if load_end:
        print("loadavg at end: %.2f %.2f %.2f%s" % (tuple(load_end) + (
            "   (warning: the machine was busy; other processes distort the timings)"
            if load_end[0] > 1.5 else "",)))
    info["loadavg_end"] = load_end
    print_table(rows, args.stock_only, args.iterations)
    if others:
        print_others(rows, [n for n, _ in others], args.stock_only)
    print_details(rows, args.stock_only)
    goals = {"geomean": args.target_geomean, "numeric": args.target_numeric,
             "floor": args.target_floor}
    targets = None
    if not args.stock_only:
        targets = print_targets(rows, args.target_basis, numeric, goals, numeric_calls)

    failed = any(r.get("error") for r in rows)
    mismatch = any("CHECKSUM" in r["flags"] for r in rows)
    uncompiled = any(("UNCOMPILED" in r["flags"] or "NOSTATS" in r["flags"]) for r in rows)
    status = 0
    if failed or mismatch:
        status = 1
    if uncompiled and not args.allow_uncompiled:
        print("\nerror: at least one benchmark compiled nothing under the JIT "
              "(pass --allow-uncompiled to accept)", file=sys.stderr)
        status = 1
    if args.fail_on_targets and targets and any(p is not True for _, p, _ in targets):
        print("\nerror: a target is missed or could not be evaluated (--fail-on-targets)",
              file=sys.stderr)
        status = 1

    if args.json:
        ok = [r for r in rows if not r.get("error")]
        out = {
            "info": info,
            "args": vars(args),
            "summary": rows,
            "geomean_ratio_median": None if args.stock_only else geomean(
                [r["ratio_median"] for r in ok]),
            "geomean_ratio_best": None if args.stock_only else geomean(
                [r["ratio_best"] for r in ok]),
            "compare_geomeans": {n: {k: geomean([r["others"][n].get(k) for r in ok
                                                  if r.get("others")])
                                     for k in ("ratio_median", "ratio_best", "ratio_total")}
                                 for n, _ in others},
            "geomean_ratio_total": None if args.stock_only else geomean(
                [r["ratio_total"] for r in ok]),
            "categories": categories,
            "numeric": sorted(numeric),
            "numeric_calls": sorted(numeric_calls),
            "targets": None if targets is None else {
                "basis": args.target_basis, "goals": goals,
                "results": [{"target": n, "passed": p, "detail": t} for n, p, t in targets]},
            "raw": raw,
            "exit_status": status,
        }
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, default=repr)
        print("\nwrote %s" % args.json)
    return status


if __name__ == "__main__":
    sys.exit(main())
