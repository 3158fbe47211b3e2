# pyjit-corpus: writes through frame.f_locals of running compiled frames (3.11 semantics: a write to the f_locals dict is not reflected in fast locals, but the dict keeps it until the next sync, which overwrites it; locals() re-syncs; new keys survive): own frame and a caller's frame written by a callee mid-loop, reads after the write via the variable, via locals() and via f_locals again, deleted locals, cells/free variables, and a tracer that writes f_locals (f_trace sync)
# pyjit-compiled: poke_caller, poke_caller_new_key, peek_caller, own_frame_write, caller_write_in_loop
# pyjit-compiled: new_key_in_loop, cell_write, cell_write.<locals>.inner, delete_then_write
# pyjit-compiled: write_then_locals_twice, nested_frames, nested_frames.<locals>.middle, main
import sys


def poke_caller(name, value, depth=1):
    f = sys._getframe(depth + 1)
    f.f_locals[name] = value
    return f.f_locals.get(name)


def poke_caller_new_key(i):
    sys._getframe(1).f_locals["extra_%d" % (i % 3)] = i
    return 0


def peek_caller(name):
    return sys._getframe(1).f_locals.get(name, "<unbound>")


def own_frame_write(n):
    x = 1
    f = sys._getframe()
    f.f_locals["x"] = 99
    after_write = x
    d = f.f_locals            # re-sync: fast locals win
    return after_write, d["x"], x


def caller_write_in_loop(n):
    acc = 0
    seen = []
    for i in range(n):
        acc += 1
        if i % 500 == 0:
            got = poke_caller("acc", -1000)
            seen.append((i, got, acc, peek_caller("acc")))
    return acc, seen


def new_key_in_loop(n):
    total = 0
    for i in range(n):
        total += poke_caller_new_key(i)
    loc = locals()
    return total, sorted(k for k in loc if k.startswith("extra")), loc.get("extra_0")


def cell_write(n):
    c = 10

    def inner():
        return c

    outs = []
    for i in range(n):
        if i == n // 2:
            sys._getframe().f_locals["c"] = 777
            outs.append((c, inner()))
        if i == n - 1:
            outs.append((c, inner(), sorted(locals())))
    return outs


def delete_then_write(n):
    y = 5
    z = 6
    del y
    for i in range(n):
        z += 1
    f = sys._getframe()
    f.f_locals["y"] = 42
    try:
        r = y
    except UnboundLocalError as e:
        r = str(e)
    return r, "y" in locals(), z


def write_then_locals_twice(n):
    v = 0
    for i in range(n):
        v += i
    sys._getframe().f_locals["v"] = "written"
    first = locals()["v"]
    sys._getframe().f_locals["w"] = "new"
    second = locals().get("w")
    return first, second, v


def nested_frames(n):
    a = 1

    def middle():
        b = 2
        poke_caller("a", 500, depth=2)     # writes nested_frames' f_locals from two levels down
        poke_caller("b", 600)
        return b, peek_caller("a")

    res = []
    for i in range(n):
        a += 1
        if i % 1000 == 999:
            res.append((middle(), a))
    return res


def tracer_writes(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "traced" and "k" in frame.f_locals:
        frame.f_locals["k"] = frame.f_locals["k"] + 100     # with a trace function: synced back
    return tracer_writes


def traced(n):
    k = 0
    for i in range(n):
        k += 1
    return k


def main():
    print("own frame", own_frame_write(10))
    print("caller loop", caller_write_in_loop(3000))
    print("new key", new_key_in_loop(3000))
    print("cell", cell_write(2000))
    print("delete then write", delete_then_write(1000))
    print("locals twice", write_then_locals_twice(1000))
    print("nested", nested_frames(3000))
    print("traced warm", traced(1000))
    sys.settrace(tracer_writes)
    r = traced(5)
    sys.settrace(None)
    print("traced", r)


main()
