# pyjit-corpus: small realistic workloads mixing everything in the subset: sieve-free prime counting, binary search via a list method helper, bubble-like passes using list methods, matrix power on ints, string tokenizing, LCG with seed
# pyjit-compiled: is_prime, count_primes, lcg_stream, bsearch, get, mat_mul2, mat_pow2, tokenize, run_length, histogram, insertion_sort, digits_of

def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True

def count_primes(limit):
    c = 0
    for n in range(limit):
        if is_prime(n):
            c += 1
    return c

def lcg_stream(seed, n):
    out = list()
    x = seed
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
        out.append(x >> 59)
    return out

def get(seq, i):
    return seq.__getitem__(i)

def bsearch(seq, target):
    lo = 0
    hi = len(seq)
    while lo < hi:
        mid = (lo + hi) // 2
        if get(seq, mid) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo

def mat_mul2(a, b, c, d, e, f, g, h, mod):
    # [[a b][c d]] x [[e f][g h]] packed into one int per entry via a list
    out = list()
    out.append((a * e + b * g) % mod)
    out.append((a * f + b * h) % mod)
    out.append((c * e + d * g) % mod)
    out.append((c * f + d * h) % mod)
    return out

def mat_pow2(n, mod):
    # Fibonacci via repeated squaring of [[1 1][1 0]]
    ra = 1
    rb = 0
    rc = 0
    rd = 1
    ma = 1
    mb = 1
    mc = 1
    md = 0
    while n > 0:
        if n & 1:
            r = mat_mul2(ra, rb, rc, rd, ma, mb, mc, md, mod)
            ra = get(r, 0)
            rb = get(r, 1)
            rc = get(r, 2)
            rd = get(r, 3)
        m = mat_mul2(ma, mb, mc, md, ma, mb, mc, md, mod)
        ma = get(m, 0)
        mb = get(m, 1)
        mc = get(m, 2)
        md = get(m, 3)
        n >>= 1
    return rb

def tokenize(text):
    tokens = list()
    cur = ""
    for ch in text:
        if ch.isalnum() or ch == "_":
            cur += ch
        else:
            if cur:
                tokens.append(cur)
                cur = ""
            if not ch.isspace():
                tokens.append(ch)
    if cur:
        tokens.append(cur)
    return tokens

def run_length(s):
    out = ""
    prev = None
    n = 0
    for ch in s:
        if ch == prev:
            n += 1
        else:
            if prev is not None:
                out += prev + str(n)
            prev = ch
            n = 1
    if prev is not None:
        out += prev + str(n)
    return out

def histogram(values, buckets, lo, hi):
    counts = list()
    for i in range(buckets):
        counts.append(0)
    width = (hi - lo) / buckets
    for v in values:
        k = int((v - lo) // width)
        if 0 <= k < buckets:
            counts.__setitem__(k, get(counts, k) + 1)
    return counts

def insertion_sort(items):
    out = list()
    for x in items:
        i = len(out)
        while i > 0 and get(out, i - 1) > x:
            i -= 1
        out.insert(i, x)
    return out

def digits_of(n, base):
    if n == 0:
        return "0"
    s = ""
    neg = n < 0
    if neg:
        n = -n
    while n:
        s = "0123456789abcdefghijklmnopqrstuvwxyz".__getitem__(n % base) + s
        n //= base
    if neg:
        s = "-" + s
    return s

print("primes", count_primes(2000), is_prime(2**31 - 1), is_prime(10**9 + 8))
stream = lcg_stream(42, 20)
print("lcg", stream)
srt = insertion_sort(lcg_stream(7, 30))
print("sorted", srt)
print("bsearch", bsearch(srt, 0), bsearch(srt, 15), bsearch(srt, 100), bsearch([], 1))
print("fib mod", mat_pow2(10, 10**9), mat_pow2(1000, 10**9 + 7), mat_pow2(10**18, 10**9 + 7))
print("tokens", tokenize("x = foo(a_1, 23) + bar[4]*-5;  # end"))
print("rle", run_length("aaabccddddde"), repr(run_length("")), run_length("z"))
print("hist", histogram([0.5, 1.5, 2.5, 2.7, 9.9, -1, 10, 5.0], 5, 0, 10))
for n, b in [(255, 16), (-255, 2), (0, 7), (2**100, 36), (12345, 10)]:
    print("digits", n, b, digits_of(n, b))
