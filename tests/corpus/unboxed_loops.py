# pyjit-corpus: numeric loops run unboxed: ints past 64 bits (overflow deopt), zero divisors, floor division and modulo signs, shifts, NaN and -0.0, mixed int/float, loops entered with other types than guessed, write-first locals holding objects with __del__, break/else, the loop variable after the loop, a signal handler reading the loop's locals, nested and while loops, true division exactness
# pyjit-compiled: overflow_add, overflow_mul, zero_div, zero_mod, zero_fdiv, signs, shifts, shift_errors, nans, mixed, wrong_types, write_first_del, write_first_del.<locals>.D.__del__, loop_var_after, break_else, handler_sees_locals, handler_sees_locals.<locals>.handler, nested, while_float, true_div, int_min, int_min_pure, del_pure, del_pure.<locals>.D.__del__, timer_sees_locals, timer_sees_locals.<locals>.handler, timer_sees_locals.<locals>.spin, threaded_sums, threaded_sums.<locals>.work, neg_overflow, compare_chain, unbound_after, big_entry, float_entry_int_guess, aug_assign, bool_local
import signal
import sys


def overflow_add(n):
    x = 2**62
    out = []
    for i in range(n):
        x = x + x // 2
        out.append(x)
    return out[-1], type(x).__name__


def overflow_mul(n):
    x = 3
    for i in range(n):
        x = x * 1000003
    return x


def zero_div(n):
    total = 0.0
    try:
        for i in range(n):
            total = total + 1.0 / (5 - i)
    except ZeroDivisionError as e:
        return "caught", total, str(e), i
    return total


def zero_mod(n):
    acc = 7
    for i in range(n):
        acc = acc + 100 % (3 - i)
    return acc


def zero_fdiv(n):
    acc = 7
    for i in range(n):
        acc = acc + 100 // (3 - i)
    return acc


