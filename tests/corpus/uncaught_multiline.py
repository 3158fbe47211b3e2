# pyjit-corpus: uncaught TypeError whose raising expression spans several lines, inside nested compiled calls with multi-line argument lists; traceback line/caret positions must match
# pyjit-compiled: combine, outer, middle
# pyjit-exit: 1

def combine(a,
            b,
            c):
    total = (a
             + b
             * 2
             - c)
    return (total +
            "suffix" +
            a)

def middle(x):
    return combine(
        x,
        x + 1,
        x + 2,
    )

def outer(values):
    acc = 0
    for v in values:
        acc = acc + middle(
            v
        )
    return acc

print(outer([]))
outer(
    [1, 2, 3]
)
