# pyjit-corpus: uncaught UnboundLocalError after DELETE_FAST inside a loop, raised from a custom iterator's consumer two compiled frames deep
# pyjit-compiled: consume, process, Ticker.__iter__
# pyjit-exit: 1

class Ticker:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return make_iter(self)

def make_iter(t):
    return iter(range(t.n))

def process(x):
    tmp = x * 2
    if x == 3:
        del tmp
    return tmp + 1

def consume(it):
    total = 0
    for x in it:
        total += process(x)
        print("processed", x, total)
    return total

print("sum", consume(Ticker(3)))
consume(Ticker(10))
