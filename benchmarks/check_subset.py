"""Check that the benchmarks' functions stay inside the opcode set pyjit compiles.

Usage:
    /usr/bin/python3.11 benchmarks/check_subset.py [-v] [--subset core|skeleton] [bench_file ...]

With no file arguments every ``benchmarks/bench_*.py`` is checked.  Every
code object in a benchmark file is examined: module-level functions, methods
(including those of nested classes), lambdas, nested functions and
comprehension bodies (on 3.11 a list/dict/set comprehension is a separate
function, so is a generator expression).  Its opcodes (``dis``) are compared
against the chosen subset:

``core`` (default)
    Every opcode pyjit runs in compiled code: all of CPython 3.11's except a
    generator's creation, an async generator's yield and ``except*`` handlers
    -- see ``EXCLUDED_OPCODES`` (docs/opcodes.md).
``skeleton``
    The original small subset (locals, constants, globals, int/float
    arithmetic, compares, jumps, ``for``, positional calls, return), kept to
    see what the first version of the JIT could compile.

Class bodies and the module body run once at import and are never compiled;
they are listed (with -v) but never counted as problems.

A benchmark may declare a module-level ``INTERPRETED = {"name", ...}`` naming
functions that deliberately use opcodes outside the subset (mixed JIT /
interpreter benchmarks).  A name matches a function's ``co_name`` or
``co_qualname`` (``Class.method``, ``outer.<locals>.inner``).

Exit status 1 if a function not listed in ``INTERPRETED`` is outside the
subset, a function listed in ``INTERPRETED`` is in fact fully inside it (a
stale marker: the benchmark no longer measures what it says), or the module
has no ``run()``.  This loads the modules (module-level code runs) but never
calls ``run()``.  Opcode names are those of the interpreter running this
script, so run it with /usr/bin/python3.11.
"""

import argparse
import dis
import glob
import importlib.util
import inspect
import os
import sys
import types

# Do not leave __pycache__ directories in benchmarks/.
sys.dont_write_bytecode = True

JUMPS = {
    "JUMP_FORWARD",
    "JUMP_BACKWARD",
    "JUMP_BACKWARD_NO_INTERRUPT",
    "POP_JUMP_FORWARD_IF_FALSE",
    "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE",
    "POP_JUMP_FORWARD_IF_NOT_NONE",
    "POP_JUMP_BACKWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_NONE",
    "POP_JUMP_BACKWARD_IF_NOT_NONE",
    "JUMP_IF_FALSE_OR_POP",
    "JUMP_IF_TRUE_OR_POP",
}

# The first version of the JIT.
SKELETON_OPCODES = frozenset({
    "NOP", "RESUME", "EXTENDED_ARG", "POP_TOP", "PUSH_NULL", "COPY", "SWAP",
    "LOAD_CONST", "LOAD_FAST", "STORE_FAST", "DELETE_FAST",
    "LOAD_GLOBAL", "STORE_GLOBAL",
    "BINARY_OP",
    "UNARY_POSITIVE", "UNARY_NEGATIVE", "UNARY_NOT", "UNARY_INVERT",
    "COMPARE_OP", "IS_OP", "CONTAINS_OP",
    "GET_ITER", "FOR_ITER",
    "LOAD_METHOD", "PRECALL", "CALL",   # CALL with keywords needs KW_NAMES -> rejected
    "RETURN_VALUE",
}) | JUMPS

# What pyjit leaves to the interpreter, by feature (docs/opcodes.md): a generator's
# creation (its body compiles), an async generator's yield, except* handlers.  A function
# using these still compiles; only those instructions run in the interpreter.
EXCLUDED_BY_FEATURE = {
    "generator creation": {"RETURN_GENERATOR"},
    "async generator yield": {"ASYNC_GEN_WRAP"},
    "except*": {"CHECK_EG_MATCH", "PREP_RERAISE_STAR"},
}
EXCLUDED_OPCODES = frozenset().union(*EXCLUDED_BY_FEATURE.values())
FEATURE_OF = {op: feat for feat, ops in EXCLUDED_BY_FEATURE.items() for op in ops}

# Every opcode of this interpreter except the excluded ones.  CACHE entries are
# not instructions (dis skips them).
CORE_OPCODES = frozenset(op for op in dis.opmap if op != "CACHE") - EXCLUDED_OPCODES

SUBSETS = {"core": CORE_OPCODES, "skeleton": SKELETON_OPCODES}
# Kept for anything importing the old name: the default subset.
SUPPORTED_OPCODES = CORE_OPCODES

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def iter_code(code, ancestors=()):
    """Yield (code object, tuple of enclosing code objects) for every code object
    nested in code (depth first), not code itself."""
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield const, ancestors
            yield from iter_code(const, ancestors + (const,))


