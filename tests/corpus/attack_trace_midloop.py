# pyjit-corpus: sys.settrace and sys.setprofile installed and removed from INSIDE running compiled hot loops (directly, from a callee, with and without setting the running frame's f_trace, from a tracer itself), the trace/profile functions recording events with line numbers (call/line/return/exception and c_call/c_return/c_exception), f_trace_lines/f_trace_opcodes off/on, and a tracer that raises to stop tracing; the loop's results must be unaffected and the events identical
# pyjit-compiled: callee, leaf, install_from_callee, loop_settrace_inside, loop_settrace_own_frame
# pyjit-compiled: loop_setprofile_inside, loop_trace_exceptions, loop_tracer_removes_itself, gen_traced
# pyjit-compiled: loop_generator_traced, loop_no_lines, main, show, loop_jump
import sys

EVENTS = []


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in ("tracer", "profiler", "show"):
        return None
    EVENTS.append(("T", event, name, frame.f_lineno, arg if isinstance(arg, int) else type(arg).__name__))
    return tracer


def profiler(frame, event, arg):
    name = frame.f_code.co_name
    if event.startswith("c_"):
        EVENTS.append(("P", event, name, frame.f_lineno, getattr(arg, "__name__", "?")))
    else:
        EVENTS.append(("P", event, name, frame.f_lineno))


def show(label):
    print(label, len(EVENTS))
    for e in EVENTS:
        print("   ", e)
    EVENTS.clear()


def leaf(x):
    y = x * 2
    return y + 1


def callee(x):
    a = leaf(x)
    b = leaf(a)
    return a + b


def install_from_callee(i):
    if i == 1500:
        sys.settrace(tracer)
    elif i == 1503:
        sys.settrace(None)
    return i


def loop_settrace_inside(n):
    s = 0
    for i in range(n):
        s += callee(i)
        if i == 2000:
            sys.settrace(tracer)      # this frame has no f_trace: only new frames are traced
        if i == 2002:
            sys.settrace(None)
    return s


def loop_settrace_own_frame(n):
    s = 0
    for i in range(n):
        s += i
        if i == 1000:
            sys._getframe().f_trace = tracer
            sys.settrace(tracer)
        if i == 1003:
            sys.settrace(None)
            sys._getframe().f_trace = None
    return s


def loop_setprofile_inside(n):
    s = 0
    for i in range(n):
        s += abs(-i) + leaf(i)
        if i == 1000:
            sys.setprofile(profiler)     # profiling starts in this very frame
        if i == 1002:
            sys.setprofile(None)
    return s


def loop_trace_exceptions(n):
    s = 0
    for i in range(n):
        install_from_callee(i)
        try:
            if i % 2:
                raise ValueError(i)
            s += leaf(i)
        except ValueError:
            s -= 1
    return s


def tracer_removes(frame, event, arg):
    EVENTS.append(("R", event, frame.f_code.co_name, frame.f_lineno))
    if len(EVENTS) >= 6:
        sys.settrace(None)
        return None
    return tracer_removes


def loop_tracer_removes_itself(n):
    s = 0
    for i in range(n):
        if i == 700:
            sys.settrace(tracer_removes)
        s += callee(i)
    sys.settrace(None)
    return s


def gen_traced(n):
    for i in range(n):
        yield leaf(i)


def loop_generator_traced(n):
    g = gen_traced(n)
    s = 0
    for i, v in enumerate(g):
        s += v
        if i == n - 3:
            sys.settrace(tracer)
    sys.settrace(None)
    return s


def loop_no_lines(n):
    s = 0
    f = sys._getframe()
    for i in range(n):
        s += leaf(i)
        if i == 500:
            f.f_trace_lines = False
            f.f_trace = tracer
            sys.settrace(tracer)
        if i == 502:
            f.f_trace_lines = True
        if i == 504:
            sys.settrace(None)
            f.f_trace = None
    return s


def jumper(frame, event, arg):
    if event == "line" and frame.f_code.co_name == "loop_jump":
        EVENTS.append(("J", frame.f_lineno - frame.f_code.co_firstlineno))
        if frame.f_lineno - frame.f_code.co_firstlineno == 6:
            frame.f_lineno = frame.f_code.co_firstlineno + 7      # skip `s += 1000`
    return jumper


def loop_jump(n):
    s = 0
    for i in range(n):
        s += i
        if i == 500:
            sys._getframe().f_trace = jumper; sys.settrace(jumper)
        s += 1000
        if i == 503:
            sys.settrace(None); sys._getframe().f_trace = None
    return s


def loop_lsprof(n):
    # a C-level profiler (cProfile's) switched on and off inside the loop
    import _lsprof
    p = None
    s = 0
    for i in range(n):
        s += leaf(i) + abs(-i)
        if i == 100:
            p = _lsprof.Profiler()
            p.enable()
        if i == 200:
            p.disable()
    return s, sorted((getattr(e.code, "co_name", str(e.code)), e.callcount) for e in p.getstats())


def main():
    print(loop_settrace_inside(2500))
    show("settrace inside")
    print(loop_settrace_own_frame(1500))
    show("own frame")
    print(loop_trace_exceptions(2000))
    show("exceptions")
    print(loop_tracer_removes_itself(1000))
    show("removes itself")
    print(loop_generator_traced(1000))
    show("generator")
    print(loop_no_lines(1000))
    show("no lines")
    print(loop_jump(1000))
    show("jump")
    # Last: setprofile(None) also removes the profiler the corpus check uses to see what ran
    print(loop_setprofile_inside(1500))
    show("setprofile inside")
    print(loop_lsprof(1000))


main()
