"""Check that the hot functions of each benchmark stay inside the JIT's opcode subset.

Usage:
    /usr/bin/python3.11 benchmarks/check_subset.py [-v] [bench_file ...]

With no file arguments every ``benchmarks/bench_*.py`` is checked.  For each
function defined in a benchmark module (including nested code objects) the
opcodes are listed with ``dis`` and compared against ``SUPPORTED_OPCODES``,
the set the JIT compiles today.  A benchmark may declare a module-level
``INTERPRETED = {"func_name", ...}`` naming functions that deliberately use
opcodes outside the subset (e.g. to measure mixed JIT/interpreter code).

Exit status is 1 if any function not listed in ``INTERPRETED`` is outside the
subset, or a function listed in ``INTERPRETED`` is in fact fully supported
(a stale marker -- the benchmark no longer measures what it says it does).

Keep ``SUPPORTED_OPCODES`` in step with the JIT as its subset widens.  This
only loads the modules (module-level code runs); it never calls ``run()``.
The opcode names are those of the interpreter running this script, so run it
with /usr/bin/python3.11.
"""

import argparse
import dis
import glob
import importlib.util
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

SUPPORTED_OPCODES = frozenset({
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

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def iter_code(code, prefix=""):
    """Yield (qualified name, code object) for code and every nested code object."""
    yield prefix + code.co_name, code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from iter_code(const, prefix + code.co_name + ".")


def module_functions(mod):
    """Code objects of functions defined in mod (module-level code excluded)."""
    seen = set()
    for name, obj in sorted(vars(mod).items()):
        if isinstance(obj, types.FunctionType) and obj.__module__ == mod.__name__:
            for qual, code in iter_code(obj.__code__):
                if id(code) not in seen:
                    seen.add(id(code))
                    yield qual, code


def unsupported(code):
    bad = {}
    for ins in dis.get_instructions(code):
        if ins.opname not in SUPPORTED_OPCODES:
            bad.setdefault(ins.opname, ins.positions.lineno if ins.positions else None)
    return bad


def check_file(path, verbose):
    mod = load_module(path)
    interpreted = set(getattr(mod, "INTERPRETED", ()))
    problems = 0
    names = set()
    lines = []
    for qual, code in module_functions(mod):
        names.add(qual)
        bad = unsupported(code)
        expected_interp = qual in interpreted
        if bad and not expected_interp:
            problems += 1
            detail = ", ".join("%s (line %s)" % (op, ln) for op, ln in sorted(bad.items()))
            lines.append("  FAIL  %-28s outside subset: %s" % (qual, detail))
        elif not bad and expected_interp:
            problems += 1
            lines.append("  FAIL  %-28s listed in INTERPRETED but is fully inside the subset" % qual)
        elif bad:
            detail = ", ".join(sorted(bad))
            lines.append("  interp %-27s (deliberate) %s" % (qual, detail))
        else:
            lines.append("  ok    %s" % qual)
    for name in sorted(interpreted - names):
        problems += 1
        lines.append("  FAIL  INTERPRETED names unknown function %r" % name)
    if not hasattr(mod, "run"):
        problems += 1
        lines.append("  FAIL  module defines no run()")
    status = "OK" if not problems else "%d problem(s)" % problems
    print("%s: %s" % (os.path.relpath(path), status))
    if verbose or problems:
        print("\n".join(lines))
    return problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="benchmark files (default: all bench_*.py)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every function")
    args = ap.parse_args(argv)
    if sys.version_info[:2] != (3, 11):
        print("warning: opcode names are version specific; run with /usr/bin/python3.11",
              file=sys.stderr)
    files = args.files or sorted(glob.glob(os.path.join(BENCH_DIR, "bench_*.py")))
    total = 0
    for path in files:
        total += check_file(path, args.verbose)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
