# pyjit-corpus: deep value stacks: heavily nested expressions, calls with many positional args (builtin and Python), nested call chains, long chained comparisons, many live temporaries across a call that raises
# pyjit-compiled: deep_expr, many_args_builtin, take20, many_args_python, nested_calls, long_chain_compare, temporaries_across_raise, inc, right_nested

def deep_expr(a, b, c, d):
    return ((((a + b) * (c - d)) + ((a * c) - (b // (d or 1)))) *
            (((a - c) * (b + d)) - ((a + 1) * (b + 2) * (c + 3) * (d + 4)))) + \
           (((a ^ b) | (c & d)) << ((a % 3) + 1)) - (-(~(a + b + c + d)))

def many_args_builtin(x):
    return max(x, x + 1, x - 1, x * 2, x * 3, x // 2, x % 7, x + 10, x - 10, x * x,
               x + 20, x - 20, x * 4, x + 30, x - 30, x * 5, x + 40, x - 40, x * 6, x + 50,
               x - 50, x * 7, x + 60, x - 60, x * 8, x + 70, x - 70, x * 9, x + 80, x - 80)

def take20(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9):
    return (a0 - a1 + a2 - a3 + a4 - a5 + a6 - a7 + a8 - a9) * (b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9)

def many_args_python(x):
    return take20(x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9,
                  x * 1, x * 2, x * 3, x * 4, x * 5, x * 6, x * 7, x * 8, x * 9, x * 10)

def inc(x):
    return x + 1

def nested_calls(x):
    return inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(inc(x))))))))))))))))

def long_chain_compare(a, b, c, d, e, f, g, h):
    return a <= b <= c <= d <= e <= f <= g <= h

def temporaries_across_raise(x):
    return (x + 1) * (x + 2) + (x + 3) * (x + 4) + str(x) + (x + 5)

def right_nested(x):
    return x + (x * (x - (x + (x * (x - (x + (x * (x - (x + (x * (x - (x + 1)))))))))))) 

print(deep_expr(1, 2, 3, 4), deep_expr(-7, 11, 0, 0), deep_expr(2**40, 3, 5, 2**33))
print(many_args_builtin(0), many_args_builtin(-100), many_args_builtin(2**65))
print(many_args_python(1), many_args_python(-3))
print(nested_calls(0), nested_calls(2**64), nested_calls(0.5))
print(long_chain_compare(1, 2, 3, 4, 5, 6, 7, 8), long_chain_compare(1, 2, 3, 4, 5, 6, 7, 0), long_chain_compare(1, 1, 1, 1, 1, 1, 1, 1), long_chain_compare(9, 2, 3, 4, 5, 6, 7, 8))
print(right_nested(2), right_nested(-1), right_nested(3.5))
for v in (1, 2.5):
    try:
        temporaries_across_raise(v)
    except TypeError as e:
        print("TypeError", e)
try:
    long_chain_compare(1, 2, 3, 4, "5", 6, 7, 8)
except TypeError as e:
    print("TypeError", e)
