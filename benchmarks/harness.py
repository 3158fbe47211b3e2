"""Run one benchmark file in one process and print one JSON line of results.

Usage:
    /usr/bin/python3.11 benchmarks/harness.py <bench_file> --mode stock|jit \
        --iterations K [--build DIR]

In ``jit`` mode ``<build>/python`` is put first on sys.path, ``pyjit`` is
imported and ``pyjit.enable()`` is called BEFORE the benchmark module is
imported.  If pyjit cannot be imported, is imported from somewhere other than
the requested build, or does not report itself enabled, the harness exits
with status 2 and prints nothing on stdout: a "JIT" run that silently runs the
stock interpreter is the classic benchmarking lie.

The benchmark's ``run()`` is called K times, each call timed with
``time.perf_counter()``.  All K checksums must be equal (exit status 3
otherwise).  Output (one line on stdout):

    {"bench": name, "mode": "stock"|"jit", "times": [seconds, ...],
     "checksum": value, "maxrss_kb": ru_maxrss,
     "stats": pyjit.stats() at exit or null,
     "bench_stats": stats delta over the timed runs only, or null,
     "python": sys.version, "pyjit_file": path or null}

``stats`` is the raw pyjit.stats() and also counts harness/importlib code the
JIT may have compiled; ``bench_stats`` is the difference between snapshots
taken immediately before the first and after the last ``run()`` call, so it
counts only what the benchmark itself caused.  ``times[0]`` is the first
call and includes JIT compilation; run.py treats it as warm-up.

Profiles (jit mode, for warmup.py): ``--profile-out F`` writes ``pyjit.save_profile(F)``
after the last ``run()``; ``--profile-in F`` loads it (``pyjit.load_profile``) before the
benchmark module is imported, so its functions compile at their first call.  The code
cache follows ``PYJIT_CACHE_DIR``.

Also in the line: ``setup_s`` (importing pyjit and enabling it; 0 in stock
mode), ``import_s`` (importing the benchmark module) and, in jit mode,
``functions``: for every function of the benchmark module -- module-level
functions, methods and properties of its classes, and the code nested in
them (lambdas, comprehensions, inner functions) -- keyed by qualified name,
``"compiled"``, ``"fallback: <reason>"`` (pyjit refused it) or
``"interpreted"`` (never compiled: not called, or not hot enough).  The JIT
is disabled (``pyjit.disable()``) after the last ``run()`` so that the
harness's own bookkeeping is not compiled.
"""

import argparse
import importlib.util
import json
import os
import resource
import sys
import types
from time import perf_counter

# Do not leave __pycache__ directories in benchmarks/.
sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BUILD = os.path.join(os.path.dirname(HERE), "build")

STAT_KEYS = ("compiled", "failed", "fallbacks", "deopts", "compile_time_s", "code_bytes")
# pyjit.stats() entries that are settings: copied, not differenced, in bench_stats
CONFIG_KEYS = ("enabled", "threshold", "opt_level")


def die(status, msg):
    print("harness: error: " + msg, file=sys.stderr)
    sys.exit(status)


