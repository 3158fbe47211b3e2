# pyjit-corpus: decorators: plain, with arguments, stacked, functools.wraps, memoizing, class decorators, decorators that replace functions by objects with __call__, method decorators; the wrappers and the wrapped functions are all compiled
# pyjit-compiled: trace, trace.<locals>.wrapper, repeat, repeat.<locals>.decorate
# pyjit-compiled: repeat.<locals>.decorate.<locals>.wrapper, memoize, memoize.<locals>.wrapper, fib
# pyjit-compiled: shout, add, CountCalls.__init__, CountCalls.__call__, square, register
# pyjit-compiled: register.<locals>.deco, Plugin.run, method_logger, method_logger.<locals>.wrapper
# pyjit-compiled: Calc.__init__, Calc.plus, Calc.static_twice, use_all, <module>
import functools

CALLS = []

def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper

def repeat(times):
    def decorate(fn):
        def wrapper(*args):
            result = None
            for _ in range(times):
                result = fn(*args)
            return result
        wrapper.times = times
        return wrapper
    return decorate

def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper

@memoize
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

@trace
@repeat(3)
def shout(word):
    CALLS.append("shout:" + word)
    return word.upper()

@trace
def add(a, b=1):
    """Adds two numbers."""
    return a + b

class CountCalls:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.count = 0
    def __call__(self, *args):
        self.count += 1
        return self.fn(*args)

@CountCalls
def square(x):
    return x * x

def register(registry):
    def deco(cls):
        registry[cls.__name__] = cls
        cls.registered = True
        return cls
    return deco

REGISTRY = {}

@register(REGISTRY)
class Plugin:
    def run(self):
        return "plugin runs"

def method_logger(fn):
    def wrapper(self, *args):
        result = fn(self, *args)
        return "%s.%s%r=%r" % (type(self).__name__, fn.__name__, args, result)
    return wrapper

class Calc:
    def __init__(self, base):
        self.base = base
    @method_logger
    def plus(self, x):
        return self.base + x
    @staticmethod
    @trace
    def static_twice(x):
        return 2 * x

def use_all():
    out = [fib(30), len(fib.cache), shout("hi"), add(1), add(2, b=5)]
    out.append((add.__name__, add.__doc__, add.__wrapped__.__name__))
    out.append((shout.__name__, shout.__wrapped__.times))
    for i in range(4):
        square(i)
    out.append((square.count, square.__name__))
    out.append((sorted(REGISTRY), Plugin.registered, REGISTRY["Plugin"]().run()))
    c = Calc(10)
    out.append(c.plus(5))
    out.append(Calc.static_twice(21))
    return out

for item in use_all():
    print(item)
print(CALLS)
