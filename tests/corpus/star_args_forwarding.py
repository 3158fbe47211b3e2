# pyjit-corpus: *args/**kwargs collection and forwarding (CALL_FUNCTION_EX with and without a mapping, LIST_EXTEND/DICT_MERGE call building), wrappers that forward everything, errors from bad unpacking in calls
# pyjit-compiled: target, forward, forward_args_only, forward_with_prefix, forward_mixed, count_args
# pyjit-compiled: merge_calls, logging_wrapper, logging_wrapper.<locals>.wrapper, area, call_errors
# pyjit-compiled: Mapping.__init__, Mapping.keys, Mapping.__getitem__, forward_custom_mapping
# pyjit-compiled: apply_all, unpack_generators, <module>

def target(a, b=2, *rest, c=3, **extra):
    return "a=%r b=%r rest=%r c=%r extra=%r" % (a, b, rest, c, sorted(extra.items()))

def forward(*args, **kwargs):
    return target(*args, **kwargs)

def forward_args_only(*args):
    return target(*args)

def forward_with_prefix(*args, **kwargs):
    return target(0, *args, c="pre", **kwargs)

def forward_mixed(x, *args, key=None, **kwargs):
    return target(x, *args, *(key,), **kwargs, zz=1)

def count_args(*args, **kwargs):
    return len(args), len(kwargs)

def merge_calls():
    first = {"p": 1}
    second = {"q": 2}
    return count_args(*[1, 2], *(3,), *range(2), **first, **second, r=3)

def logging_wrapper(fn):
    def wrapper(*args, **kwargs):
        print("  call", fn.__name__, args, sorted(kwargs))
        result = fn(*args, **kwargs)
        print("  ->", result)
        return result
    return wrapper

@logging_wrapper
def area(w, h=1, *, unit="m"):
    return str(w * h) + unit

def call_errors():
    out = []
    try:
        target(*5)
    except TypeError as e:
        out.append(str(e))
    try:
        target(**[1])
    except TypeError as e:
        out.append(str(e))
    try:
        target(1, **{"a": 2})
    except TypeError as e:
        out.append(str(e))
    try:
        count_args(**{"k": 1}, **{"k": 2})
    except TypeError as e:
        out.append(str(e))
    try:
        target(**{1: 2})
    except TypeError as e:
        out.append(str(e))
    return out

class Mapping:
    def __init__(self, data):
        self.data = data
    def keys(self):
        return list(self.data)
    def __getitem__(self, k):
        return self.data[k] * 10

def forward_custom_mapping():
    return target(1, **Mapping({"b": 2, "c": 3, "z": 4}))

def apply_all(funcs, *args, **kwargs):
    results = []
    for f in funcs:
        results.append(f(*args, **kwargs))
    return results

def unpack_generators():
    return target(*(i * i for i in range(4)), **dict(zip("xy", (7, 8))))

print(forward(1))
print(forward(1, 2, 3, 4))
print(forward(1, c=5, d=6))
print(forward_args_only(9, 8, 7))
print(forward_with_prefix(1, 2, extra=3))
print(forward_mixed(1, 2, key="k", w=0))
print(merge_calls())
print(area(3, 4), area(5, unit="cm"))
for line in call_errors():
    print(line)
print(forward_custom_mapping())
print(apply_all([count_args, forward], 1, 2, c=3))
print(unpack_generators())
