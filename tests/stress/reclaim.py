"""Memory reclaim under the JIT: creates, compiles and drops COUNT functions, each with
its own code object (closures of one code object share one compilation, so a fresh code
object per closure is what makes every one of them compile), and checks that resident
memory stays flat: the JIT frees the native code, runtime data and (past a bound) the
compile records of code that dies.

    LD_PRELOAD=<build>/lib/libpyjit.so PYJIT_THRESHOLD=0 PYJIT_OPT=0 \\
        python3.11 tests/stress/reclaim.py --count 100000

Prints one line per tenth of the run (functions so far, RSS MiB, live code bytes, compile
records) and exits 1 when RSS at the end exceeds RSS after the first tenth by more than
--tolerance (default 10%), when live code does not return to where it started, or when
nothing was compiled.
"""
import argparse
import gc
import os
import sys
import time

import pyjit


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def make(k):
    def closure(x, y=2):
        total = x
        for i in range(y):          # a loop, so the unboxing pass runs too
            total = total * 3 + k - i
        return total
    return closure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--tolerance", type=float, default=0.10)
    args = ap.parse_args()
    if not pyjit.is_enabled():
        print("reclaim: the JIT is not enabled (run with LD_PRELOAD or pyjit run)")
        return 2
    template = make(0).__code__
    start = pyjit.stats()
    t0 = time.perf_counter()
    tenth = max(1, args.count // 10)
    base_rss = None
    for i in range(args.count):
        f = make(i)
        # A code object of its own (another first line): compiled at its first call.
        f.__code__ = template.replace(co_firstlineno=template.co_firstlineno + i + 1)
        got = f(1)
        if got != 9 + 4 * i - 1:
            print(f"reclaim: wrong result {got} for closure {i}")
            return 1
        del f
        if (i + 1) % tenth == 0:
            gc.collect()
            s = pyjit.stats()
            rss = rss_mib()
            if base_rss is None:
                base_rss = rss
            print(f"{i + 1:>8} functions  rss {rss:7.1f} MiB  code {s['code_bytes']:>9} B  "
                  f"records {len(pyjit.compiled_functions()):>6}  "
                  f"{time.perf_counter() - t0:6.1f} s", flush=True)
    gc.collect()
    end = pyjit.stats()
    rss = rss_mib()
    compiled = end["compiled"] - start["compiled"]
    growth = rss / base_rss - 1 if base_rss else 0.0
    print(f"reclaim: {args.count} closures, {compiled} compiled, rss {base_rss:.1f} -> {rss:.1f} MiB "
          f"({100 * growth:+.1f}%), live code {start['code_bytes']} -> {end['code_bytes']} B, "
          f"records dropped {end['records_dropped']}")
    ok = compiled >= args.count and growth <= args.tolerance and \
        end["code_bytes"] <= start["code_bytes"] + 65536
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
