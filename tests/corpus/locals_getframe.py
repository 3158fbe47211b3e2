# pyjit-corpus: locals(), vars() and sys._getframe(n).f_locals / f_code / f_lineno / f_back inside compiled functions: snapshots at several points of a loop, cells and free variables in locals(), unbound and deleted locals missing, writes to the locals() dict not affecting fast locals, callers' locals read from callees several frames up
# pyjit-compiled: show, snapshot, simple_locals, locals_in_loop, unbound_not_listed, write_to_locals
# pyjit-compiled: with_cells, with_cells.<locals>.inner, free_vars_in_inner
# pyjit-compiled: free_vars_in_inner.<locals>.inner, level3, level2, level1, frames_in_loop
# pyjit-compiled: frame_chain, Inspector.__init__, Inspector.method, exception_frame_locals
# pyjit-compiled: exception_frame_locals.<locals>.failing, <module>
import sys


def show(v):
    if type(v) in (int, str, float, bool, list, tuple, dict, type(None)):
        return v
    return "<%s>" % type(v).__name__

def snapshot(tag):
    f = sys._getframe(1)
    items = sorted((k, show(v)) for k, v in f.f_locals.items() if not k.startswith("_"))
    return "%s %s:%d %s" % (tag, f.f_code.co_name, f.f_lineno - f.f_code.co_firstlineno, items)

def simple_locals(a, b=2):
    c = a + b
    return sorted(locals().items())

def locals_in_loop(n):
    out = []
    total = 0
    for i in range(n):
        total += i
        if i % 2 == 0:
            out.append(sorted(locals().keys()))
    return out, total

def unbound_not_listed(flag):
    if flag:
        x = 1
    before = sorted(locals())
    y = 2
    del y
    return before, sorted(locals())

def write_to_locals():
    v = 1
    d = locals()
    d["v"] = 100
    d["new_name"] = 5
    return v, "new_name" in locals(), d is locals()

def with_cells():
    captured = "cell"
    plain = "fast"
    def inner():
        return captured
    inner_result = inner()
    return sorted(k for k in locals() if k != "inner"), inner_result

def free_vars_in_inner():
    outer_val = 7
    def inner(x):
        return sorted(locals().items()), outer_val + x
    return inner(1)

def level3():
    return [snapshot("L3"),
            sorted(k for k in sys._getframe(1).f_locals),
            sorted(sys._getframe(2).f_locals.items()),
            sys._getframe(3).f_code.co_name]

def level2(m):
    here = m * 2
    return level3()

def level1(n):
    marker = "level1-marker"
    count = n
    return level2(n + 1)

def frames_in_loop():
    out = []
    for step in range(3):
        acc = step * step
        out.append(snapshot("loop"))
    return out

def frame_chain():
    f = sys._getframe()
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names[:2]

class Inspector:
    def __init__(self):
        self.seen = []

    def method(self, arg):
        local_in_method = arg * 3
        self.seen.append(snapshot("method"))
        return vars(self) is self.__dict__

def exception_frame_locals():
    def failing(k):
        secret = k + 1
        return secret / 0
    try:
        failing(41)
    except ZeroDivisionError as e:
        tb = e.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        return tb.tb_frame.f_code.co_name, sorted(tb.tb_frame.f_locals.items()), tb.tb_lineno

print(simple_locals(1))
print(locals_in_loop(5))
print(unbound_not_listed(False), unbound_not_listed(True))
print(write_to_locals())
print(with_cells())
print(free_vars_in_inner())
for x in level1(5):
    print(x)
for x in frames_in_loop():
    print(x)
print(frame_chain())
ins = Inspector()
print(ins.method(4), ins.seen)
print(exception_frame_locals())
