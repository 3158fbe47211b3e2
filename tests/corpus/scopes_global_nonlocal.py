# pyjit-corpus: global and nonlocal statements mixed: globals created/rebound/deleted from nested functions, nonlocal across two and three levels, nonlocal in loops and in closures created in loops, global declared in a closure shadowing an enclosing local, names resolved at call time, module globals read by compiled class methods
# pyjit-compiled: bump, create_global, set_via_nested, set_via_nested.<locals>.inner
# pyjit-compiled: shadow_then_global, shadow_then_global.<locals>.g, three_levels
# pyjit-compiled: three_levels.<locals>.level2, three_levels.<locals>.level2.<locals>.level3
# pyjit-compiled: nonlocal_in_loop, nonlocal_in_loop.<locals>.push, closures_sharing_cell
# pyjit-compiled: closures_sharing_cell.<locals>.inc, closures_sharing_cell.<locals>.dec
# pyjit-compiled: closures_sharing_cell.<locals>.read, late_global_read, rebind_limit, Tracker.check
# pyjit-compiled: Tracker.register, generator_of_counters, generator_of_counters.<locals>.make
# pyjit-compiled: generator_of_counters.<locals>.make.<locals>.step
# pyjit-compiled: generator_of_counters.<locals>.<listcomp>, <listcomp>

counter = 0
registry = {}
LIMIT = 3

def bump():
    global counter
    counter += 1
    return counter

def create_global(name, value):
    globals()[name] = value
    return name in globals()

def set_via_nested():
    def inner():
        global made_by_inner
        made_by_inner = "inner was here"
    inner()
    return made_by_inner

def shadow_then_global():
    counter = "local"
    def g():
        global counter
        counter += 100
        return counter
    return counter, g()

def three_levels():
    total = 0
    def level2():
        def level3():
            nonlocal total
            total += 1
            return total
        level3()
        level3()
        return total
    a = level2()
    b = level2()
    return a, b, total

def nonlocal_in_loop(n):
    acc = []
    last = None
    def push(v):
        nonlocal last
        acc.append(v)
        last = v
    for i in range(n):
        push(i * i)
    return acc, last

def closures_sharing_cell():
    state = 0
    def inc():
        nonlocal state
        state += 1
    def dec():
        nonlocal state
        state -= 1
    def read():
        return state
    for _ in range(5):
        inc()
    dec()
    return read()

def late_global_read():
    return LATE_DEFINED * 2

def rebind_limit(n):
    global LIMIT
    old = LIMIT
    LIMIT = n
    return old

class Tracker:
    def check(self, x):
        return x < LIMIT

    def register(self, key):
        registry[key] = bump()
        return len(registry)

def generator_of_counters(n):
    makers = []
    for i in range(n):
        def make(start=i):
            value = start
            def step():
                nonlocal value
                value += 10
                return value
            return step
        makers.append(make())
    return [m() + m() for m in makers]

print(bump(), bump(), counter)
print(create_global("dynamic_name", 5), dynamic_name)
print(set_via_nested(), made_by_inner)
print(shadow_then_global(), counter)
print(three_levels())
print(nonlocal_in_loop(5))
print(closures_sharing_cell())
try:
    late_global_read()
except NameError as e:
    print("NameError:", e)
LATE_DEFINED = 21
print(late_global_read())
t = Tracker()
print([t.check(i) for i in range(5)], rebind_limit(1), [t.check(i) for i in range(5)])
print(t.register("a"), t.register("b"), registry, counter)
print(generator_of_counters(3))
