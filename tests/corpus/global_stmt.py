# pyjit-corpus: `global` statements: compiled functions storing globals (STORE_GLOBAL), counters, creating new globals, rebinding functions, interplay with module-level reads
# pyjit-compiled: incr, incr_by, reset, create_new, set_pair, swap_globals, count_calls, accumulate, rebind_func, current_func, store_in_loop, make_global_none, impl_one, impl_two

counter = 0
A = "a"
B = "b"

def incr():
    global counter
    counter += 1
    return counter

def incr_by(n):
    global counter
    for i in range(n):
        counter = counter + 1
    return counter

def reset():
    global counter
    old = counter
    counter = 0
    return old

def create_new(v):
    global brand_new
    brand_new = v

def set_pair(x, y):
    global A, B
    A = x
    B = y

def swap_globals():
    global A, B
    A, B = B, A

calls = 0

def count_calls():
    global calls
    calls += 1

def accumulate(items):
    global total
    total = 0
    for it in items:
        total += it
        count_calls()
    return total

def impl_one():
    return "one"

def impl_two():
    return "two"

def rebind_func(which):
    global current
    if which == 1:
        current = impl_one
    else:
        current = impl_two

def current_func():
    return current()

def store_in_loop(n):
    global last_i
    for i in range(n):
        last_i = i * i

def make_global_none():
    global counter
    counter = None

print(incr(), incr(), incr_by(5), counter)
print("reset", reset(), counter)
print(incr_by(0), incr_by(100), counter)
try:
    brand_new
except NameError as e:
    print("NameError", e)
create_new([1, 2])
print("brand_new", brand_new)
create_new(None)
print("brand_new", brand_new)
set_pair(1, 2)
print(A, B)
swap_globals()
print(A, B)
print("accumulate", accumulate([1, 2, 3]), total, calls)
print("accumulate", accumulate(range(100)), total, calls)
rebind_func(1)
print(current_func())
rebind_func(2)
print(current_func())
store_in_loop(10)
print("last_i", last_i)
make_global_none()
print("counter", counter)
try:
    incr()
except TypeError as e:
    print("TypeError", e)
counter = 2**64 - 1
print(incr(), incr_by(2))
