# pyjit-corpus: unbounded recursion in compiled code raises RecursionError (caught at module level, only the type printed); interpreter recovers afterwards
# pyjit-compiled: down, ping, pong, via_builtin, depth_ok, down_with_work, recurse_through_fallback
# pyjit-compiled: fallback_hop

import sys

def down(n):
    return down(n + 1) + 1

def ping(n):
    return pong(n + 1)

def pong(n):
    return ping(n + 1)

def via_builtin(n):
    # recursion through a C call (map/sum) between compiled frames
    return sum(map(via_builtin, range(n, n + 1))) + 1

def depth_ok(n):
    if n == 0:
        return 0
    return depth_ok(n - 1) + 1

def down_with_work(n, acc):
    acc = acc + n * n
    if acc < 0:
        return acc
    return down_with_work(n + 1, acc)

def fallback_hop(n):
    # a sequence pattern (MATCH_SEQUENCE, GET_LEN) on the way down: once interpreted,
    # now compiled like the rest
    match n:
        case [_]:
            return 0
    values = [n]
    return recurse_through_fallback(values[0] + 1)

def recurse_through_fallback(n):
    return fallback_hop(n + 1)

sys.setrecursionlimit(1000)
for fn in (down, ping, via_builtin, recurse_through_fallback):
    try:
        fn(0)
        print(fn.__name__, "returned?!")
    except RecursionError as e:
        print(fn.__name__, type(e).__name__)
try:
    down_with_work(1, 0)
except RecursionError as e:
    print("down_with_work", type(e).__name__)

print("depth_ok", depth_ok(500))
# A second round after the limit was hit must behave the same way.
for fn in (down, ping):
    try:
        fn(0)
    except RecursionError as e:
        print("again", fn.__name__, type(e).__name__)
print("depth_ok again", depth_ok(900))
sys.setrecursionlimit(3000)
print("depth_ok with higher limit", depth_ok(2500))
try:
    down(0)
except RecursionError as e:
    print("higher limit", type(e).__name__)
