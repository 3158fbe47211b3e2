# pyjit-corpus: fuzz-found: deep recursion under a raised recursion limit; stock 3.11 runs it (its Python-to-Python calls use no C stack), pyjit overflows the 8 MB C stack: SIGSEGV past ~10,000 levels at PYJIT_OPT=0, ~90,000 at 2 (also at the default threshold) -- fixed: near the end of the C stack pyjit continues on a new stack segment (src/runtime/stack.c)
# pyjit-compiled: deep
# Found while investigating the fuzzer's recursion template (tests/fuzz/gen.py s_recursion);
# written by hand, not minimised by the fuzzer.
import sys

sys.setrecursionlimit(1000000)


def deep(p):
    if p <= 0:
        return 0
    return deep(p - 1) + 1


print(deep(1000))
print(deep(20000))
print(deep(100000))
