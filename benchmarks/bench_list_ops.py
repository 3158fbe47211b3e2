"""List-heavy workload: a sieve, matrix multiplication, sorting helpers.

* Sieve of Eratosthenes on a list of bools (``flags[j] = False`` with a
  stride), then a list comprehension collecting the primes;
* integer matrix multiplication with lists of lists (``a[i][k] * b[k][j]``,
  row lists hoisted out of the inner loop the way people write it);
* a hand-written insertion sort for short runs plus a merge of sorted runs
  (index arithmetic, ``append``, slicing), checked against ``sorted``;
* a prefix-sum array and binary searches over it;
* list building with ``append``/``pop``/``reverse``, negative indexing and
  unpacking of small lists.

Models code dominated by BINARY_SUBSCR / STORE_SUBSCR on lists, list
method calls and list displays.  Checksum: an int.
"""

CATEGORY = "list"

SIEVE_N = 1_000_000
MAT_N = 64
SORT_N = 40_000
RUN_LEN = 16
N_SEARCH = 60_000
STACK_N = 60_000


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return [k for k in range(n + 1) if flags[k]]


def make_matrix(n, seed):
    m = []
    x = seed
    for i in range(n):
        row = []
        for j in range(n):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            row.append((x >> 16) % 19 - 9)
        m.append(row)
    return m


def matmul(a, b):
    n = len(a)
    p = len(b[0])
    inner = len(b)
    c = []
    for i in range(n):
        row_a = a[i]
        row_c = [0] * p
        for k in range(inner):
            aik = row_a[k]
            if aik == 0:
                continue
            row_b = b[k]
            for j in range(p):
                row_c[j] += aik * row_b[j]
        c.append(row_c)
    return c


def trace(m):
    t = 0
    for i in range(len(m)):
        t += m[i][i]
    return t


def insertion_sort(xs, lo, hi):
    for i in range(lo + 1, hi):
        v = xs[i]
        j = i - 1
        while j >= lo and xs[j] > v:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = v


def merge(left, right):
    out = []
    i = 0
    j = 0
    nl = len(left)
    nr = len(right)
    while i < nl and j < nr:
        if right[j] < left[i]:
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    if i < nl:
        out.extend(left[i:])
    if j < nr:
        out.extend(right[j:])
    return out


def run_sort(xs):
    xs = list(xs)
    n = len(xs)
    runs = []
    for lo in range(0, n, RUN_LEN):
        hi = min(lo + RUN_LEN, n)
        insertion_sort(xs, lo, hi)
        runs.append(xs[lo:hi])
    while len(runs) > 1:
        merged = []
        for k in range(0, len(runs) - 1, 2):
            merged.append(merge(runs[k], runs[k + 1]))
        if len(runs) % 2:
            merged.append(runs[-1])
        runs = merged
    return runs[0]


def prefix_sums(xs):
    out = [0] * (len(xs) + 1)
    for i in range(len(xs)):
        out[i + 1] = out[i] + xs[i]
    return out


def bisect(a, x):
    lo = 0
    hi = len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def stack_ops(n):
    stack = []
    total = 0
    for i in range(n):
        if i % 3 == 2 and stack:
            x, y = stack.pop()
            total += x * 3 - y
            if stack:
                stack[-1][1] += 1
        else:
            stack.append([i, i * i % 97])
            pair = stack[-1]
            total += pair[0] + pair[1]
    stack.reverse()
    for item in stack[:50]:
        x, y = item
        total += x - y
    return total


def run():
    primes = sieve(SIEVE_N)
    psum = 0
    for p in primes[-100:]:
        psum += p
    a = make_matrix(MAT_N, 1)
    b = make_matrix(MAT_N, 2)
    c = matmul(a, b)
    c2 = matmul(c, a)
    data = []
    x = 99
    for _ in range(SORT_N):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        data.append(x % 100000)
    s = run_sort(data)
    ok = 1 if s == sorted(data) else 0
    pre = prefix_sums(s)
    found = 0
    for i in range(N_SEARCH):
        found += bisect(pre, (i * 7919) % pre[-1])
    return (len(primes) * 1000003 + psum) * 7 + trace(c) * 31 + trace(c2) \
        + ok * 1000 + found % 1000003 + stack_ops(STACK_N)
