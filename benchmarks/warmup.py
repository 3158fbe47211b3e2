"""Warm-up with and without a profile: how soon each benchmark runs at full speed.

Usage:
    /usr/bin/python3.11 benchmarks/warmup.py [--build DIR] [--iterations K] [--rounds N]
        [--filter SUBSTR] [--json FILE]

For each benchmark, each round runs four processes (harness.py, jit mode):

  1. no profile: the JIT as it is, recording a profile at the end (``--profile-out``);
  2. profile, cold cache: the profile loaded, the code cache in a fresh folder (its
     functions compile at their first call, with the recorded feedback, and are written
     to the cache);
  3. profile, warm cache: the same again, now linking the cached code (no LLVM);
  4. stock python3.11, for the short run's ratio.

Reported per benchmark (medians over rounds): the steady time (median of iterations 2..K
of process 1), the first iteration of each JIT process, first / steady, and the total of
the K iterations of each process against stock's, and the time to import the benchmark
module in each JIT process (with a profile, its functions compile when their module has
run: the compile time moves there -- LLVM's on a cold cache, linking on a warm one).  The target (the profile issue's):
with a profile and its cache, the first iteration is within 1.2x of steady state.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
HARNESS = os.path.join(HERE, "harness.py")
PYTHON = "/usr/bin/python3.11"
TARGET = 1.2


def harness(bench, mode, build, iterations, env_extra=None, extra=()):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYJIT")}
    env.update(env_extra or {})
    cmd = [PYTHON, HARNESS, bench, "--mode", mode, "--iterations", str(iterations)]
    if mode == "jit":
        cmd += ["--build", build]
    cmd += list(extra)
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        raise RuntimeError("%s %s: exit %d: %s" % (os.path.basename(bench), mode,
                                                    r.returncode, r.stderr.strip()[-400:]))
    return json.loads(r.stdout.strip().splitlines()[-1])


def one_round(bench, build, iterations, work):
    prof = os.path.join(work, "p.pjprof")
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    base = harness(bench, "jit", build, iterations, {"PYJIT_CACHE_DIR": ""},
                   ["--profile-out", prof])
    cold = harness(bench, "jit", build, iterations, {"PYJIT_CACHE_DIR": cache},
                   ["--profile-in", prof])
    warm = harness(bench, "jit", build, iterations, {"PYJIT_CACHE_DIR": cache},
                   ["--profile-in", prof])
    stock = harness(bench, "stock", build, iterations)
    checks = {json.dumps(x["checksum"]) for x in (base, cold, warm, stock)}
    if len(checks) != 1:
        raise RuntimeError("%s: checksums differ: %s" % (os.path.basename(bench), checks))
    return {
        "steady": statistics.median(base["times"][1:]) if iterations > 1 else base["times"][0],
        "first": base["times"][0], "first_cold": cold["times"][0],
        "first_warm": warm["times"][0],
        "total": sum(base["times"]), "total_cold": sum(cold["times"]),
        "total_warm": sum(warm["times"]), "total_stock": sum(stock["times"]),
        "import": base["import_s"], "import_cold": cold["import_s"],
        "import_warm": warm["import_s"],
        "matched_warm": warm["stats"].get("profile_matched", 0),
        "cache_hits": warm["stats"].get("cache_hits", 0),
        "compile_s_cold": cold["stats"].get("compile_time_s", 0.0),
        "compile_s_warm": warm["stats"].get("compile_time_s", 0.0),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--iterations", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--filter", default=None)
    ap.add_argument("--json", default=None, metavar="FILE")
    args = ap.parse_args(argv)
    benches = sorted(os.path.join(HERE, f) for f in os.listdir(HERE)
                     if f.startswith("bench_") and f.endswith(".py")
                     and (args.filter is None or args.filter in f))
    rows = []
    work = tempfile.mkdtemp(prefix="pyjit-warmup-")
    try:
        for b in benches:
            name = os.path.basename(b)[len("bench_"):-3]
            try:
                rounds = [one_round(b, args.build, args.iterations, work)
                          for _ in range(args.rounds)]
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as e:
                print("  %-14s error: %s" % (name, e), file=sys.stderr)
                rows.append({"bench": name, "error": str(e)})
                continue
            row = {"bench": name}
            for k in rounds[0]:
                row[k] = statistics.median(r[k] for r in rounds)
            rows.append(row)
            print("  ran %s" % name, file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ms = lambda s: "%8.1f" % (1e3 * s)
    x = lambda a, b: "%6.2fx" % (a / b) if b else "     -"
    print("times in ms; first/steady: the first run() against the steady median of the "
          "run without a profile; total: %d run() calls, ratio stock/jit" % args.iterations)
    print("%-14s %8s  %8s %8s %8s  %7s %7s %7s  %7s %7s %7s  %5s  %s" % (
        "benchmark", "steady", "1st", "1st prof", "1st warm", "1st/st", "prof/st",
        "warm/st", "tot", "prof", "warm", "hits", "import ms: none/prof/warm"))
    ok = True
    for r in rows:
        if "error" in r:
            print("%-14s error" % r["bench"])
            ok = False
            continue
        st = r["steady"]
        if r["first_warm"] > TARGET * st:
            ok = False
        print("%-14s %s  %s %s %s  %s %s %s  %s %s %s  %5d  %.0f/%.0f/%.0f" % (
            r["bench"], ms(st), ms(r["first"]), ms(r["first_cold"]), ms(r["first_warm"]),
            x(r["first"], st), x(r["first_cold"], st), x(r["first_warm"], st),
            x(r["total_stock"], r["total"]), x(r["total_stock"], r["total_cold"]),
            x(r["total_stock"], r["total_warm"]), r["cache_hits"], 1e3 * r["import"],
            1e3 * r["import_cold"], 1e3 * r["import_warm"]))
    good = [r for r in rows if "error" not in r]
    if good:
        print("first iteration / steady, geometric mean: no profile %.2fx, profile %.2fx, "
              "profile + cache %.2fx" % tuple(
                  statistics.geometric_mean([r[k] / r["steady"] for r in good])
                  for k in ("first", "first_cold", "first_warm")))
    print("TARGET  first iteration with a profile (and its cache) <= %.1fx steady: %s"
          % (TARGET, "PASS" if ok else "FAIL: " + ", ".join(
              r["bench"] for r in rows if "error" in r or r["first_warm"] > TARGET * r["steady"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"iterations": args.iterations, "rounds": args.rounds, "rows": rows}, f,
                      indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
