# pyjit-corpus: uncaught exception raised in an except block (raise in except) through compiled frames, producing a chained traceback ("During handling ...") that spans several compiled frames
# pyjit-compiled: lookup, resolve, resolve_all, entry, convert
# pyjit-exit: 1

TABLE = {"a": 1, "b": 2}

def lookup(key):
    return TABLE.__getitem__(key)

def convert(key):
    try:
        return lookup(key)
    except KeyError:
        if key == "silent":
            raise ValueError("cannot convert " + repr(key)) from None
        raise ValueError("cannot convert " + repr(key))

def resolve(key):
    v = convert(key)
    return v * 10

def resolve_all(keys):
    total = 0
    for k in keys:
        total += resolve(k)
    return total

def entry(keys):
    print("entry", keys)
    return resolve_all(keys)

print(entry(["a", "b"]))
try:
    entry(["a", "silent"])
except ValueError as e:
    print("caught", type(e).__name__, e, e.__cause__, e.__suppress_context__)
entry(["b", "zzz", "a"])
