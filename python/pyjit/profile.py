"""Profiles: what a run of a program compiled, written down so that the next run compiles
it at the first call (``pyjit profile`` / ``pyjit run --profile``; the format is
docs/profile-format.md).

A profile names each function by its file, qualified name and first line, with a hash of
its bytecode (``pyjit._pyjit.code_hash``): a function whose bytecode changed is not
compiled early (``stats()["profile_stale"]``).  Reading never trusts the file: anything
unexpected -- missing, truncated, not JSON, another format version, another Python or
pyjit, absurd sizes or types -- is one warning on stderr and the run goes on without it.
"""

import os
import sys
import time

FORMAT = "pyjit-profile"
VERSION = 1
MAX_BYTES = 64 << 20       # a profile larger than this is not read
MAX_FUNCTIONS = 200_000
MAX_TEXT = 4096            # longest file name or qualified name accepted
MAX_FEEDBACK = 100_000     # feedback entries per function

# Per function: the key fields (checked on load) and the informative ones (report).
_KEY = (("filename", str), ("qualname", str), ("firstlineno", int), ("code_hash", str))
_INFO = (("module", (str, type(None))), ("calls_before", int), ("tier", str),
         ("compilations", int), ("compile_ms", (int, float)), ("deopts", int),
         ("unboxed_loops", int), ("bytecode_instrs", int), ("llvm_instrs", int),
         ("samples", int))


class ProfileError(Exception):
    """Why a profile was not used (the text of the warning)."""


def warn(path, why):
    sys.stderr.write("pyjit: warning: profile %s not used: %s\n" % (path, why))


def _module_of(filename):
    """The name of the loaded module whose file is `filename`, or None."""
    for name, mod in list(sys.modules.items()):
        if getattr(mod, "__file__", None) == filename:
            return name
    return None


def build(_pyjit, version, program=None, samples=None):
    """The profile of this process so far, as a dict (see docs/profile-format.md).
    `samples`: {(filename, qualname, firstlineno): count} from the profiling sampler."""
    samples = samples or {}
    functions = []
    for f in _pyjit.compiled_functions():
        key = (f["filename"], f["qualname"], f["firstlineno"])
        t = f["compile_time_s"]
        functions.append({
            "filename": f["filename"], "qualname": f["qualname"],
            "firstlineno": f["firstlineno"], "code_hash": f["code_hash"],
            "module": _module_of(f["filename"]), "calls_before": f["calls_before"],
            "tier": f["tier"], "compilations": f["compilations"],
            "compile_ms": round(1e3 * (t["frontend"] + t["lower"] + t["llvm_opt"]
                                       + t["codegen"]), 3),
            "deopts": f["deopts"], "unboxed_loops": f["unboxed_loops"],
            "bytecode_instrs": f["bytecode_instrs"], "llvm_instrs": f["llvm_instrs"],
            "samples": samples.get(key, 0),
            "feedback": f.get("feedback", []),
            "seed": f.get("seed", []),
        })
    s = _pyjit.stats()
    return {
        "format": FORMAT, "version": VERSION,
        "python": sys.version, "pyjit": version,
        "program": os.path.abspath(program) if program else None,
        "created": time.time(),
        "samples_total": sum(samples.values()),
        "stats": {k: s[k] for k in ("compiled", "deopts", "deopt_reasons", "recompiles",
                                     "tier_ups", "compile_time_s") if k in s},
        "functions": functions,
    }


def write(data, path):
    """Writes the profile atomically (a temporary file renamed over `path`)."""
    import json

    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, sort_keys=True, indent=1))
        f.write("\n")
    os.replace(tmp, path)


def _check_fields(entry, fields, where):
    for name, types in fields:
        v = entry.get(name)
        if not isinstance(v, types) or isinstance(v, bool):
            raise ProfileError("%s: field %r is %s" % (where, name, type(v).__name__))
        if isinstance(v, str) and len(v) > MAX_TEXT:
            raise ProfileError("%s: field %r is too long" % (where, name))


