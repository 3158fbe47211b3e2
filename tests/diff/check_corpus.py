#!/usr/bin/python3.11
"""Standalone sanity check of the pyjit differential corpus (no JIT needed).

For every tests/corpus/*.py program:
  * parse the '# pyjit-...' header;
  * compile() the source (nothing is imported from it), find each declared
    function's code object by co_qualname (walking co_consts recursively) and
    verify that
      - every 'pyjit-compiled' function uses only the skeleton-subset opcodes,
      - every 'pyjit-not-compiled' function uses at least one opcode outside it;
  * run the program twice under stock Python (with two different
    PYTHONHASHSEEDs) and check stdout/stderr/exit status are identical and the
    exit status matches 'pyjit-exit' (default 0);
  * run it once more with every function body instrumented (AST rewrite, a
    C-level marker call; see _CALL_TRACER) and check every declared function
    (compiled or not) is actually called, since the JIT only compiles
    functions that run.
  * report subset opcodes that no declared-compiled function exercises.

Usage: /usr/bin/python3.11 tests/diff/check_corpus.py [-v] [-j N] [prog.py ...]
Exits 1 and lists the problems if anything is wrong.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_lib as cl  # noqa: E402

# Runs a corpus program as __main__ with every function body instrumented to
# record that it started executing.  The marker is a C-level callable
# (set.add, reached as a builtin), so no extra Python frame is pushed: the
# program's recursion depth, line numbers and behaviour are unchanged, and the
# marking still works at the recursion limit (a sys.setprofile hook would be
# uninstalled by CPython the first time its own frame overflows the stack).
# The mark is (co_name, co_firstlineno), which identifies the code object.
_CALL_TRACER = r"""
import ast, atexit, builtins, json, sys, types
_prog, _out = sys.argv[1], sys.argv[2]
_seen = set()
builtins.__corpus_mark__ = _seen.add

def _mark(name, line, lineno):
    call = ast.Expr(ast.Call(ast.Name("__corpus_mark__", ast.Load()),
                             [ast.Constant(name + ":" + str(line))], []))
    return ast.fix_missing_locations(ast.copy_location(call, lineno))

class _Instrument(ast.NodeTransformer):
    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        body = node.body
        k = 1 if (body and isinstance(body[0], ast.Expr)
                  and isinstance(body[0].value, ast.Constant)
                  and isinstance(body[0].value.value, str)) else 0
        node.body = body[:k] + [_mark(node.name, first, body[0])] + body[k:]
        return node
    visit_AsyncFunctionDef = visit_FunctionDef
    def visit_Lambda(self, node):
        self.generic_visit(node)
        mark = _mark("<lambda>", node.lineno, node.body).value
        tup = ast.copy_location(ast.Tuple([mark, node.body], ast.Load()), node.body)
        node.body = ast.copy_location(
            ast.Subscript(tup, ast.Constant(1), ast.Load()), node.body)
        ast.fix_missing_locations(node)
        return node

def _dump():
    with open(_out, "w") as fp:
        json.dump(sorted(_seen), fp)
atexit.register(_dump)

with open(_prog, encoding="utf-8") as fp:
    _tree = _Instrument().visit(ast.parse(fp.read(), _prog))
