# pyjit-corpus: raise forms in compiled code: raise Class, raise instance, raise X from Y, raise from None (__suppress_context__), bare raise re-raising the handled exception, implicit __context__ chaining, re-raise after a nested handler, sys.exc_info() inside and after handlers, exception attributes and __traceback__ line numbers
# pyjit-compiled: describe, tb_lines, raise_class, raise_instance, raise_from, raise_from_none
# pyjit-compiled: raise_from_instance, implicit_context, bare_reraise, reraise_after_nested
# pyjit-compiled: reraise_modified, raise_non_exception, raise_from_non_exception, exc_info_states
# pyjit-compiled: exc_info_in_callee, caller_sees_exc_info, catch, <module>
import sys


def describe(e):
    parts = ["%s(%s)" % (type(e).__name__, ", ".join(repr(a) for a in e.args))]
    if e.__cause__ is not None:
        parts.append("cause=" + type(e.__cause__).__name__)
    if e.__context__ is not None:
        parts.append("context=" + type(e.__context__).__name__)
    parts.append("suppress=%s" % e.__suppress_context__)
    return " ".join(parts)

def tb_lines(e):
    lines = []
    tb = e.__traceback__
    while tb is not None:
        lines.append("%s:%d" % (tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return lines

def raise_class():
    raise KeyError

def raise_instance():
    raise KeyError("k", 2)

def raise_from():
    try:
        {}["x"]
    except KeyError as e:
        raise ValueError("converted") from e

def raise_from_none():
    try:
        int("zz")
    except ValueError:
        raise LookupError("clean") from None

def raise_from_instance():
    raise RuntimeError("explicit") from OSError("io")

def implicit_context():
    try:
        [][1]
    except IndexError:
        raise TypeError("during handling")

def bare_reraise():
    try:
        1 / 0
    except ZeroDivisionError:
        raise

def reraise_after_nested():
    try:
        raise ValueError("outer")
    except ValueError:
        try:
            raise KeyError("inner")
        except KeyError:
            pass
        raise

def reraise_modified():
    try:
        raise ValueError("orig")
    except ValueError as e:
        e.args = ("modified",) + e.args
        raise

def raise_non_exception():
    raise 42

def raise_from_non_exception():
    raise ValueError() from 7

def exc_info_states():
    out = [sys.exc_info()[0]]
    try:
        raise ArithmeticError("a")
    except ArithmeticError:
        t, v, tb = sys.exc_info()
        out.append((t.__name__, str(v), tb.tb_lineno - exc_info_states.__code__.co_firstlineno))
        try:
            raise EOFError("b")
        except EOFError:
            out.append(sys.exc_info()[0].__name__)
        out.append(sys.exc_info()[0].__name__)
    out.append(sys.exc_info())
    return out

def exc_info_in_callee():
    return sys.exc_info()[0]

def caller_sees_exc_info():
    try:
        raise NameError("n")
    except NameError:
        return exc_info_in_callee().__name__

def catch(fn):
    try:
        fn()
    except BaseException as e:
        return describe(e) + " @ " + ",".join(tb_lines(e))
    return "no exception"

for fn in (raise_class, raise_instance, raise_from, raise_from_none, raise_from_instance,
           implicit_context, bare_reraise, reraise_after_nested, reraise_modified,
           raise_non_exception, raise_from_non_exception):
    print(fn.__name__.ljust(26), catch(fn))
print(exc_info_states())
print(caller_sees_exc_info(), sys.exc_info())
