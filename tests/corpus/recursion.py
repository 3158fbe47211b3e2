# pyjit-corpus: recursion: fib, small Ackermann, mutual recursion, Hanoi, power-set counting, gcd, recursive sums over nested lists
# pyjit-compiled: fib, ack, is_even, is_odd, hanoi, hanoi_moves, gcd, nested_sum, binom, count_partitions, digits, fact_big

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))

def is_even(n):
    if n == 0:
        return True
    return is_odd(n - 1)

def is_odd(n):
    if n == 0:
        return False
    return is_even(n - 1)

def hanoi(n, src, dst, via, log):
    if n == 0:
        return 0
    moves = hanoi(n - 1, src, via, dst, log)
    if n <= 2:
        log.append(str(n) + ":" + src + "->" + dst)
    moves += 1
    return moves + hanoi(n - 1, via, dst, src, log)

def hanoi_moves(n):
    log = list()
    m = hanoi(n, "A", "C", "B", log)
    print("  hanoi", n, m, len(log))
    for entry in log:
        if len(entry) > 0 and n < 4:
            print("    move", entry)
    return m

def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)

def nested_sum(x):
    if isinstance(x, int):
        return x
    s = 0
    for item in x:
        s += nested_sum(item)
    return s

def binom(n, k):
    if k == 0 or k == n:
        return 1
    return binom(n - 1, k - 1) + binom(n - 1, k)

def count_partitions(n, m):
    if n == 0:
        return 1
    if n < 0 or m == 0:
        return 0
    return count_partitions(n - m, m) + count_partitions(n, m - 1)

def digits(n):
    if n < 10:
        return str(n)
    return digits(n // 10) + "," + str(n % 10)

def fact_big(n):
    if n <= 1:
        return 1
    return n * fact_big(n - 1)

print("fib", fib(0), fib(1), fib(10), fib(20), fib(25))
print("ack", ack(0, 0), ack(1, 2), ack(2, 3), ack(3, 3), ack(2, 50))
print("even/odd", is_even(0), is_even(7), is_odd(7), is_even(500), is_odd(501))
print("hanoi", hanoi_moves(1), hanoi_moves(5), hanoi_moves(12))
print("gcd", gcd(1071, 462), gcd(2**64, 2**40 * 3), gcd(17, 0), gcd(0, 17))
print("nested_sum", nested_sum([1, [2, [3, [4, [5]]]], (6, 7), [[[]]]]), nested_sum(5))
print("binom", binom(10, 5), binom(20, 3), binom(16, 8))
print("partitions", count_partitions(10, 10), count_partitions(30, 30))
print("digits", digits(0), digits(9), digits(1234567), digits(2**70))
print("fact_big", fact_big(30), len(str(fact_big(400))))
