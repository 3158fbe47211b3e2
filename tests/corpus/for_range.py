# pyjit-corpus: nested for loops over range() with positive/negative steps, empty ranges, bigint bounds, break/continue/else
# pyjit-compiled: sum_range, sum_step, count_empty, nested_pairs, triangle_sum, huge_bounds, huge_break, for_else_prime, primes_below, loop_var_after, matrix_trace_like, reuse_iter_var

def sum_range(n):
    s = 0
    for i in range(n):
        s += i
    return s

def sum_step(a, b, step):
    s = 0
    n = 0
    for i in range(a, b, step):
        s += i
        n += 1
    print("  step", a, b, step, "n =", n)
    return s

def count_empty(a, b):
    n = 0
    for i in range(a, b):
        n += 1
    return n

def nested_pairs(n):
    c = 0
    for i in range(n):
        for j in range(i):
            if (i ^ j) & 1:
                continue
            c += 1
    return c

def triangle_sum(n):
    s = 0
    for i in range(1, n + 1):
        for j in range(i, 0, -1):
            for k in range(j):
                s += 1
    return s

def huge_bounds(start, count):
    s = 0
    for i in range(start, start + count):
        s += i
    for i in range(start + count, start, -1):
        s -= i
    return s

def huge_break(limit):
    last = -1
    for i in range(10**18):
        if i >= limit:
            break
        last = i
    return last

def for_else_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    else:
        return True
    return True

def primes_below(n):
    c = 0
    for k in range(n):
        if for_else_prime(k):
            c += 1
    return c

def loop_var_after(n):
    i = "unset"
    for i in range(n):
        pass
    return i

def matrix_trace_like(n):
    t = 0
    for i in range(n):
        for j in range(n):
            if i == j:
                t += i * j
            elif i + j == n - 1:
                t -= 1
    return t

def reuse_iter_var(n):
    out = 0
    for i in range(n):
        for i in range(i):
            out += i
    return out

print("sum_range", sum_range(0), sum_range(1), sum_range(10), sum_range(100000))
for a, b, st in [(0, 10, 1), (0, 10, 3), (10, 0, -1), (10, 0, -3), (-5, 5, 2), (5, -5, -2), (0, 0, 1), (0, 10, -1), (10, 0, 1), (-10, -20, -4), (1, 2, 10**20)]:
    print("sum_step", sum_step(a, b, st))
print("empty", count_empty(5, 5), count_empty(5, 4), count_empty(-3, 3), count_empty(0, -1))
print("nested_pairs", nested_pairs(0), nested_pairs(10), nested_pairs(200))
print("triangle", triangle_sum(1), triangle_sum(5), triangle_sum(30))
print("huge", huge_bounds(2**63 - 3, 7), huge_bounds(2**64, 5), huge_bounds(-(2**70), 4), huge_bounds(10**30, 0))
print("huge_break", huge_break(0), huge_break(10), huge_break(10000))
print("primes", primes_below(100), primes_below(5000))
print("loop_var_after", loop_var_after(0), loop_var_after(5))
print("trace", matrix_trace_like(1), matrix_trace_like(6), matrix_trace_like(25))
print("reuse", reuse_iter_var(10))
try:
    sum_step(0, 10, 0)
except ValueError as e:
    print("ValueError", e)
try:
    sum_range(2.5)
except TypeError as e:
    print("TypeError", e)
try:
    sum_range("3")
except TypeError as e:
    print("TypeError", e)
