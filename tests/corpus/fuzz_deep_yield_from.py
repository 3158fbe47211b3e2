# pyjit-corpus: fuzz-found: a 15,000-deep yield from chain under a raised recursion limit; stock 3.11 runs it, pyjit at PYJIT_OPT=0 overflows the C stack (SIGSEGV); same cause as fuzz_deep_recursion.py -- fixed: near the end of the C stack pyjit continues on a new stack segment (src/runtime/stack.c)
# pyjit-compiled: g
# Found while investigating the fuzzer's recursion template; written by hand.
import sys


def g(n):
    if n > 0:
        yield from g(n - 1)
    yield n


print(sum(g(900)))
sys.setrecursionlimit(20000)
try:
    print(sum(g(15000)))
except RecursionError:
    print('RecursionError')
