# pyjit-corpus: the recursion limit reached inside compiled generators resumed through `yield from` (driven by a for loop; by the builtin sum() only below the limit): the RecursionError must come from the same operation with the same message and traceback as on stock (stock, with its call sites and int comparisons specialized: the next generator frame's entry, "maximum recursion depth exceeded"), for an int comparison, a truth test and a call in the generator body
# pyjit-compiled: gen_cmp, gen_truth, gen_call, tiny, run, tail, <module>
import sys


def gen_cmp(n):
    if n > 0:
        yield from gen_cmp(n - 1)
    yield n


def gen_truth(n):
    if n:
        yield from gen_truth(n - 1)
    yield n


def tiny(n):
    return n - 1


def gen_call(n):
    if tiny(n + 1):
        yield from gen_call(n - 1)
    yield n


def tail(tb):
    depth = 0
    last = None
    while tb is not None:
        depth += 1
        last = tb
        tb = tb.tb_next
    code = last.tb_frame.f_code
    return depth, code.co_name, last.tb_lineno - code.co_firstlineno, last.tb_frame.f_locals.get("n")


def run(gen, limit, depth, use_sum):
    sys.setrecursionlimit(limit)
    try:
        if use_sum:
            r = sum(gen(depth))          # a builtin called by compiled code drives the chain
        else:
            r = 0
            for x in gen(depth):
                r += x
        out = ("ok", r)
    except RecursionError as e:
        out = ("RecursionError", str(e), tail(e.__traceback__))
    sys.setrecursionlimit(1000)
    return out


for use_sum in (False, True):
    for gen in (gen_cmp, gen_truth, gen_call):
        # (first shallow: stock's call sites and comparisons are specialized from here on)
        print(gen.__name__, "shallow", run(gen, 1000, 30, use_sum))
        # At the limit, only the for loop: whether the builtin sum() call counts a recursion
        # level depends on the interpreter's specialisation of that call site (unspecialised,
        # its vectorcall counts one; PRECALL_BUILTIN_FAST_WITH_KEYWORDS does not), which
        # code compiled at its first call cannot follow both ways.  pyjit counts it, as the
        # unspecialised call does (CPython's test_exceptions checks that rule).
        for limit in ((60, 100, 121) if not use_sum else ()):
            print("for", gen.__name__, limit, run(gen, limit, 200, use_sum))
