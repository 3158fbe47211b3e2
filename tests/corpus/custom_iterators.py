# pyjit-corpus: user classes implementing __iter__/__next__ (and legacy __getitem__ iteration) consumed by compiled for-loops; StopIteration and errors from __next__
# pyjit-compiled: total, collect, find, Countdown.__iter__, Countdown.__next__, Fib.__iter__, nested_products, iterate_and_call, BadNext.__iter__, NotAnIterator.__iter__, Squares.__getitem__, BadNext.__next__

class Countdown:
    def __init__(self, start):
        self.n = start
        self.owner = self
    def __iter__(self):
        return self
    def __next__(self):
        # delegates state to a helper
        v = step(self)
        if v is None:
            return stop()
        return v

def step(it):
    if it.n <= 0:
        return None
    it.n -= 1
    return it.n + 1

def stop():
    raise StopIteration

class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        return fib_gen(self)

def fib_gen(obj):
    a, b = 0, 1
    while a < obj.limit:
        yield a
        a, b = b, a + b

class Squares:
    """Old-style sequence iteration protocol (__getitem__ until IndexError)."""
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i

class BadNext:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i == 3:
            raise ValueError("bad element %d" % self.i)
        return self.i

class NotAnIterator:
    def __iter__(self):
        return 42

def total(it):
    s = 0
    for x in it:
        s += x
    return s

def collect(it):
    out = list()
    for x in it:
        out.append(x)
    return out

def find(it, target):
    i = 0
    for x in it:
        if x == target:
            return i
        i += 1
    return -1

def nested_products(a, b):
    s = 0
    for x in a:
        for y in b:
            s += x * y
    return s

def iterate_and_call(it, fn):
    out = list()
    for x in it:
        out.append(fn(x))
    return out

print("countdown", collect(Countdown(5)), total(Countdown(100)), collect(Countdown(0)))
print("fib", collect(Fib(100)), total(Fib(10**20)))
print("squares", collect(Squares(6)), total(Squares(100)), find(Squares(10), 49), find(Squares(10), 50))
print("nested", nested_products(Countdown(3), Squares(4)))
print("call", iterate_and_call(Countdown(4), str), iterate_and_call(Fib(20), abs))
try:
    total(BadNext())
except ValueError as e:
    print("ValueError", e)
try:
    collect(NotAnIterator())
except TypeError as e:
    print("TypeError", e)
