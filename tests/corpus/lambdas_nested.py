# pyjit-corpus: lambdas (defaults, closures, immediately called, in data structures, as sort keys and callbacks) and nested functions several levels deep, including recursion of nested functions through a cell
# pyjit-compiled: <lambda>, run_ops, compose, compose.<locals>.composed, pipeline
# pyjit-compiled: pipeline.<locals>.<lambda>, pipeline.<locals>.<listcomp>, immediately_called
# pyjit-compiled: immediately_called.<locals>.<lambda>, lambda_defaults
# pyjit-compiled: lambda_defaults.<locals>.<listcomp>, lambda_defaults.<locals>.<listcomp>.<lambda>
# pyjit-compiled: outer, outer.<locals>.middle, outer.<locals>.middle.<locals>.inner
# pyjit-compiled: outer.<locals>.middle.<locals>.inner.<locals>.innermost, nested_recursion
# pyjit-compiled: nested_recursion.<locals>.walk, sort_records, sort_records.<locals>.<lambda>
# pyjit-compiled: callbacks, callbacks.<locals>.<lambda>, conditional_lambda
# pyjit-compiled: conditional_lambda.<locals>.<lambda>, lambda_attrs, <module>

OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "pow": lambda a, b=2: a ** b,
}

def run_ops():
    out = []
    for name in sorted(OPS):
        out.append((name, OPS[name](7, 3)))
    out.append(OPS["pow"](5))
    return out

def compose(*funcs):
    def composed(x):
        for f in reversed(funcs):
            x = f(x)
        return x
    return composed

def pipeline():
    inc = lambda x: x + 1
    dbl = lambda x: x * 2
    neg = lambda x: -x
    f = compose(neg, dbl, inc)
    return [f(i) for i in range(5)]

def immediately_called(n):
    return (lambda k: k * k + n)(n)

def lambda_defaults():
    fs = [lambda x, i=i: x + i for i in range(3)]
    return [f(10) for f in fs]

def outer(a):
    def middle(b):
        def inner(c):
            def innermost(d):
                return a + b + c + d
            return innermost(1000)
        return inner(100)
    return middle(10)

def nested_recursion(n):
    def walk(k):
        if k == 0:
            return [0]
        return walk(k - 1) + [k]
    return walk(n)

def sort_records():
    records = [("bob", 25, 3.5), ("amy", 31, 2.0), ("cat", 25, 9.1), ("dan", 19, 2.0)]
    by_age = sorted(records, key=lambda r: (r[1], r[0]))
    by_score_desc = sorted(records, key=lambda r: -r[2])
    names = list(map(lambda r: r[0].title(), records))
    adults = list(filter(lambda r: r[1] >= 21, records))
    return by_age, by_score_desc, names, adults

def callbacks():
    log = []
    handlers = [lambda m: log.append("A:" + m), lambda m: log.append("B:" + m.upper())]
    for msg in ("x", "y"):
        for h in handlers:
            h(msg)
    return log

def conditional_lambda(flag):
    f = (lambda: "yes") if flag else (lambda: "no")
    return f()

def lambda_attrs():
    f = lambda a, *b, c=1, **d: None
    return (f.__name__, f.__qualname__, f.__code__.co_argcount, f.__code__.co_kwonlyargcount,
            f.__defaults__, f.__kwdefaults__)

print(run_ops())
print(pipeline())
print(immediately_called(6))
print(lambda_defaults())
print(outer(1))
print(nested_recursion(5))
for part in sort_records():
    print(part)
print(callbacks())
print(conditional_lambda(True), conditional_lambda(False))
print(lambda_attrs())
