"""Run the pyjit benchmark suite: stock interpreter versus JIT, interleaved.

Usage:
    /usr/bin/python3.11 benchmarks/run.py [--build DIR] [--rounds N] [--iterations K]
        [--filter SUBSTR] [--python PATH] [--json OUT] [--allow-uncompiled]
        [--stock-only] [--timeout SECONDS]

For every benchmarks/bench_*.py (optionally filtered) the harness is run in a
fresh process N times per mode, interleaved stock, jit, stock, jit, ... so
that slow drifts of the machine hit both modes alike.  Each process calls
run() K times; the first call of every process is warm-up (it includes JIT
compilation) and is excluded from the median/best figures but reported
separately.  See benchmarks/README.md for the meaning of each column.

Exit status: 0 on success; 1 if a harness process failed, checksums differ
between stock and jit, or (unless --allow-uncompiled) a jit run compiled no
function; 2 for usage errors, including a missing pyjit build.
"""

import argparse
import glob
import json
import math
import os
import platform
import shlex
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


# ----------------------------------------------------------------------------
# running


def run_harness(python, bench_file, mode, iterations, build, timeout):
    """Run one harness process. Returns (result dict or None, error string or None)."""
    cmd = [python, HARNESS, bench_file, "--mode", mode, "--iterations", str(iterations),
           "--build", build]
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
                return json.loads(line), None
            except ValueError:
                continue
    return None, "no JSON result line from: %s\nstdout: %s" % (shlex.join(cmd), proc.stdout[-500:])


def bench_stats(result):
    """The benchmark's own JIT stats: the timed-run delta if present, else the raw stats."""
    return result.get("bench_stats") or result.get("stats")


def summarize(name, results, stock_only):
    """Compute one table row from the per-process results of one benchmark."""
    row = {"bench": name, "flags": [], "notes": []}
    for mode in ("stock", "jit"):
        runs = results[mode]
        steady = [t for r in runs for t in r["times"][1:]]
        first = [r["times"][0] for r in runs]
        row[mode] = {
            "processes": len(runs),
            "steady_times": steady,
            "first_times": first,
            "median": statistics.median(steady) if steady else None,
            "best": min(steady) if steady else None,
            "first_median": statistics.median(first) if first else None,
            # per-process medians show how noisy the machine was across processes
            "process_medians": [statistics.median(r["times"][1:]) for r in runs
                                if len(r["times"]) > 1],
            "maxrss_kb": max((r["maxrss_kb"] for r in runs), default=None),
            "checksums": sorted({json.dumps(r["checksum"]) for r in runs}),
        }
    s, j = row["stock"], row["jit"]
    row["ratio_median"] = s["median"] / j["median"] if s["median"] and j["median"] else None
    row["ratio_best"] = s["best"] / j["best"] if s["best"] and j["best"] else None

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


def print_table(rows, stock_only):
    headers = ["benchmark", "stock med", "jit med", "med ratio", "stock best", "jit best",
               "best ratio", "jit 1st", "compile", "compiled", "RSS stock/jit MB", "flags"]
    table = []
    for r in rows:
        if r.get("error"):
            table.append([r["bench"]] + ["-"] * 10 + ["FAILED"])
            continue
        comp = r.get("compiled")
        comp_s = "-" if not comp else (str(comp[0]) if comp[0] == comp[1] else "%d-%d" % comp)
        table.append([
            r["bench"], ms(r["stock"]["median"]), ms(r["jit"]["median"]),
            ratio(r["ratio_median"]), ms(r["stock"]["best"]), ms(r["jit"]["best"]),
            ratio(r["ratio_best"]), ms(r["jit"]["first_median"]),
            ms(r.get("compile_time_s")), comp_s,
            "%s/%s" % (mb(r["stock"]["maxrss_kb"]), mb(r["jit"]["maxrss_kb"])),
            ",".join(r["flags"]),
        ])
    if stock_only:  # keep benchmark, stock med, stock best, RSS, flags; add stock 1st
        headers = ["benchmark", "stock med", "stock best", "stock 1st", "RSS MB", "flags"]
        table = [[line[0], line[1], line[4],
                  ms(r["stock"]["first_median"]) if not r.get("error") else "-",
                  line[10].split("/")[0], line[11]] for line, r in zip(table, rows)]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    fmt = "  ".join("%-" + str(w) + "s" if i == 0 else "%" + str(w) + "s"
                    for i, w in enumerate(widths))
    print("times in ms; ratios are stock/jit (>1 = JIT faster); "
          "median/best exclude each process's first iteration")
    if stock_only:
        print("(--stock-only: JIT columns omitted)")
    print(fmt % tuple(headers))
    print("  ".join("-" * w for w in widths))
    for line in table:
        print(fmt % tuple(line))
    if not stock_only:
        ok = [r for r in rows if not r.get("error")]
        gm_med = geomean([r["ratio_median"] for r in ok])
        gm_best = geomean([r["ratio_best"] for r in ok])
        print()
        print("geometric mean over %d benchmarks: median ratio %s, best ratio %s"
              % (len(ok), ratio(gm_med), ratio(gm_best)))
        print("(noise: the same interpreter against itself swings medians by up to +-20%, "
              "best times by ~4%)")


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
        print("JIT stats over the timed runs (max across processes):")
        for r in rows:
            if r.get("error") or r.get("compiled") is None:
                continue
            fb = ", ".join("%s=%d" % kv for kv in sorted(r["fallbacks"].items())) or "none"
            print("  %-14s failed=%s deopts=%s code_bytes=%s fallbacks: %s"
                  % (r["bench"], r["failed"], r["deopts"], r["code_bytes"], fb))
    problems = [(r["bench"], n) for r in rows for n in r.get("notes", [])]
    problems += [(r["bench"], r["error"]) for r in rows if r.get("error")]
    if problems:
        print()
        print("PROBLEMS:")
        for bench, note in problems:
            print("  %s: %s" % (bench, note.replace("\n", "\n      ")))


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
    args = ap.parse_args(argv)

    if args.rounds < 1:
        ap.error("--rounds must be >= 1")
    if args.iterations < 2:
        ap.error("--iterations must be >= 2 (the first iteration is warm-up)")
    build = os.path.abspath(args.build)

    files = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    if args.filter:
        files = [f for f in files if args.filter in os.path.basename(f)]
    if not files:
        err("no benchmark matches --filter %r" % args.filter)
        return 2

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
    print("rounds:   %d processes per mode, %d iterations each (first = warm-up), "
          "interleaved %s" % (args.rounds, args.iterations, ", ".join(modes)))
    print()

    rows = []
    raw = {}
    for path in files:
        name = os.path.basename(path)[len("bench_"):-len(".py")]
        results = {"stock": [], "jit": []}
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
        raw[name] = results
        if error:
            rows.append({"bench": name, "error": error, "flags": ["FAILED"]})
            status = "FAILED"
        else:
            row = summarize(name, results, args.stock_only)
            rows.append(row)
            status = ",".join(row["flags"]) or "ok"
        print("  ran %-14s %6.1fs  %s" % (name, time.perf_counter() - t0, status),
              file=sys.stderr, flush=True)

    print_table(rows, args.stock_only)
    print_details(rows, args.stock_only)

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
            "raw": raw,
            "exit_status": status,
        }
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, default=repr)
        print("\nwrote %s" % args.json)
    return status


if __name__ == "__main__":
    sys.exit(main())
