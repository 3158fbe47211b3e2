#!/usr/bin/python3.11
"""Standalone sanity check of the pyjit differential corpus (no JIT needed).

For every tests/corpus/*.py program:
  * parse the '# pyjit-...' header;
  * compile() the source (nothing is imported from it), find each declared
    function's code object by co_qualname (walking co_consts recursively;
    '<module>' is the module's own code, a class name its class body) and
    verify that
      - every 'pyjit-compiled' function uses only compiled opcodes (all of
        CPython 3.11's but corpus_lib.EXCLUDED_OPCODES); a declared module or
        class body has a loop,
      - every 'pyjit-not-compiled' function uses an excluded opcode;
  * run the program twice under stock Python (with two different
    PYTHONHASHSEEDs) and check stdout/stderr/exit status are identical and the
    exit status matches 'pyjit-exit' (default 0);
  * run it once more under the recorder of executed code objects
    (corpus_lib.record_executed, a C-level profiler) and check every declared
    function (compiled or not) is actually executed, since the JIT only
    compiles functions that run; print how many executed functions are
    eligible for compilation (the denominator of the runner's compiled share).
  * report compiled opcodes that no declared-compiled function exercises.

Usage: /usr/bin/python3.11 tests/diff/check_corpus.py [-v] [-j N] [prog.py ...]
Exits 1 and lists the problems if anything is wrong.
"""

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus_lib as cl  # noqa: E402

def run_stock(prog, hashseed):
    return subprocess.run(
        [cl.python_exe(), prog.name], cwd=str(prog.parent), env=cl.base_env(hashseed),
        stdin=subprocess.DEVNULL, capture_output=True, timeout=cl.RUN_TIMEOUT_S)


def check_program(prog, verbose=False):
    problems = []
    notes = []
    name = prog.name
    try:
        hdr = cl.parse_header(prog)
    except cl.HeaderError as e:
        return [str(e)], notes, 0
    if not hdr.compiled:
        problems.append(f"{name}: declares no pyjit-compiled functions")

    # --- static opcode checks -------------------------------------------------
    try:
        table = cl.functions_by_qualname(prog)
    except SyntaxError as e:
        return [f"{name}: does not compile: {e}"], notes, 0
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
            if not cl.is_function(co) and not cl.has_loop(co):
                problems.append(f"{name}: {qn} is a module or class body without a loop; "
                                f"only those with a loop are compiled")
    for qn in hdr.not_compiled:
        codes = table.get(qn)
        if not codes:
            problems.append(f"{name}: pyjit-not-compiled function {qn!r} not found")
            continue
        for co in codes:
            if not cl.unsupported_opcodes(co):
                problems.append(
                    f"{name}: {qn} (line {co.co_firstlineno}) is declared not-compiled "
                    f"but uses only compiled opcodes")
    if verbose:
        declared = set(hdr.compiled) | set(hdr.not_compiled)
        for qn, codes in sorted(table.items()):
            if qn not in declared:
                ok = all(cl.is_eligible(c) or (not cl.is_function(c)
                                                and not cl.unsupported_opcodes(c))
                         for c in codes)
                notes.append(f"{name}: undeclared function {qn} "
                             f"({'compilable' if ok else 'falls back'})")

    # --- determinism and exit status -----------------------------------------
    try:
        r1 = run_stock(prog, 1)
        r2 = run_stock(prog, 2)
    except subprocess.TimeoutExpired:
        problems.append(f"{name}: timed out after {cl.RUN_TIMEOUT_S}s under stock Python")
        return problems, notes, 0
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
    try:
        rec = cl.record_executed(prog)
    except RuntimeError as e:
        problems.append(f"{name}: could not record executed functions: {e}")
        return problems, notes
    executed = {cl.code_key(co) for co in rec.codes}
    for qn in hdr.compiled + hdr.not_compiled:
        for co in table.get(qn, ()):
            if cl.code_key(co) not in executed:
                problems.append(f"{name}: declared function {qn} (line "
                                f"{co.co_firstlineno}) is never executed, "
                                f"so the JIT would never see it")
    if rec.run.returncode != r1.returncode or rec.run.stdout != r1.stdout:
        # Expected only for programs that walk the whole stack (the recorder
        # adds one frame below the module's).
        notes.append(f"{name}: the recording run's stdout/exit status differ from "
                     f"a plain run")
    eligible = {cl.code_key(co) for co in rec.codes if cl.is_eligible(co)}
    notes.append(f"{name}: {len(eligible)} executed function(s) eligible for compilation")
    return problems, notes, len(eligible)


# Compiled opcodes that compiled (non-generator) 3.11 code never shows through
# dis.get_instructions: CACHE entries are hidden, JUMP_BACKWARD_NO_INTERRUPT is
# only emitted for yield-from/await loops, and IMPORT_STAR/PRINT_EXPR are
# excluded anyway.
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
    n_comp = n_not = n_eligible = 0
    for prog, (problems, notes, eligible) in zip(progs, results):
        all_problems += problems
        n_eligible += eligible
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
          f"{n_not} declared not-compiled; {n_eligible} executed functions eligible "
          f"for compilation")
    if not args.programs:
        missing = sorted(cl.SUBSET_OPCODES - exercised_opcodes(progs) - UNREACHABLE_OPCODES)
        if missing:
            print("compiled opcodes not exercised by any declared-compiled function:",
                  ", ".join(missing))
        else:
            print("every reachable compiled opcode is exercised by some declared-compiled "
                  "function")
    if all_problems:
        print(f"{len(all_problems)} problem(s):")
        for p in all_problems:
            print("  -", p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
