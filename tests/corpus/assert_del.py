# pyjit-corpus: assert (LOAD_ASSERTION_ERROR) with and without messages, messages evaluated only on failure, AssertionError caught by compiled code; del of locals, attributes, items, slices, globals and several targets at once, with the NameError/UnboundLocalError/KeyError/AttributeError that follow
# pyjit-compiled: message, check_positive, check_plain, check_tuple_message, run_asserts, del_local
# pyjit-compiled: del_multiple, del_in_loop, Obj.__init__, del_attrs, del_items, del_globals
# pyjit-compiled: del_global_missing, del_unbound_local

EVALUATED = []

def message(text):
    EVALUATED.append(text)
    return text

def check_positive(x):
    assert x > 0, message("not positive: %r" % (x,))
    return x

def check_plain(x):
    assert x
    return "passed"

def check_tuple_message(x):
    assert isinstance(x, int), ("bad", type(x).__name__)
    return x

def run_asserts():
    out = []
    for v in (3, -1, 0):
        try:
            out.append(check_positive(v))
        except AssertionError as e:
            out.append("AssertionError: %s" % e)
    for v in (1, [], ""):
        try:
            out.append(check_plain(v))
        except AssertionError as e:
            out.append("AssertionError args=%r" % (e.args,))
    try:
        check_tuple_message("s")
    except AssertionError as e:
        out.append(e.args)
    return out

def del_local():
    x = 10
    y = x + 1
    del x
    try:
        return x
    except UnboundLocalError as e:
        return "UnboundLocalError: %s (y=%d)" % (e, y)

def del_multiple():
    a, b, c = 1, 2, 3
    del a, c
    out = [b]
    for name in ("a", "c"):
        out.append(name in locals())
    return out

def del_in_loop(n):
    total = 0
    for i in range(n):
        tmp = i * 2
        total += tmp
        del tmp
    try:
        tmp
    except NameError as e:
        return total, type(e).__name__

class Obj:
    def __init__(self):
        self.a = 1
        self.b = 2

def del_attrs():
    o = Obj()
    del o.a
    out = [sorted(vars(o))]
    try:
        del o.a
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    try:
        o.a
    except AttributeError as e:
        out.append("AttributeError: " + str(e))
    return out

def del_items():
    d = {"x": 1, "y": 2, "z": 3}
    lst = list(range(10))
    del d["x"], lst[0], lst[-1]
    del lst[::2]
    out = [d, lst]
    try:
        del d["nope"]
    except KeyError as e:
        out.append("KeyError: " + str(e))
    try:
        del lst[100]
    except IndexError as e:
        out.append("IndexError: " + str(e))
    return out

GLOBAL_A = "a"
GLOBAL_B = "b"

def del_globals():
    global GLOBAL_A
    del GLOBAL_A
    try:
        GLOBAL_A
    except NameError as e:
        first = "NameError: " + str(e)
    GLOBAL_A = "recreated"
    return first, GLOBAL_A

def del_global_missing():
    global NEVER_DEFINED
    try:
        del NEVER_DEFINED
    except NameError as e:
        return "NameError: " + str(e)

def del_unbound_local():
    if False:
        q = 1
    try:
        del q
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)

print(run_asserts())
print(EVALUATED)
print(del_local())
print(del_multiple())
print(del_in_loop(5))
print(del_attrs())
print(del_items())
print(del_globals())
print(del_global_missing())
print(del_unbound_local())
print("GLOBAL_B" in globals(), GLOBAL_A)
