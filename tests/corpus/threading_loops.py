# pyjit-corpus: two threads running long compiled loops concurrently (GIL hand-off at backward jumps), results collected via method calls and joined; plus a worker that calls into interpreted code
# pyjit-compiled: busy_sum, collatz_max, worker, worker_fallback, record, short, describe

import threading

results = {}

def record(key, value):
    results.__setitem__(key, value)

def busy_sum(n):
    s = 0
    i = 0
    while i < n:
        s += i * i % 7
        i += 1
    return s

def collatz_max(limit):
    best = 0
    best_n = 0
    for n in range(1, limit):
        steps = 0
        m = n
        while m != 1:
            if m % 2:
                m = 3 * m + 1
            else:
                m = m // 2
            steps += 1
        if steps > best:
            best = steps
            best_n = n
    return best_n * 1000 + best

def describe(name, value):
    return f"{name}={value}"

def worker(name, n):
    record(name, busy_sum(n))

def worker_fallback(name, limit):
    v = collatz_max(limit)
    record(name, describe(name, v))

threads = [
    threading.Thread(target=worker, args=("sum-a", 2000000)),
    threading.Thread(target=worker, args=("sum-b", 1500000)),
    threading.Thread(target=worker_fallback, args=("collatz", 100000)),
]
for t in threads:
    t.start()
main_result = busy_sum(1000000)
for t in threads:
    t.join()
print("main", main_result)
for k in sorted(results):
    print(k, results[k])
print("alive", [t.is_alive() for t in threads])

# Many short threads, each compiled on first use already.
out = []
lock = threading.Lock()
def short(i):
    v = busy_sum(i * 100)
    lock.acquire()
    out.append(v)
    lock.release()
ts = [threading.Thread(target=short, args=(i,)) for i in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("short threads", sorted(out))
