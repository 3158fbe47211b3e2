# pyjit-corpus: while loops with break/continue/else, nested whiles, while True, loop conditions on None/bools
# pyjit-compiled: collatz_len, first_square_above, sum_odd_skip, find_pair, countdown, nested_while, digits_reversed, while_else_search, loop_on_none, gcd, loop_true_flag, loop_until_done

def collatz_len(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps

def first_square_above(limit):
    i = 0
    while True:
        if i * i > limit:
            break
        i += 1
    return i

def sum_odd_skip(n, skip):
    total = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        if i == skip:
            continue
        total += i
    return total

def find_pair(target, limit):
    a = 1
    found = None
    while a < limit:
        b = a
        while b < limit:
            if a * a + b * b == target:
                found = a * 1000 + b
                break
            b += 1
        if found is not None:
            break
        a += 1
    return found

def countdown(n):
    while n:
        print("count", n)
        n -= 1
    print("liftoff")

def nested_while(n):
    i = 0
    acc = 0
    while i < n:
        j = 0
        while j < i:
            if (i + j) % 3 == 0:
                j += 1
                continue
            acc += i * j
            j += 1
        i += 1
    return acc

def digits_reversed(n):
    r = 0
    while n > 0:
        r = r * 10 + n % 10
        n //= 10
    return r

def while_else_search(n, d):
    i = 2
    while i < n:
        if i % d == 0 and i > d:
            print("found multiple", i)
            break
        i += 1
    else:
        print("no multiple below", n)
        return False
    return True

def loop_on_none(x):
    steps = 0
    while x is None:
        steps += 1
        if steps == 3:
            x = steps
    return steps

def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

def loop_true_flag(limit):
    running = True
    n = 0
    while running:
        n += 1
        running = n < limit
    return n

def loop_until_done(limit):
    done = False
    n = 0
    while not done:
        n += 1
        done = n >= limit
    return n

print("collatz", collatz_len(1), collatz_len(27), collatz_len(97), collatz_len(2**40), collatz_len(837799))
print("first_square_above", first_square_above(0), first_square_above(99), first_square_above(10**6))
print("sum_odd_skip", sum_odd_skip(10, 5), sum_odd_skip(1000, 999), sum_odd_skip(0, 0))
print("find_pair", find_pair(25, 10), find_pair(3, 10), find_pair(50, 100), find_pair(1000001, 2000))
countdown(3)
countdown(0)
print("nested_while", nested_while(0), nested_while(10), nested_while(60))
print("digits_reversed", digits_reversed(12345), digits_reversed(1000), digits_reversed(10**30 + 7))
print(while_else_search(20, 7), while_else_search(10, 7))
print("loop_on_none", loop_on_none(None), loop_on_none(0))
print("loop_true_flag", loop_true_flag(1), loop_true_flag(1000))
print("gcd", gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(2**100, 6**50), gcd(-12, 8))
print("loop_until_done", loop_until_done(1), loop_until_done(50), loop_until_done(-5))
