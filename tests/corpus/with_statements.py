# pyjit-corpus: with statements in compiled code (BEFORE_WITH, WITH_EXCEPT_START): custom context managers, __exit__ returning True to suppress, exceptions inside with and inside __exit__, nested and multi-item with, return/break/continue leaving a with block, the exc triple passed to __exit__, contextlib helpers
# pyjit-compiled: Resource.__init__, Resource.__enter__, Resource.__exit__, clean, suppressed
# pyjit-compiled: propagates, nested, multi_item, return_inside, loop_break_continue, exit_raises
# pyjit-compiled: enter_fails, exit_missing, use_contextlib, with_in_handler, <module>
# pyjit-compiled: tag
import contextlib

LOG = []


class Resource:
    def __init__(self, name, suppress=False, fail_exit=False):
        self.name = name
        self.suppress = suppress
        self.fail_exit = fail_exit

    def __enter__(self):
        LOG.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            LOG.append("exit %s clean" % self.name)
        else:
            LOG.append("exit %s with %s(%s) tb=%s" % (
                self.name, exc_type.__name__, exc, tb is not None))
        if self.fail_exit:
            raise RuntimeError("exit of " + self.name + " failed")
        return self.suppress


def clean():
    with Resource("a") as v:
        LOG.append("body " + v)
    return "clean done"

def suppressed():
    with Resource("b", suppress=True):
        LOG.append("before raise")
        raise KeyError("gone")
    return "after suppressed"

def propagates():
    try:
        with Resource("c"):
            raise ValueError("escapes")
    except ValueError as e:
        return "caught " + str(e)

def nested():
    with Resource("outer"):
        with Resource("inner", suppress=True):
            1 / 0
        LOG.append("between")
        with Resource("inner2"):
            pass
    return "nested done"

def multi_item():
    with Resource("m1") as x, Resource("m2", suppress=True) as y, Resource("m3") as z:
        LOG.append("body %s %s %s" % (x, y, z))
        raise LookupError("multi")
    return "multi suppressed by m2"

def return_inside():
    with Resource("r"):
        return "returned from with"

def loop_break_continue():
    out = []
    for i in range(4):
        with Resource("loop%d" % i):
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
    return out

def exit_raises():
    try:
        with Resource("bad", fail_exit=True):
            raise ValueError("original")
    except RuntimeError as e:
        return "RuntimeError %s, context %r" % (e, e.__context__)

def enter_fails():
    class NoEnter:
        def __exit__(self, *a):
            return False
    try:
        with NoEnter():
            pass
    except (TypeError, AttributeError) as e:
        return "%s: %s" % (type(e).__name__, e)

def exit_missing():
    class NoExit:
        def __enter__(self):
            return self
    try:
        with NoExit():
            pass
    except (TypeError, AttributeError) as e:
        return "%s: %s" % (type(e).__name__, e)

@contextlib.contextmanager
def tag(name):
    LOG.append("<%s>" % name)
    try:
        yield name
    finally:
        LOG.append("</%s>" % name)

def use_contextlib():
    with tag("p") as t:
        with contextlib.suppress(KeyError):
            {}[t]
        LOG.append("inside " + t)
    with contextlib.ExitStack() as stack:
        for n in ("x", "y"):
            stack.enter_context(Resource(n))
    return "contextlib done"

def with_in_handler():
    try:
        raise OSError("first")
    except OSError:
        with Resource("h", suppress=True):
            raise EOFError("second")
        return "handler continued"

for fn in (clean, suppressed, propagates, nested, multi_item, return_inside, loop_break_continue,
           exit_raises, enter_fails, exit_missing, use_contextlib, with_in_handler):
    print(fn.__name__, "->", fn())
    for line in LOG:
        print("   ", line)
    del LOG[:]
