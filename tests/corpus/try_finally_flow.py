# pyjit-corpus: try/except/else/finally in every combination in compiled code: return in try/except/else/finally (finally overriding return and swallowing exceptions), break and continue inside try and finally, nested handlers, handlers selected by tuple and base class, exception variables cleared after the handler, loops with handlers
# pyjit-compiled: risky, handle, return_in_try, finally_overrides, finally_swallows
# pyjit-compiled: return_in_except, return_in_else, break_in_finally, continue_in_finally
# pyjit-compiled: break_continue_in_try, nested_handlers, exception_variable_cleared
# pyjit-compiled: exception_in_else_and_finally, loop_with_handlers, deep_finally, <module>

LOG = []

def risky(kind):
    if kind == "value":
        raise ValueError("bad value")
    if kind == "key":
        return {}["missing"]
    if kind == "zero":
        return 1 // 0
    if kind == "type":
        return "a" + 1
    return "fine:" + kind

def handle(kind):
    try:
        r = risky(kind)
    except ValueError as e:
        r = "ValueError(%s)" % e
    except (KeyError, ZeroDivisionError) as e:
        r = "%s(%s)" % (type(e).__name__, e)
    except Exception as e:
        r = "Exception:" + type(e).__name__
    else:
        r = "else:" + r
    finally:
        LOG.append("finally " + kind)
    return r

def return_in_try():
    try:
        return "from try"
    finally:
        LOG.append("cleanup after return")

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

def finally_swallows():
    try:
        raise RuntimeError("lost")
    finally:
        return "swallowed"

def return_in_except():
    try:
        1 / 0
    except ZeroDivisionError:
        return "from except"
    finally:
        LOG.append("finally after except-return")

def return_in_else():
    try:
        x = 1
    except Exception:
        return "unreachable"
    else:
        return "from else %d" % x
    finally:
        LOG.append("finally after else-return")

def break_in_finally():
    out = []
    for i in range(5):
        try:
            if i == 2:
                raise ValueError(i)
            out.append(i)
        finally:
            if i == 2:
                break
    return out

def continue_in_finally():
    out = []
    for i in range(4):
        try:
            if i % 2:
                raise KeyError(i)
            out.append(i)
        finally:
            continue
    return out

def break_continue_in_try():
    out = []
    i = 0
    while True:
        i += 1
        try:
            if i == 2:
                continue
            if i == 5:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out

def nested_handlers():
    out = []
    try:
        try:
            risky("key")
        except ValueError:
            out.append("inner ValueError (no)")
        finally:
            out.append("inner finally")
    except LookupError as e:
        out.append("outer LookupError " + repr(e))
    try:
        try:
            risky("value")
        except ValueError:
            out.append("inner caught")
            risky("zero")
    except ZeroDivisionError as e:
        out.append("outer got " + type(e).__name__ + " context " + type(e.__context__).__name__)
    return out

def exception_variable_cleared():
    e = "before"
    try:
        raise TypeError("t")
    except TypeError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return "UnboundLocalError: " + str(err)

def exception_in_else_and_finally():
    out = []
    try:
        try:
            pass
        except ValueError:
            out.append("no")
        else:
            risky("type")
    except TypeError as e:
        out.append("else raised " + str(e))
    try:
        try:
            risky("value")
        finally:
            risky("zero")
    except ZeroDivisionError as e:
        out.append("finally replaced: context=" + repr(e.__context__))
    return out

def loop_with_handlers(items):
    total = 0
    errors = 0
    for item in items:
        try:
            total += int(item)
        except ValueError:
            errors += 1
            continue
        except TypeError:
            errors += 100
            break
        else:
            total += 1000
        finally:
            total += 1
    return total, errors

def deep_finally(n):
    try:
        if n == 0:
            raise IndexError("bottom")
        return deep_finally(n - 1)
    finally:
        LOG.append("unwind %d" % n)

for k in ("value", "key", "zero", "type", "ok"):
    print(handle(k))
print(return_in_try(), finally_overrides(), finally_swallows())
print(return_in_except(), return_in_else())
print(break_in_finally(), continue_in_finally(), break_continue_in_try())
print(nested_handlers())
print(exception_variable_cleared())
print(exception_in_else_and_finally())
print(loop_with_handlers(["1", "x", "20", "y"]), loop_with_handlers(["5", None, "7"]))
try:
    deep_finally(3)
except IndexError as e:
    print("deep:", e)
for line in LOG:
    print(line)