def signs():
    out = []
    for a in range(-7, 8, 3):
        for b in (-3, -2, 2, 3):
            out.append((a // b, a % b))
    r = 0
    for a in range(-7, 8):
        r = r * 3 + a // 2 - a % 3 + (-a) // 3
    out.append(r)
    return out


def shifts(n):
    x = 1
    acc = 0
    for i in range(n):
        acc = acc ^ (x << (i % 70))
        acc = acc + (acc >> 3)
    return acc


def shift_errors():
    try:
        x = 5
        for i in range(3):
            x = x >> (1 - i)
        return x
    except ValueError as e:
        return "ValueError", str(e)


def nans():
    nan = float("nan")
    inf = float("inf")
    x = 0.0
    count = 0
    for i in range(5):
        y = x * -1.0
        if nan < y or nan == y or nan > y:
            count += 100
        if nan != y:
            count += 1
        if x == y:
            count += 10
        x = x + inf - inf
    return count, x, y, str(y), 1.0 / inf * -1.0


def mixed(n):
    t = 0
    f = 0.5
    for i in range(n):
        t = t + i
        f = f + i * 0.25 - t / 7
        t = t - 1
    return t, f, type(t).__name__, type(f).__name__


def wrong_types(a, b):
    acc = a
    for i in range(3):
        acc = acc * b
    return acc


def write_first_del(n):
    class D:
        def __del__(self):
            print("del", self.tag)
    x = D()
    x.tag = "first"
    y = 1.5
    for i in range(n):
        x = y * i
        print("iter", i, x)
    return x


def loop_var_after(n):
    k = "unset"
    for k in range(n):
        pass
    s = 0
    for j in range(3, n, 2):
        s = s + j
    return k, j, s


def break_else(n):
    found = -1
    for i in range(2, n):
        if i * i > 200:
            found = i
            break
    else:
        found = -2
    total = 0
    for i in range(n):
        total = total + i
    else:
        total = total * 2
    return found, total, i


def handler_sees_locals(n):
    seen = []

    def handler(signum, frame):
        seen.append((frame.f_code.co_name, frame.f_locals["acc"] > 0, type(frame.f_locals["i"]).__name__))

    old = signal.signal(signal.SIGALRM, handler)
    try:
        acc = 0
        for i in range(n):
            acc = acc + i % 13
            if i == 1000:
                signal.raise_signal(signal.SIGALRM)
    finally:
        signal.signal(signal.SIGALRM, old)
    return acc, seen


def nested(n):
    total = 0
    best = 0
    for a in range(1, n):
        m = a
        steps = 0
        while m != 1:
            if m & 1:
                m = 3 * m + 1
            else:
                m = m >> 1
            steps += 1
        total += steps
        if steps > best:
            best = steps
    return total, best


def while_float(cr, ci, limit):
    zr = 0.0
    zi = 0.0
    i = 0
    while i < limit and zr * zr + zi * zi <= 4.0:
        t = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = t
        i += 1
    return i, zr, zi


def true_div(n):
    acc = 0.0
    for i in range(1, n):
        acc = acc + (i * 7919) / (i + 3) + (2**53 + i) / 3
    big = 2**60
    r = 0.0
    for i in range(1, 4):
        r = r + (big + i) / 7
    return acc, r


def int_min():
    x = -(2**63)
    out = []
    for i in range(2):
        out.append(x // -1)
        out.append(x % -1)
        out.append(-x)
        x = x + 1
    return out


def int_min_pure():
    x = -(2**63)
    a = 0
    b = 0
    c = 0
    for i in range(2):
        a = x // -1
        b = x % -1
        c = -x
        x = x + 1
    return a, b, c, x


def del_pure(n):
    class D:
        def __del__(self):
            print("del pure")
    x = D()
    y = 1.5
    for i in range(n):
        x = y * i
    print("after loop")
    return x


def timer_sees_locals(n):
    seen = []

    def handler(signum, frame):
        if not seen and "acc" in frame.f_locals:
            seen.append((frame.f_code.co_name, frame.f_lineno > 0, frame.f_locals["acc"] >= 0,
                         type(frame.f_locals["acc"]).__name__, type(frame.f_locals["f"]).__name__))

    def spin(n):
        acc = 0
        f = 0.0
        for i in range(n):
            acc = acc + i % 13
            f = f + 0.5
        return acc, f

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 0.0005, 0.0005)
    try:
        acc, f = spin(n)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return acc, f, seen


def threaded_sums():
    import threading
    results = {}

    def work(tag, n):
        acc = 0
        f = 0.0
        for i in range(n):
            acc = acc + (i ^ tag) % 1000
            f = f + 0.25
        results[tag] = (acc, f)

    ts = [threading.Thread(target=work, args=(t, 1_000_000)) for t in (3, 5)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sorted(results.items())


def neg_overflow(n):
    x = -(2**63) + 2
    for i in range(n):
        x = x - 1
    return x


def compare_chain(n):
    c = 0
    for i in range(n):
        if 3 < i <= 7:
            c = c + 1
        b = i > 5
        if b:
            c = c + 100
    return c


def unbound_after(n):
    for i in range(n):
        v = i * 2
    try:
        return v
    except UnboundLocalError as e:
        return "unbound", str(e)


def big_entry(x):
    for i in range(3):
        x = x + i
    return x


def float_entry_int_guess(x):
    for i in range(4):
        x = x + 1
    return x


def aug_assign(n):
    a = 10
    f = 1.0
    for i in range(n):
        a += i
        a -= 1
        a *= 1
        a //= 1
        f += 0.5
        f *= 1.0001
        f /= 1.0001
        f -= 0.25
    return a, f


def bool_local(n):
    acc = 0
    for i in range(n):
        acc = acc + (i % 2 == 0)
    return acc


print(overflow_add(10))
print(overflow_mul(8))
print(zero_div(10))
try:
    print(zero_mod(5))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    print(zero_fdiv(5))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(signs())
print(shifts(200))
print(shift_errors())
print(nans())
print(mixed(50))
print(wrong_types(2, 3), wrong_types(2.0, 3), wrong_types("a", 2), wrong_types([1], 2))
print(write_first_del(3))
print(loop_var_after(6))
print(loop_var_after(0) if False else "skip")
print(break_else(30), break_else(5))
print(handler_sees_locals(3000))
print(nested(200))
print(while_float(-0.5, 0.5, 100), while_float(0.3, 0.6, 50), while_float(1, 1, 10))
print(true_div(100))
print(int_min())
print(int_min_pure())
print(del_pure(3))
print(timer_sees_locals(3_000_000))
print(threaded_sums())
print(neg_overflow(5))
print(compare_chain(12))
print(unbound_after(3), unbound_after(0))
print(big_entry(2**62 + 5), big_entry(2**100), big_entry(-5))
print(float_entry_int_guess(1), float_entry_int_guess(1.5), float_entry_int_guess(2**70))
print(aug_assign(100))
print(bool_local(9))
print(sys.getrefcount(12345.5) > 0)
