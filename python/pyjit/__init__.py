"""pyjit: a method JIT for CPython 3.11.

    import pyjit
    pyjit.enable()            # hot functions compile from now on
    pyjit.stats()             # what compiled, what fell back and why

Other ways in: ``LD_PRELOAD=libpyjit.so python3.11 app.py``, ``PYJIT=1 python3.11 app.py``
(after ``cmake --install``), and ``python3.11 -m pyjit run app.py``.
"""

import os as _os
import sys as _sys

if _sys.implementation.name != "cpython" or _sys.version_info[:2] != (3, 11):
    raise ImportError(
        "pyjit supports CPython 3.11 only; this is %s %s"
        % (_sys.implementation.name, _sys.version.split()[0])
    )

try:
    from . import _pyjit
except ImportError as _e:
    _msg = str(_e)
    if ".so" in _msg:  # (LLVM is linked in; these few libraries are not)
        raise ImportError(
            "pyjit needs libunwind, libzstd and zlib (Debian packages libunwind8, libzstd1, "
            "zlib1g): %s" % _msg
        ) from None
    raise

__version__ = "0.1.0"
__all__ = [
    "enable", "disable", "is_enabled", "compile", "is_compiled", "stats", "dump",
    "fallback_reason", "compiled_functions", "wait_compiled", "log", "save_profile",
    "load_profile",
]


def enable(threshold=None):
    """Install the JIT in this interpreter (harmless when already enabled).

    threshold: calls a function runs in the interpreter before it is compiled (0: at the
    first call; default PYJIT_THRESHOLD or 100).  Functions with a loop compile at their
    first call.
    """
    _pyjit.enable(threshold=threshold)


def disable():
    """Remove the JIT's hook; compiled code is kept and used again after enable()."""
    _pyjit.disable()


def is_enabled():
    """True while the JIT's frame-evaluation hook is installed."""
    return _pyjit.is_enabled()


def compile(func):
    """Compile ``func`` now.  True if it has native code; False if it cannot be compiled
    (``fallback_reason(func)`` says why; the reason is counted in ``stats()``)."""
    return _pyjit.compile(func)


def is_compiled(func):
    """True if ``func`` runs as native code."""
    return _pyjit.is_compiled(func)


def fallback_reason(func):
    """Why ``func`` could not be compiled, or None."""
    return _pyjit.fallback_reason(func)


def stats():
    """A dict: compiled, failed, fallbacks (reason -> count), deopts, deopt_reasons,
    error_exits, compile_time_s, stage_time_s, code_bytes, code_bytes_total, ..."""
    return _pyjit.stats()


def dump(func, stage):
    """The text of one pipeline stage for ``func``: "bytecode", "ir" or "llvm"."""
    return _pyjit.dump(func, stage)


def wait_compiled():
    """Wait until every function queued for compilation (on the compile thread) is ready.

    Functions without a loop compile in the background once hot, and run in the
    interpreter until their code is ready; tests and benchmarks use this to be exact."""
    _pyjit.wait_compiled()


def log(kinds=None):
    """Set which events are written to stderr, one line each, as PYJIT_LOG does:
    a comma-separated string of "fallback", "compile", "deopt", "recompile" or "all"
    ("" for none).  Returns the list of kinds logged from now on (without changing
    anything when ``kinds`` is None).  ValueError for an unknown kind."""
    return _pyjit.log(kinds)


def compiled_functions():
    """Every function compiled so far: dicts with qualname, filename, firstlineno."""
    return _pyjit.compiled_functions()


def save_profile(path, program=None, _samples=None):
    """Write what this process compiled to ``path`` (a profile: docs/profile-format.md):
    each compiled function by file, qualified name and first line, with a hash of its
    bytecode, what it compiled to, its compile time and deopts.  ``program``: the script it
    is for (``pyjit run --profile`` refuses a profile of another one)."""
    from . import profile

    was_enabled = _pyjit.is_enabled()
    _pyjit.disable()  # (the JSON writer is Python code: not worth compiling now)
    try:
        profile.write(profile.build(_pyjit, __version__, program, _samples), path)
    finally:
        if was_enabled:
            _pyjit.enable()


def load_profile(path, program=None):
    """Read a profile written by ``save_profile`` (or ``pyjit profile``): the functions it
    names compile from now on as soon as their module has run (or at their first call), if
    their bytecode is unchanged (``stats()["profile_matched"]`` / ``["profile_stale"]``),
    and the code cache is on (``PYJIT_CACHE_DIR``, else ~/.cache/pyjit).  Returns how many functions
    it names; a profile that cannot be used (missing, corrupt, from another Python or pyjit
    version, or for another ``program``) gives one warning on stderr and returns 0."""
    from . import profile

    n = profile.load(_pyjit, path, __version__, program)
    if n and _os.environ.get("PYJIT_CACHE_DIR") is None:
        _use_cache(_default_cache_dir())  # on by default with a profile
    return n


def _default_cache_dir():
    """Where the code cache lives when PYJIT_CACHE_DIR does not say: pyjit/ in the user's
    cache folder ($XDG_CACHE_HOME, else ~/.cache)."""
    base = _os.environ.get("XDG_CACHE_HOME") or _os.path.join(_os.path.expanduser("~"), ".cache")
    return _os.path.join(base, "pyjit")


def _use_cache(path):
    """Turns the persistent code cache on in `path` (None: off).  Every key includes this
    Python, this pyjit and this build of it (the extension's size and time), so entries of
    another build are never linked."""
    try:
        st = _os.stat(_pyjit.__file__)
        build = "%d-%d" % (st.st_size, st.st_mtime_ns)
    except (OSError, AttributeError):
        build = "?"
    versions = "%s\npyjit %s build %s" % (_sys.version, __version__, build)
    if not _pyjit._set_cache(path, versions) and path is not None:
        _sys.stderr.write("pyjit: warning: code cache %s not usable: not a writable folder\n"
                          % path)
        return False
    return True


def _write_stats_file(path):
    data = dict(stats())
    data["functions"] = compiled_functions()
    # The program is over: what runs now (importing json imports re and enum) must not be
    # compiled.  At threshold 0 that was 180 functions and 8 s of LLVM at every exit.
    was_enabled = _pyjit.is_enabled()
    _pyjit.disable()
    try:
        import json

        # (json.dumps without indent is json's C encoder)
        text = json.dumps(data, sort_keys=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError as e:
        _sys.stderr.write("pyjit: cannot write PYJIT_STATS_FILE %s: %s\n" % (path, e))
    finally:
        if was_enabled:
            _pyjit.enable()


def _register_exit_reports():
    import atexit

    if _os.environ.get("PYJIT_STATS", "") not in ("", "0"):
        atexit.register(_pyjit.print_stats)
    path = _os.environ.get("PYJIT_STATS_FILE")
    if path:
        # "%p" becomes the process id, so every process of a program (test workers,
        # multiprocessing) writes its own file.
        path = path.replace("%p", str(_os.getpid()))
        atexit.register(_write_stats_file, path)


def _enable_from_env(source):
    """Start-up hooks (LD_PRELOAD, the .pth file, ``pyjit run``) call this: PYJIT=0 keeps
    the JIT off; PYJIT_THRESHOLD and the other variables are read by the engine."""
    if _os.environ.get("PYJIT", "1") == "0":
        return
    enable()
    path = _os.environ.get("PYJIT_PROFILE")
    if path:
        load_profile(path)


_register_exit_reports()
if _os.environ.get("PYJIT_CACHE_DIR"):
    _use_cache(_os.environ["PYJIT_CACHE_DIR"])
