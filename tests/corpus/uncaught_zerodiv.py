# pyjit-corpus: uncaught ZeroDivisionError four compiled frames deep; the full traceback (files, lines, carets, function names) must match
# pyjit-compiled: level1, level2, level3, level4
# pyjit-exit: 1

def level4(x, y):
    scale = x * 3
    return scale // (y - y)

def level3(x):
    total = 0
    for i in range(x):
        total += i
    return level4(total, x) + 1

def level2(x):
    if x > 0:
        r = level3(x)
    else:
        r = 0
    return r

def level1(n):
    print("level1 start", n)
    acc = 0
    while n > 0:
        acc += level2(n)
        n -= 1
    return acc

print("before", level2(0))
level1(3)
print("not reached")
