"""Runs a batch of generated programs in one process (stock or under pyjit).

Usage: cd BATCHDIR && python3.11 harness.py fz_S_1.py fz_S_2.py ...

Each program file is compiled with its own (relative) file name, so its code objects are
distinct and the JIT's stats name them, and executed in a fresh namespace as __main__.
Its output, and the traceback of an exception that escapes it, go to stdout after a
marker line "\\x1e<filename>"; stdout is flushed after every program so the output of
the programs before a crash survives it.  stderr is redirected to stdout (warnings land
in the program's section).  Tracebacks are printed by the interpreter's own (C) printer,
sys.__excepthook__, which reads the source lines from the file and adds the 3.11
position carets, as a standalone run does.

The harness imports nothing but sys and builtins: under PYJIT_THRESHOLD=0 every
function that runs is compiled, and importing json or traceback (re, enum, tokenize...)
cost more LLVM time per batch at -O2 than a dozen programs.
"""

import builtins
import sys

MARK = "\x1e"


def run_one(name, out):
    with open(name, encoding="utf-8") as fp:
        src = fp.read()
    ns = {"__name__": "__main__", "__builtins__": builtins}
    try:
        code = compile(src, name, "exec", dont_inherit=True)
        exec(code, ns)
    except SystemExit as e:
        print("SystemExit", e.code)
    except BaseException as e:       # report everything, as python would
        # skip this frame (the exec() call): the traceback then reads as a standalone run's
        sys.__excepthook__(type(e), e, e.__traceback__.tb_next)
    ns.clear()


def main():
    out = sys.stdout
    sys.stderr = out
    for name in sys.argv[1:]:
        out.write(MARK + name + "\n")
        out.flush()
        run_one(name, out)
        out.flush()
    out.write(MARK + "END\n")
    out.flush()


if __name__ == "__main__":
    main()
