# pyjit-corpus: functions that fell back under the skeleton subset (f-strings, try/except, list/dict literals, kwargs, closures, attribute access) now compiled, calling each other and plain compiled functions
# pyjit-compiled: driver, sum_formatted, retry_until, compiled_leaf, call_chain, pass_through_kwargs_fn, kw_target, fmt, safe_div, make_pair, call_with_kwargs, interp_calls_compiled, adder_factory, get_attr

def fmt(x):
    return f"<{x!r:>6}>"

def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")

def make_pair(a, b):
    return [a, b]

def kw_target(a, b=10, *, c=100):
    return a + b + c

def call_with_kwargs(a):
    return kw_target(a, c=1)

def compiled_leaf(x):
    return x * 2 + 1

def interp_calls_compiled(xs):
    return [compiled_leaf(x) for x in xs]

def adder_factory(n):
    def add(x):
        return x + n
    return add

def get_attr(obj):
    return obj.real

def driver(n):
    out = ""
    for i in range(n):
        out += fmt(i)
        out += str(safe_div(10, i))
    return out

def sum_formatted(items):
    total = 0
    for it in items:
        total += len(fmt(it))
    return total

def retry_until(limit):
    i = 0
    r = safe_div(1, i)
    while r == float("inf") and i < limit:
        i += 1
        r = safe_div(1, i - 2)
    return i

def call_chain(x):
    p = make_pair(x, compiled_leaf(x))
    k = call_with_kwargs(x)
    c = interp_calls_compiled(p)
    a = adder_factory(x)
    return str(p) + str(k) + str(c) + str(a(5)) + str(get_attr(x))

def pass_through_kwargs_fn(fn, v):
    # positional call of a callable that has defaults/kw-only args
    return fn(v) + fn(v, 1)

print("driver", driver(3))
print("sum_formatted", sum_formatted([1, "ab", None, 2.5, 10**10]))
print("retry_until", retry_until(10))
print("call_chain", call_chain(3), call_chain(-7))
print("kwargs", pass_through_kwargs_fn(kw_target, 5))
