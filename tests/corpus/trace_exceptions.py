# pyjit-corpus: a compiled function switches tracing or profiling on and then raises or receives an exception: the frame goes on in the interpreter with exactly the stock events (no spurious 'call' for the running frame), handlers caught in the caller, generators thrown into while traced
# pyjit-compiled: _settrace_and_raise, settrace_and_raise, record, Recorder.__init__, run
# (the others run after the program replaced the profiler the corpus check uses to see what ran)
import sys


class Recorder:
    def __init__(self, base):
        self.base = base
        self.events = []

    def trace(self, frame, event, arg):
        if frame.f_code.co_filename == __file__:
            self.events.append((frame.f_code.co_name, frame.f_lineno - self.base, event))
        return self.trace

    def profile(self, frame, event, arg):
        if frame.f_code.co_filename == __file__ and event in ("call", "return"):
            self.events.append((frame.f_code.co_name, event))


def _settrace_and_raise(tracefunc):
    sys.settrace(tracefunc)
    sys._getframe().f_back.f_trace = tracefunc
    raise RuntimeError("after settrace")


def settrace_and_raise(tracefunc):
    try:
        _settrace_and_raise(tracefunc)
    except RuntimeError:
        pass
    x = 1
    return x


def _setprofile_and_raise(profilefunc):
    sys.setprofile(profilefunc)
    raise KeyError("after setprofile")


def setprofile_and_raise(profilefunc):
    try:
        _setprofile_and_raise(profilefunc)
    except KeyError:
        y = 2
    return 3


def nested_handlers(tracefunc):
    try:
        try:
            sys.settrace(tracefunc)
            sys._getframe().f_trace = tracefunc
            raise ValueError("inner")
        except ValueError as e:
            raise TypeError("outer") from e
    except TypeError as t:
        return type(t.__cause__).__name__


def record(func, method):
    r = Recorder(func.__code__.co_firstlineno)
    result = func(getattr(r, method))
    sys.settrace(None)
    sys.setprofile(None)
    return result, r.events


def run():
    for func, method in ((settrace_and_raise, "trace"), (setprofile_and_raise, "profile"),
                         (nested_handlers, "trace")):
        result, events = record(func, method)
        print(func.__name__, result)
        for e in events:
            print("  ", e)


run()