def read(path, version, program=None, any_version=False):
    """The profile at `path`, checked; raises ProfileError saying why not.  `program`: the
    script this run runs (a profile recorded for another one is refused).  `any_version`:
    accept other Python and pyjit versions (``pyjit report``)."""
    import json

    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise ProfileError(e.strerror or str(e)) from None
    if len(raw) > MAX_BYTES:
        raise ProfileError("larger than %d MiB" % (MAX_BYTES >> 20))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise ProfileError("not a pyjit profile (%s)" % str(e).splitlines()[0][:200]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProfileError("not a pyjit profile")
    if data.get("version") != VERSION:
        raise ProfileError("format version %r, this pyjit reads %d"
                           % (data.get("version"), VERSION))
    if not any_version:
        if data.get("python") != sys.version:
            raise ProfileError("recorded by Python %s, this is %s"
                               % (str(data.get("python")).split()[0][:40],
                                  sys.version.split()[0]))
        if data.get("pyjit") != version:
            raise ProfileError("recorded by pyjit %s, this is %s"
                               % (str(data.get("pyjit"))[:40], version))
    if program is not None and data.get("program") not in (None, os.path.abspath(program)):
        raise ProfileError("recorded for %s, not %s"
                           % (str(data.get("program"))[:MAX_TEXT], os.path.abspath(program)))
    functions = data.get("functions")
    if not isinstance(functions, list):
        raise ProfileError("no list of functions")
    if len(functions) > MAX_FUNCTIONS:
        raise ProfileError("more than %d functions" % MAX_FUNCTIONS)
    for i, entry in enumerate(functions):
        if not isinstance(entry, dict):
            raise ProfileError("function %d is not an object" % i)
        _check_fields(entry, _KEY, "function %d" % i)
        _check_fields(entry, _INFO, "function %d" % i)
        h = entry["code_hash"]
        if len(h) != 16 or any(c not in "0123456789abcdef" for c in h):
            raise ProfileError("function %d: bad code_hash" % i)
        _check_feedback(entry.get("feedback", []), "function %d" % i)
        seed = entry.get("seed", [])
        if not (isinstance(seed, list) and len(seed) <= 65536
                and all(type(v) is int and 0 <= v <= 255 for v in seed)):
            raise ProfileError("function %d: bad seed" % i)
    return data


def _check_feedback(fb, where):
    """[unit, opcode name, moved] entries (the engine ignores names and units that do not
    fit the function; here only the shape is checked)."""
    if not isinstance(fb, list) or len(fb) > MAX_FEEDBACK:
        raise ProfileError("%s: bad feedback" % where)
    for e in fb:
        if not (isinstance(e, list) and len(e) == 3 and type(e[0]) is int
                and 0 <= e[0] < 1 << 30 and isinstance(e[1], str) and len(e[1]) <= 64
                and e[2] in (0, 1)):
            raise ProfileError("%s: bad feedback entry" % where)


def load(_pyjit, path, version, program=None):
    """Reads the profile and hands its functions to the engine; the number of functions,
    or 0 after one warning when the profile cannot be used."""
    try:
        data = read(path, version, program)
    except ProfileError as e:
        warn(path, e)
        return 0
    table = {(f["filename"], f["qualname"], f["firstlineno"]):
             (int(f["code_hash"], 16), f.get("feedback") or [], f.get("seed") or [])
             for f in data["functions"]}
    _pyjit._set_profile(table)
    return len(table)


def speculated(fb, most=3):
    """A function's recorded feedback in a few words: the specialised forms it ran with,
    most frequent first ("LOAD_ATTR_INSTANCE_VALUE x2, BINARY_OP_ADD_INT (+3 more)"); an
    adaptive form whose counter moved is a site that stayed generic."""
    counts = {}
    for _, name, moved in fb:
        key = name if "_ADAPTIVE" not in name else (name + " (generic)" if moved else None)
        if key:
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return "-"
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(n if c == 1 else "%s x%d" % (n, c) for n, c in items[:most])
    return text + (" (+%d more)" % (len(items) - most) if len(items) > most else "")


def report(data, out=None, top=20):
    """Prints a profile's summary: the functions by share of the samples (time), then by
    compile time, with their deopts and what they compiled to."""
    out = out or sys.stdout
    fns = data["functions"]
    total = data.get("samples_total") or 0
    w = out.write
    w("profile of %s\n" % (data.get("program") or "(a program)"))
    w("recorded %s by pyjit %s on Python %s\n"
      % (time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(data.get("created") or 0)),
         data.get("pyjit"), str(data.get("python")).split()[0]))
    cms = sum(f["compile_ms"] for f in fns)
    w("%d functions compiled, %.1f ms of compilation, %d samples\n\n"
      % (len(fns), cms, total))
    rows = sorted(fns, key=lambda f: (-f["samples"], -f["compile_ms"], f["qualname"]))
    w("%7s  %9s  %7s  %6s  %-9s  %s\n"
      % ("time", "compile", "deopts", "loops", "tier", "function / speculated types"))
    for f in rows[:top]:
        share = "%6.1f%%" % (100.0 * f["samples"] / total) if total else "      -"
        w("%7s  %7.1fms  %7d  %6d  %-9s  %s (%s:%d)\n"
          % (share, f["compile_ms"], f["deopts"], f["unboxed_loops"], f["tier"],
             f["qualname"], f["filename"], f["firstlineno"]))
        w("%46s%s\n" % ("", speculated(f.get("feedback") or [])))
    if len(rows) > top:
        w("... and %d more\n" % (len(rows) - top))
    reasons = (data.get("stats") or {}).get("deopt_reasons") or {}
    if isinstance(reasons, dict) and reasons:
        w("\ndeopts by reason:\n")
        for r, n in sorted(reasons.items(), key=lambda kv: -kv[1] if isinstance(kv[1], int)
                           else 0):
            w("  %7s  %s\n" % (n, r))


class Sampler:
    """Counts, about every millisecond of CPU time, the Python function running in the
    main thread (a SIGPROF handler: it runs at the next eval-breaker check, which compiled
    code polls at its back edges too).  For the profile's time shares."""

    def __init__(self, interval=0.001):
        self.interval = interval
        self.counts = {}
        self.old = None

    def _tick(self, signum, frame):
        if frame is not None:
            co = frame.f_code
            key = (co.co_filename, co.co_qualname, co.co_firstlineno)
            self.counts[key] = self.counts.get(key, 0) + 1

    def start(self):
        import signal

        if not hasattr(signal, "setitimer"):
            return
        self.old = signal.signal(signal.SIGPROF, self._tick)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)

    def stop(self):
        import signal

        if self.old is None:
            return
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, self.old)
        self.old = None