_code = compile(_tree, _prog, "exec")
_main = types.ModuleType("__main__")
_main.__file__ = _prog
_main.__builtins__ = builtins
sys.modules["__main__"] = _main
sys.argv = [_prog]
del fp
exec(_code, _main.__dict__)
"""


def run_stock(prog, hashseed):
    return subprocess.run(
        [cl.python_exe(), prog.name], cwd=str(prog.parent), env=cl.base_env(hashseed),
        stdin=subprocess.DEVNULL, capture_output=True, timeout=cl.RUN_TIMEOUT_S)


def called_functions(prog):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "calls.json")
        try:
            subprocess.run(
                [cl.python_exe(), "-c", _CALL_TRACER, prog.name, out],
                cwd=str(prog.parent), env=cl.base_env(0), stdin=subprocess.DEVNULL,
                capture_output=True, timeout=cl.RUN_TIMEOUT_S * 2)
        except subprocess.TimeoutExpired:
            return None
        try:
            with open(out) as fp:
                frames = json.load(fp)
        except (OSError, ValueError):
            return None
    called = set()
    for f in frames:
        name, _, line = f.rpartition(":")
        called.add((int(line), name))
    return called


def check_program(prog, verbose=False):
    problems = []
    notes = []
    name = prog.name
    try:
        hdr = cl.parse_header(prog)
    except cl.HeaderError as e:
        return [str(e)], notes
    if not hdr.compiled:
        problems.append(f"{name}: declares no pyjit-compiled functions")

    # --- static opcode checks -------------------------------------------------
    try:
        table = cl.functions_by_qualname(prog)
    except SyntaxError as e:
        return [f"{name}: does not compile: {e}"], notes
    for qn in hdr.compiled:
        codes = table.get(qn)
        if not codes:
            problems.append(f"{name}: pyjit-compiled function {qn!r} not found")
            continue
        for co in codes:
            bad = cl.unsupported_opcodes(co)
            if bad:
                problems.append(
                    f"{name}: {qn} (line {co.co_firstlineno}) is declared compiled "
                    f"but uses {', '.join(sorted(bad))}")
            if co.co_flags & 0x20 or co.co_flags & 0x80 or co.co_flags & 0x200:
                problems.append(f"{name}: {qn} is a generator/coroutine; it can't be compiled")
    for qn in hdr.not_compiled:
        codes = table.get(qn)
        if not codes:
            problems.append(f"{name}: pyjit-not-compiled function {qn!r} not found")
            continue
        for co in codes:
            if not cl.unsupported_opcodes(co):
                problems.append(
                    f"{name}: {qn} (line {co.co_firstlineno}) is declared not-compiled "
                    f"but uses only subset opcodes")
    if verbose:
        declared = set(hdr.compiled) | set(hdr.not_compiled)
        for qn, codes in sorted(table.items()):
            if qn not in declared:
                ok = all(not cl.unsupported_opcodes(c) for c in codes)
                notes.append(f"{name}: undeclared function {qn} "
                             f"({'subset-only' if ok else 'falls back'})")

    # --- determinism and exit status -----------------------------------------
    try:
        r1 = run_stock(prog, 1)
        r2 = run_stock(prog, 2)
    except subprocess.TimeoutExpired:
        problems.append(f"{name}: timed out after {cl.RUN_TIMEOUT_S}s under stock Python")
        return problems, notes
    for what in ("stdout", "stderr", "returncode"):
        if getattr(r1, what) != getattr(r2, what):
            problems.append(f"{name}: {what} differs between two stock runs "
                            f"(non-deterministic output)")
    if r1.returncode != hdr.exit_status:
        tail = r1.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.append(f"{name}: exit status {r1.returncode}, header expects "
                        f"{hdr.exit_status}; stderr tail: {tail}")
    if hdr.exit_status == 0 and r1.stderr:
        notes.append(f"{name}: writes to stderr with exit status 0")
    if not r1.stdout:
        problems.append(f"{name}: prints nothing to stdout")

    # --- every declared function must actually run ----------------------------
    called = called_functions(prog)
    if called is None:
        problems.append(f"{name}: could not record called functions")
    else:
        called_here = called
        for qn in hdr.compiled + hdr.not_compiled:
            for co in table.get(qn, ()):
                if (co.co_firstlineno, co.co_name) not in called_here:
                    problems.append(f"{name}: declared function {qn} (line "
                                    f"{co.co_firstlineno}) is never called, "
                                    f"so the JIT would never see it")
    return problems, notes


# Opcodes of the subset that compiled (non-generator) 3.11 code never shows
# through dis.get_instructions: CACHE entries are hidden, and
# JUMP_BACKWARD_NO_INTERRUPT is only emitted for yield-from/await loops.
UNREACHABLE_OPCODES = {"CACHE", "JUMP_BACKWARD_NO_INTERRUPT"}


def exercised_opcodes(progs):
    seen = set()
    for prog in progs:
        try:
            hdr = cl.parse_header(prog)
            table = cl.functions_by_qualname(prog)
        except (cl.HeaderError, SyntaxError):
            continue
        for qn in hdr.compiled:
            for co in table.get(qn, ()):
                seen |= cl.opnames(co)
    return seen


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("programs", nargs="*", help="corpus programs (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also list undeclared functions and other notes")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    progs = [Path(p).resolve() for p in args.programs] or cl.corpus_programs()
    if not progs:
        print(f"no corpus programs found in {cl.CORPUS_DIR}")
        return 1
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        results = list(ex.map(lambda p: check_program(p, args.verbose), progs))

    all_problems = []
    n_comp = n_not = 0
    for prog, (problems, notes) in zip(progs, results):
        all_problems += problems
        if args.verbose:
            for n in notes:
                print("note:", n)
        try:
            hdr = cl.parse_header(prog)
            n_comp += len(hdr.compiled)
            n_not += len(hdr.not_compiled)
        except cl.HeaderError:
            pass
    print(f"checked {len(progs)} programs: {n_comp} functions declared compiled, "
          f"{n_not} declared not-compiled")
    if not args.programs:
        missing = sorted(cl.SUBSET_OPCODES - exercised_opcodes(progs) - UNREACHABLE_OPCODES)
        if missing:
            print("subset opcodes not exercised by any declared-compiled function:",
                  ", ".join(missing))
        else:
            print("every reachable subset opcode is exercised by some declared-compiled function")
    if all_problems:
        print(f"{len(all_problems)} problem(s):")
        for p in all_problems:
            print("  -", p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
