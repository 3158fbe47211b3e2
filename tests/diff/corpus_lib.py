"""Shared helpers for the pyjit differential test corpus.

Used by tests/diff/test_corpus.py (the JIT-vs-stock runner) and by
tests/diff/check_corpus.py (the standalone corpus sanity checker).
Standard library only.
"""

import dis
import marshal
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

DIFF_DIR = Path(__file__).resolve().parent
REPO_ROOT = DIFF_DIR.parent.parent
CORPUS_DIR = REPO_ROOT / "tests" / "corpus"

DEFAULT_PYTHON = "/usr/bin/python3.11"
# A hang detector, not a speed limit: the slowest program (imports_in_functions.py, every
# stdlib function it imports compiled at O2) takes about 30 s alone and timed out at 60 s
# on a machine loaded by a parallel compat run.
RUN_TIMEOUT_S = 180

# What the JIT compiles: every CPython 3.11 opcode (issue 4).  This is the one place
# the list of exceptions lives; everything else (check_corpus.py, test_corpus.py, the
# compiled-share computation) derives from EXCLUDED_OPCODES / SUBSET_OPCODES.  A function
# whose bytecode contains an excluded opcode runs in the interpreter (a counted
# fallback).  None is left: generators and coroutines compile (their creation,
# RETURN_GENERATOR, is the interpreter's, every resume is compiled), except* handlers run
# in the interpreter inside compiled functions.
EXCLUDED_OPCODES = frozenset()

if sys.version_info[:2] != (3, 11):
    raise RuntimeError(f"the pyjit corpus tools need CPython 3.11, not {sys.version}")
ALL_OPCODES = frozenset(dis.opmap)   # the 110 opcodes of CPython 3.11 (specializations excluded)
assert EXCLUDED_OPCODES <= ALL_OPCODES, sorted(EXCLUDED_OPCODES - ALL_OPCODES)
SUBSET_OPCODES = ALL_OPCODES - EXCLUDED_OPCODES

# Code flags.
CO_OPTIMIZED = 0x0001             # set for functions, lambdas, comprehensions; not module/class bodies
CO_GENERATOR = 0x0020
CO_COROUTINE = 0x0080
CO_ITERABLE_COROUTINE = 0x0100
CO_ASYNC_GENERATOR = 0x0200
GENERATOR_FLAGS = CO_GENERATOR | CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR

_HEADER_RE = re.compile(r"^#\s*pyjit-([a-z-]+)\s*:\s*(.*?)\s*$")
_QUALNAME_RE = re.compile(r"^[A-Za-z_<][A-Za-z0-9_<>.]*$")
KNOWN_KEYS = {"corpus", "compiled", "not-compiled", "exit"}


class HeaderError(Exception):
    pass


@dataclass
class Header:
    description: str
    compiled: list = field(default_factory=list)
    not_compiled: list = field(default_factory=list)
    exit_status: int = 0


def _split_names(value, key, path):
    names = [n.strip() for n in value.split(",") if n.strip()]
    for n in names:
        if not _QUALNAME_RE.match(n):
            raise HeaderError(f"{path.name}: bad qualname {n!r} in pyjit-{key}")
    return names


def parse_header(path):
    """Parse the leading '# pyjit-...' comment block of a corpus program."""
    path = Path(path)
    values = {}
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if not line.startswith("#"):
                break
            m = _HEADER_RE.match(line)
            if not m:
                continue
            key, value = m.group(1), m.group(2)
            if key not in KNOWN_KEYS:
                raise HeaderError(f"{path.name}: unknown header key pyjit-{key}")
            if key in values and key != "compiled" and key != "not-compiled":
                raise HeaderError(f"{path.name}: duplicate header pyjit-{key}")
            values.setdefault(key, []).append(value)
    if "corpus" not in values or not values["corpus"][0]:
        raise HeaderError(f"{path.name}: missing '# pyjit-corpus: <description>' header")
    hdr = Header(description=values["corpus"][0])
    for v in values.get("compiled", []):
        hdr.compiled += _split_names(v, "compiled", path)
    for v in values.get("not-compiled", []):
        hdr.not_compiled += _split_names(v, "not-compiled", path)
    if "exit" in values:
        try:
            hdr.exit_status = int(values["exit"][0])
        except ValueError:
            raise HeaderError(f"{path.name}: pyjit-exit must be an integer") from None
    both = set(hdr.compiled) & set(hdr.not_compiled)
    if both:
        raise HeaderError(f"{path.name}: declared both compiled and not-compiled: {sorted(both)}")
    return hdr


def corpus_programs():
    return sorted(CORPUS_DIR.glob("*.py"))


def iter_code_objects(code):
    """Yield every code object nested (recursively) in *code*, excluding *code*."""
    for const in code.co_consts:
        if isinstance(const, type(code)):
            yield const
            yield from iter_code_objects(const)


def compile_program(path):
    """Compile a corpus program the way `python3.11 prog.py` does (absolute filename)."""
    path = Path(path).resolve()
    return compile(path.read_bytes(), str(path), "exec", dont_inherit=True)


def functions_by_qualname(path):
    """Compile a corpus program and map co_qualname -> [code objects].

    Nested functions, lambdas, comprehensions and class bodies are listed under
    their co_qualname; the module's own code is listed as '<module>'."""
    module = compile_program(path)
    table = {"<module>": [module]}
    for co in iter_code_objects(module):
        table.setdefault(co.co_qualname, []).append(co)
    return table