def import_pyjit(build):
    pydir = os.path.join(os.path.abspath(build), "python")
    if not os.path.isdir(pydir):
        die(2, "jit mode requested but build directory %s has no python/ "
               "subdirectory (is pyjit built? pass --build DIR)" % build)
    sys.path.insert(0, pydir)
    try:
        import pyjit
    except Exception as exc:  # ImportError, or an error raised by the extension
        die(2, "jit mode requested but 'import pyjit' from %s failed: %r" % (pydir, exc))
    where = os.path.realpath(getattr(pyjit, "__file__", None) or "")
    if not where.startswith(os.path.realpath(pydir) + os.sep):
        die(2, "pyjit was imported from %r, not from the requested build %s"
               % (getattr(pyjit, "__file__", None), pydir))
    for name in ("enable", "disable", "is_enabled", "stats"):
        if not callable(getattr(pyjit, name, None)):
            die(2, "pyjit at %s has no callable %s()" % (where, name))
    return pyjit


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        die(2, "cannot load benchmark file %s" % path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def module_code_objects(mod):
    """{qualname: code} for the functions defined in mod and the code nested in them."""
    found = {}

    def add_code(code):
        if code.co_qualname in found:
            return
        found[code.co_qualname] = code
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                add_code(const)

    def add_obj(obj):
        if isinstance(obj, (staticmethod, classmethod)):
            obj = obj.__func__
        if isinstance(obj, property):
            for f in (obj.fget, obj.fset, obj.fdel):
                add_obj(f)
        elif isinstance(obj, types.FunctionType) and obj.__module__ == mod.__name__:
            add_code(obj.__code__)

    def add_class(cls, seen):
        if cls in seen:
            return
        seen.add(cls)
        for obj in vars(cls).values():
            if isinstance(obj, type) and obj.__module__ == mod.__name__:
                add_class(obj, seen)
            else:
                add_obj(obj)

    seen = set()
    for obj in list(vars(mod).values()):
        if isinstance(obj, type) and obj.__module__ == mod.__name__:
            add_class(obj, seen)
        else:
            add_obj(obj)
    return found


def function_status(pyjit, mod):
    """{qualname: "compiled" | "fallback: reason" | "interpreted"}, or None if this
    pyjit cannot say."""
    is_compiled = getattr(pyjit, "is_compiled", None)
    reason_of = getattr(pyjit, "fallback_reason", None)
    if not callable(is_compiled) or not callable(reason_of):
        return None
    status = {}
    for qual, code in sorted(module_code_objects(mod).items()):
        try:
            if is_compiled(code):
                status[qual] = "compiled"
                continue
            reason = reason_of(code)
        except Exception as exc:  # an older pyjit that wants functions, not code
            status[qual] = "unknown (%s)" % type(exc).__name__
            continue
        status[qual] = "fallback: %s" % reason if reason else "interpreted"
    return status


def stats_delta(before, after):
    """after - before for the numeric pyjit.stats() fields and the fallbacks dict."""
    if before is None or after is None:
        return None
    delta = {}
    for key, val in after.items():
        old = before.get(key)
        if key in CONFIG_KEYS:  # settings, not counters
            delta[key] = val
        elif isinstance(val, dict):
            old = old or {}
            d = {k: v - old.get(k, 0) for k, v in val.items()}
            delta[key] = {k: v for k, v in d.items() if v}
        elif isinstance(val, (int, float)) and not isinstance(val, bool) \
                and isinstance(old, (int, float)):
            delta[key] = val - old
        else:
            delta[key] = val
    return delta


def timed_runs(run, iterations, stats_fn):
    # Snapshot inside this function: if the JIT compiles timed_runs itself at
    # entry, that compilation is already in `before` and not blamed on the
    # benchmark.
    before = stats_fn() if stats_fn is not None else None
    times = []
    checksums = []
    for _ in range(iterations):
        t0 = perf_counter()
        checksum = run()
        t1 = perf_counter()
        times.append(t1 - t0)
        checksums.append(checksum)
    after = stats_fn() if stats_fn is not None else None
    return times, checksums, before, after


def jsonable(value):
    """Checksums must survive a JSON round trip unchanged to be compared across processes."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    return repr(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run one benchmark in this process.")
    ap.add_argument("bench_file")
    ap.add_argument("--mode", choices=("stock", "jit"), required=True)
    ap.add_argument("--iterations", type=int, required=True, metavar="K")
    ap.add_argument("--build", default=DEFAULT_BUILD, metavar="DIR",
                    help="pyjit build directory (default %(default)s)")
    ap.add_argument("--profile-out", default=None, metavar="FILE",
                    help="jit mode: write a profile after the last run()")
    ap.add_argument("--profile-in", default=None, metavar="FILE",
                    help="jit mode: load this profile before importing the benchmark")
    args = ap.parse_args(argv)
    if args.iterations < 1:
        die(2, "--iterations must be >= 1")
    path = os.path.abspath(args.bench_file)
    if not os.path.isfile(path):
        die(2, "no such benchmark file: %s" % args.bench_file)

    pyjit = None
    t0 = perf_counter()
    if args.mode == "jit":
        pyjit = import_pyjit(args.build)
        pyjit.enable()
        if not pyjit.is_enabled():
            die(2, "pyjit.enable() returned but pyjit.is_enabled() is false")
        if args.profile_in and not pyjit.load_profile(args.profile_in):
            die(2, "profile %s not loaded" % args.profile_in)
    t1 = perf_counter()
    mod = load_module(path)
    t2 = perf_counter()
    run = getattr(mod, "run", None)
    if not callable(run):
        die(2, "%s defines no run() function" % path)

    stats_fn = pyjit.stats if pyjit is not None else None
    times, checksums, before, after = timed_runs(run, args.iterations, stats_fn)

    if pyjit is not None:
        if not pyjit.is_enabled():
            die(2, "pyjit was disabled while the benchmark ran")
        if args.profile_out:
            pyjit.wait_compiled()
            pyjit.save_profile(args.profile_out)
        # The harness's own bookkeeping below is Python code too: do not let the JIT
        # spend (wall) time compiling it.  Compiled code and the stats are kept.
        pyjit.disable()

    checksums = [jsonable(c) for c in checksums]
    if any(c != checksums[0] for c in checksums):
        die(3, "%s: checksums differ across iterations: %r" % (mod.__name__, checksums))

    result = {
        "bench": mod.__name__[len("bench_"):] if mod.__name__.startswith("bench_") else mod.__name__,
        "mode": args.mode,
        "times": times,
        "checksum": checksums[0],
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "stats": pyjit.stats() if pyjit is not None else None,
        "bench_stats": stats_delta(before, after),
        "python": sys.version,
        "pyjit_file": getattr(pyjit, "__file__", None) if pyjit is not None else None,
        "setup_s": t1 - t0,
        "import_s": t2 - t1,
        "functions": function_status(pyjit, mod) if pyjit is not None else None,
    }
    sys.stdout.flush()
    print(json.dumps(result, default=repr))
    return 0


if __name__ == "__main__":
    sys.exit(main())
