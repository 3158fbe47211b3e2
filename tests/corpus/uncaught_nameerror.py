# pyjit-corpus: uncaught NameError for a global deleted between calls, raised three compiled frames deep inside a loop after successful iterations
# pyjit-compiled: use_config, step, run_steps
# pyjit-exit: 1

CONFIG_SCALE = 10

def use_config(x):
    return x * CONFIG_SCALE

def step(i):
    if i == 2:
        return use_config(i) + missing_helper(i)
    return use_config(i)

def run_steps(n):
    out = 0
    for i in range(n):
        out += step(i)
        print("step", i, "ok", out)
    return out

print("run 1", run_steps(2))
CONFIG_SCALE = 100
print("run 2", run_steps(2))
del CONFIG_SCALE
try:
    run_steps(1)
except NameError as e:
    print("caught", type(e).__name__, e)
CONFIG_SCALE = 1
run_steps(5)