def opnames(code):
    return {ins.opname for ins in dis.get_instructions(code)}


def unsupported_opcodes(code):
    """Opcodes of *code* the JIT does not compile (empty set = compilable)."""
    return opnames(code) & EXCLUDED_OPCODES


def is_generator(code):
    """Generator, coroutine or async generator code."""
    return bool(code.co_flags & GENERATOR_FLAGS)


def is_function(code):
    """A function, lambda or comprehension -- not a module or class body."""
    return bool(code.co_flags & CO_OPTIMIZED)


def has_loop(code):
    return any(ins.opname.startswith(("JUMP_BACKWARD", "POP_JUMP_BACKWARD"))
               for ins in dis.get_instructions(code))


def is_eligible(code):
    """Counts towards the compiled share: a function (not a module/class body)
    that uses no excluded opcode."""
    return is_function(code) and not unsupported_opcodes(code)


def code_key(code):
    """How a code object is identified across processes (and in the JIT stats)."""
    return (code.co_qualname, code.co_firstlineno)


# A stock run of a corpus program that records which of the program's code
# objects were executed.  It runs the program as __main__ the way `python3.11
# prog.py` does (absolute __file__ and co_filename, sys.argv, sys.path[0], a fresh
# __main__ module) under the C-level profiler of cProfile (_lsprof, builtins off):
# no Python code runs on calls or returns, so the recursion limit, line numbers,
# tracebacks, finalizer timing and the program's output are as in a plain run
# (the only difference: one extra frame, the wrapper's, below the program's module
# frame).  Threads started through `threading` get a profiler of their own.  At
# exit -- after the program's own atexit handlers, also after sys.exit() or an
# uncaught exception -- the profilers are stopped (which counts the calls still
# on the stack) and every executed code object whose co_filename is the program
# is written to argv[2] with marshal.
_RECORDER = r"""
import _lsprof, atexit, builtins, os, sys, threading, types
_prog = os.path.abspath(sys.argv[1])
_out = sys.argv[2]
_profilers = []
_first = []

def _dump():
    import marshal
    codes = {}
    for p in _profilers:
        try:
            p.disable()
        except Exception:
            pass
    for p in _profilers:
        for entry in p.getstats():
            co = entry.code
            if isinstance(co, types.CodeType) and co.co_filename == _prog:
                codes[id(co)] = co
    for co in _first:
        if co.co_filename == _prog:
            codes[id(co)] = co
    with open(_out, "wb") as fp:
        marshal.dump(list(codes.values()), fp)

def _thread_hook(frame, event, arg):
    _first.append(frame.f_code)
    p = _lsprof.Profiler(builtins=False)
    _profilers.append(p)
    p.enable()

atexit.register(_dump)
threading.setprofile(_thread_hook)
with open(_prog, "rb") as _fp:
    _code = compile(_fp.read(), _prog, "exec", dont_inherit=True)
del _fp
_main = types.ModuleType("__main__")
_main.__file__ = _prog
_main.__cached__ = None
_main.__builtins__ = builtins
sys.modules["__main__"] = _main
sys.argv = [sys.argv[1]]
sys.path[0] = os.path.dirname(_prog)
_p = _lsprof.Profiler(builtins=False)
_profilers.append(_p)
_p.enable()
exec(_code, _main.__dict__)
"""


class Recording:
    """Result of record_executed(): the executed code objects and the run itself."""
    def __init__(self, codes, run):
        self.codes = codes      # list of code objects of the program that ran
        self.run = run          # subprocess.CompletedProcess of the recording run


def record_executed(prog, timeout=None):
    """Run *prog* on stock Python under the recorder and return a Recording of its
    code objects (functions, lambdas, comprehensions, class bodies, the module)
    that were executed; raise RuntimeError if nothing could be recorded."""
    prog = Path(prog).resolve()
    with tempfile.TemporaryDirectory(prefix="pyjit-rec-") as tmp:
        out = os.path.join(tmp, "executed.marshal")
        try:
            r = subprocess.run(
                [python_exe(), "-c", _RECORDER, prog.name, out],
                cwd=str(prog.parent), env=base_env(0), stdin=subprocess.DEVNULL,
                capture_output=True, timeout=timeout or RUN_TIMEOUT_S * 2)
        except subprocess.TimeoutExpired:
            raise RuntimeError("recording run timed out") from None
        try:
            with open(out, "rb") as fp:
                return Recording(marshal.load(fp), r)
        except (OSError, ValueError, EOFError, TypeError) as e:
            tail = r.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"recording run wrote nothing ({e}); exit status "
                               f"{r.returncode}, stderr tail: {tail}") from None


def python_exe():
    return os.environ.get("PYJIT_PYTHON", DEFAULT_PYTHON)


def build_dir():
    return Path(os.environ.get("PYJIT_BUILD_DIR", str(REPO_ROOT / "build")))


def base_env(hashseed="0"):
    """Environment for the stock run: the caller's, minus anything pyjit-ish."""
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("PYJIT_") or k == "LD_PRELOAD":
            del env[k]
    # Keep runs reproducible regardless of the caller's settings.
    for k in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONWARNINGS", "PYTHONDEVMODE",
              "PYTHONTRACEMALLOC", "PYTHONFAULTHANDLER", "PYTHONBREAKPOINT"):
        env.pop(k, None)
    env["PYTHONHASHSEED"] = str(hashseed)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
