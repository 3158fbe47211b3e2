# pyjit-corpus: uncaught exception at the bottom of a 40-deep compiled recursion; traceback collapses repeated frames ("[Previous line repeated N more times]")
# pyjit-compiled: countdown, bottom, mutual_a, mutual_b
# pyjit-exit: 1

def bottom(n):
    return 100 % n

def countdown(n):
    if n == 0:
        return bottom(n)
    return countdown(n - 1) + 1

def mutual_a(n):
    if n <= 0:
        return countdown(40)
    return mutual_b(n - 1)

def mutual_b(n):
    return mutual_a(n - 1)

print("start")
mutual_a(6)