def kind_of(code):
    flags = code.co_flags
    if flags & (inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
                | inspect.CO_ITERABLE_COROUTINE):
        return "generator"
    if not flags & inspect.CO_OPTIMIZED:
        return "class body"
    return "function"


def outside(code, supported):
    """{opname: first line} for opcodes of code outside supported."""
    bad = {}
    for ins in dis.get_instructions(code):
        if ins.opname not in supported:
            bad.setdefault(ins.opname, ins.positions.lineno if ins.positions else None)
    return bad


def describe(bad):
    parts = []
    for op, line in sorted(bad.items(), key=lambda kv: (kv[1] or 0, kv[0])):
        feat = FEATURE_OF.get(op)
        parts.append("%s%s (line %s)" % (op, " [%s]" % feat if feat else "", line))
    return ", ".join(parts)


def check_file(path, supported, verbose):
    mod = load_module(path)
    with open(path, encoding="utf-8") as f:
        module_code = compile(f.read(), path, "exec")
    interpreted = set(getattr(mod, "INTERPRETED", ()))
    problems = 0
    matched = set()
    lines = []
    counts = {"ok": 0, "interp": 0, "class body": 0}
    codes = list(iter_code(module_code))
    bad_of = {id(code): outside(code, supported) for code, _ in codes}

    def listed(code):
        return {code.co_name, code.co_qualname} & interpreted

    # A name in INTERPRETED also covers the code nested in that function (e.g. the
    # generator expression that keeps part of it in the interpreter).
    subtree_bad = {}
    for code, ancestors in codes:
        if bad_of[id(code)]:
            for c in ancestors + (code,):
                subtree_bad[id(c)] = True
    for code, ancestors in codes:
        qual = code.co_qualname
        kind = kind_of(code)
        bad = bad_of[id(code)]
        names = listed(code)
        matched |= names
        covered = bool(names) or any(listed(a) for a in ancestors)
        if kind == "class body":
            counts["class body"] += 1
            lines.append("  class  %-34s (runs once at import, never compiled)%s"
                         % (qual, ": " + ", ".join(sorted(bad)) if bad else ""))
        elif bad and not covered:
            problems += 1
            hint = ""
            if code.co_name == "<genexpr>":
                hint = "  -- a generator expression; use a list comprehension or a loop"
            lines.append("  FAIL   %-34s outside subset: %s%s" % (qual, describe(bad), hint))
        elif names and not subtree_bad.get(id(code)):
            problems += 1
            lines.append("  FAIL   %-34s listed in INTERPRETED but fully inside the subset"
                         % qual)
        elif bad:
            counts["interp"] += 1
            lines.append("  interp %-34s (deliberate) %s" % (qual, describe(bad)))
        else:
            counts["ok"] += 1
            lines.append("  ok     %s%s" % (qual, "  (listed in INTERPRETED for its nested code)"
                                           if names else ""))
    for name in sorted(interpreted - matched):
        problems += 1
        lines.append("  FAIL   INTERPRETED names unknown function %r" % name)
    if not callable(getattr(mod, "run", None)):
        problems += 1
        lines.append("  FAIL   module defines no run()")
    status = "OK" if not problems else "%d problem(s)" % problems
    print("%s: %s (%d functions inside, %d deliberately interpreted)"
          % (os.path.relpath(path), status, counts["ok"], counts["interp"]))
    if verbose:
        print("\n".join(lines))
    else:  # always name what is outside the subset
        shown = [ln for ln in lines if not ln.startswith(("  ok", "  class"))]
        if shown:
            print("\n".join(shown))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="benchmark files (default: all bench_*.py)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list every function and class body")
    ap.add_argument("--subset", choices=sorted(SUBSETS), default="core",
                    help="opcode set to check against (default %(default)s)")
    ap.add_argument("--list-excluded", action="store_true",
                    help="print the opcodes the core subset excludes, then exit")
    args = ap.parse_args(argv)
    if sys.version_info[:2] != (3, 11):
        print("warning: opcode names are version specific; run with /usr/bin/python3.11",
              file=sys.stderr)
    if args.list_excluded:
        for feat, ops in EXCLUDED_BY_FEATURE.items():
            print("%-20s %s" % (feat, " ".join(sorted(ops))))
        return 0
    unknown = sorted(EXCLUDED_OPCODES - set(dis.opmap))
    if unknown:
        print("warning: not opcodes of this interpreter: %s" % " ".join(unknown),
              file=sys.stderr)
    files = args.files or sorted(glob.glob(os.path.join(BENCH_DIR, "bench_*.py")))
    print("subset: %s (%d opcodes)" % (args.subset, len(SUBSETS[args.subset])))
    total = 0
    for path in files:
        total += check_file(path, SUBSETS[args.subset], args.verbose)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
