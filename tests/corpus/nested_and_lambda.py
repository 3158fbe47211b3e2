# pyjit-corpus: lambdas, nested functions and closures are compiled with qualnames like outer.<locals>.inner, together with the enclosing functions (MAKE_FUNCTION, cells)
# pyjit-compiled: <lambda>, outer.<locals>.inner, outer.<locals>.inner2, apply, apply_twice, compose_call, inner2_helper, outer, make_closure, make_closure.<locals>.closure

square = lambda x: x * x
add3 = lambda a, b, c: a + b + c
pick = lambda a, b: a if a > b else b

def outer(n):
    def inner(x):
        return x * 10 + 1
    def inner2(x, y):
        return inner2_helper(x) - y
    return inner(n) + inner2(n, 1)

def inner2_helper(x):
    return x * x

def make_closure(k):
    def closure(x):
        return x + k
    return closure

def apply(fn, x):
    return fn(x)

def apply_twice(fn, x):
    return fn(fn(x))

def compose_call(f, g, x):
    return f(g(x))

print(square(7), add3(1, 2, 3), pick(3, 9), pick("b", "a"))
print(outer(2), outer(-5))
c = make_closure(100)
print(apply(square, 5), apply(c, 5), apply_twice(square, 3), apply_twice(c, 1))
print(compose_call(square, c, 2), compose_call(c, square, 2), compose_call(str, square, 12))
print(apply(lambda s: s.upper(), "abc"), apply_twice(lambda v: v + v, "ab"))
print(sorted([3, -1, 2], key=lambda v: -v), list(map(square, range(5))))
