"""Shared helpers for the pyjit differential test corpus.

Used by tests/diff/test_corpus.py (the JIT-vs-stock runner) and by
tests/diff/check_corpus.py (the standalone corpus sanity checker).
Standard library only.
"""

import dis
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

DIFF_DIR = Path(__file__).resolve().parent
REPO_ROOT = DIFF_DIR.parent.parent
CORPUS_DIR = REPO_ROOT / "tests" / "corpus"

DEFAULT_PYTHON = "/usr/bin/python3.11"
RUN_TIMEOUT_S = 60

# The opcodes the JIT's skeleton subset compiles natively.  A function whose
# bytecode contains anything else falls back to the interpreter.
SUBSET_OPCODES = frozenset("""
    NOP RESUME CACHE EXTENDED_ARG POP_TOP PUSH_NULL COPY SWAP
    LOAD_CONST LOAD_FAST STORE_FAST DELETE_FAST LOAD_GLOBAL STORE_GLOBAL
    BINARY_OP UNARY_POSITIVE UNARY_NEGATIVE UNARY_NOT UNARY_INVERT
    COMPARE_OP IS_OP CONTAINS_OP
    JUMP_FORWARD JUMP_BACKWARD JUMP_BACKWARD_NO_INTERRUPT
    POP_JUMP_FORWARD_IF_FALSE POP_JUMP_FORWARD_IF_TRUE
    POP_JUMP_FORWARD_IF_NONE POP_JUMP_FORWARD_IF_NOT_NONE
    POP_JUMP_BACKWARD_IF_FALSE POP_JUMP_BACKWARD_IF_TRUE
    POP_JUMP_BACKWARD_IF_NONE POP_JUMP_BACKWARD_IF_NOT_NONE
    JUMP_IF_TRUE_OR_POP JUMP_IF_FALSE_OR_POP
    GET_ITER FOR_ITER LOAD_METHOD PRECALL CALL RETURN_VALUE
""".split())

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


def functions_by_qualname(path):
    """Compile a corpus program and map co_qualname -> [code objects]."""
    path = Path(path)
    source = path.read_text(encoding="utf-8")
    module = compile(source, path.name, "exec")
    table = {}
    for co in iter_code_objects(module):
        table.setdefault(co.co_qualname, []).append(co)
    return table


def opnames(code):
    return {ins.opname for ins in dis.get_instructions(code)}


def unsupported_opcodes(code):
    """Opcodes of *code* outside the skeleton subset (empty set = compilable)."""
    return opnames(code) - SUBSET_OPCODES


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
