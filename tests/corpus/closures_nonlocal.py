# pyjit-corpus: closures and cells (MAKE_CELL, COPY_FREE_VARS, LOAD/STORE/DELETE_DEREF, LOAD_CLOSURE): nonlocal counters, late binding in loops, cells shared between closures, deleted cells, class bodies reading enclosing locals (LOAD_CLASSDEREF), closures over parameters
# pyjit-compiled: make_counter, make_counter.<locals>.incr, make_counter.<locals>.get
# pyjit-compiled: make_counter.<locals>.reset, use_counter, late_binding, late_binding.<locals>.f
# pyjit-compiled: late_binding.<locals>.<listcomp>, early_binding, early_binding.<locals>.f
# pyjit-compiled: early_binding.<locals>.<listcomp>, closure_factory, closure_factory.<locals>.make
# pyjit-compiled: closure_factory.<locals>.make.<locals>.inner, closure_factory.<locals>.<listcomp>
# pyjit-compiled: apply_factories, apply_factories.<locals>.<listcomp>, deleted_cell
# pyjit-compiled: deleted_cell.<locals>.reader, unbound_cell, unbound_cell.<locals>.reader
# pyjit-compiled: class_reads_enclosing, class_reads_enclosing.<locals>.Tagged.show
# pyjit-compiled: Prep.__prepare__, class_shadowing, accumulate_nested
# pyjit-compiled: accumulate_nested.<locals>.add, accumulate_nested.<locals>.add.<locals>.check
# pyjit-compiled: two_level_nonlocal, two_level_nonlocal.<locals>.middle
# pyjit-compiled: two_level_nonlocal.<locals>.middle.<locals>.inner, cell_contents
# pyjit-compiled: closure_in_lambda, closure_in_lambda.<locals>.<lambda>

def make_counter(start=0):
    count = start
    def incr(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    def reset():
        nonlocal count
        count = start
    return incr, get, reset

def use_counter():
    incr, get, reset = make_counter(10)
    out = [incr(), incr(5), get()]
    reset()
    out.append(get())
    out.append(incr(-3))
    return out

def late_binding():
    funcs = []
    for i in range(4):
        def f():
            return i * 10
        funcs.append(f)
    return [f() for f in funcs]

def early_binding():
    funcs = []
    for i in range(4):
        def f(i=i):
            return i * 10
        funcs.append(f)
    return [f() for f in funcs]

def closure_factory(n):
    def make(k):
        def inner(x):
            return x * k + n
        return inner
    return [make(k) for k in range(3)]

def apply_factories():
    return [f(10) for f in closure_factory(7)]

def deleted_cell():
    value = "set"
    def reader():
        return value
    first = reader()
    del value
    try:
        second = reader()
    except NameError as e:
        second = "NameError: " + str(e)
    return first, second

def unbound_cell():
    def reader():
        return later
    try:
        r = reader()
    except NameError as e:
        r = "NameError: " + str(e)
    later = 1
    return r, reader()

def class_reads_enclosing(tag):
    label = tag.upper()
    class Tagged:
        name = label
        size = len(label)
        def show(self):
            return self.name + "/" + label
    return Tagged().show(), Tagged.size

class Prep(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"label": "from __prepare__"}

def class_shadowing(tag):
    # LOAD_CLASSDEREF looks in the class namespace before the cell
    label = "outer " + tag
    other = "cell " + tag
    class C(metaclass=Prep):
        seen = label
        also = other
    return C.seen, C.also

def accumulate_nested(values):
    total = 0
    count = 0
    def add(v):
        nonlocal total, count
        total += v
        count += 1
        def check():
            return total > 10
        return check()
    flags = []
    for v in values:
        flags.append(add(v))
    return total, count, flags

def two_level_nonlocal():
    x = 0
    def middle():
        def inner():
            nonlocal x
            x += 100
            return x
        inner()
        return inner()
    return middle(), x

def cell_contents():
    a = [1]
    def f():
        return a
    cell = f.__closure__[0]
    before = cell.cell_contents
    a = "rebound"
    return before, cell.cell_contents, f.__code__.co_freevars

def closure_in_lambda(base):
    return list(map(lambda v: v + base, range(4)))

print(use_counter())
print(late_binding())
print(early_binding())
print(apply_factories())
print(deleted_cell())
print(unbound_cell())
print(class_reads_enclosing("abc"))
print(class_shadowing("t"))
print(accumulate_nested([3, 4, 5, 6]))
print(two_level_nonlocal())
print(cell_contents())
print(closure_in_lambda(100))
