# pyjit-corpus: function and type objects mutated WHILE compiled callers call them in hot loops: a callee's __code__ swapped (to code with other argument counts, a generator's code, and back), __defaults__ and __kwdefaults__ replaced, a class's __bases__ changed (the MRO the loop's attribute loads and method calls go through), int/float/str subclasses with overridden operators entering loops warmed up on exact ints/floats, and code exec'd with non-dict builtins and a globals dict whose __builtins__ is replaced
# pyjit-compiled: target, target_alt, target_two, target_gen, loop_code_swap, with_defaults, loop_defaults
# pyjit-compiled: with_kwdefaults, loop_kwdefaults, BaseA.who, BaseB.who, Child.__init__, loop_bases
# pyjit-compiled: MyInt.__add__, MyInt.__gt__, MyFloat.__mul__, sum_loop, mul_loop, cmp_loop, loop_subclasses
# pyjit-compiled: Builtins.__getitem__, run_exec, loop_reassign_self, selfish, main
import builtins


def target(x):
    return x + 1

def target_alt(x):
    return x * 100

def target_two(x, y=5):
    return x - y

def target_gen(x):
    yield x
    yield -x


ORIG_CODE = target.__code__


def loop_code_swap(n):
    s = 0
    log = []
    for i in range(n):
        r = target(i)
        if not isinstance(r, int):
            r = sum(r)
        s += r
        if i == 1000:
            target.__code__ = target_alt.__code__
        elif i == 2000:
            target.__code__ = target_two.__code__      # needs a default it does not have
            target.__defaults__ = (7,)
        elif i == 2500:
            target.__code__ = target_gen.__code__      # now a generator function
        elif i == 2600:
            target.__code__ = ORIG_CODE
            target.__defaults__ = None
        if i % 300 == 0:
            log.append(s)
    return s, log


def with_defaults(a, b=1, c=2):
    return a + b * c


def loop_defaults(n):
    s = 0
    for i in range(n):
        s += with_defaults(i) + with_defaults(i, 3)
        if i == 800:
            with_defaults.__defaults__ = (10, 20)
        elif i == 1600:
            with_defaults.__defaults__ = (0.5, 2)
        elif i == 2400:
            with_defaults.__defaults__ = ("",)       # c has no default any more
    return s


def with_kwdefaults(a, *, k=1):
    return a * k


def loop_kwdefaults(n):
    s = 0
    errs = 0
    for i in range(n):
        try:
            s += with_kwdefaults(i)
        except TypeError:
            errs += 1
        if i == 700:
            with_kwdefaults.__kwdefaults__ = {"k": 3}
        elif i == 1400:
            with_kwdefaults.__kwdefaults__ = None
        elif i == 1500:
            with_kwdefaults.__kwdefaults__ = {"k": -1}
    return s, errs


class BaseA:
    tag = "A"

    def who(self):
        return 1


class BaseB:
    tag = "B"

    def who(self):
        return 1000


class Child(BaseA):
    def __init__(self):
        self.v = 1


def loop_bases(n):
    c = Child()
    s = 0
    tags = []
    for i in range(n):
        s += c.who() + c.v
        if i % 500 == 499:
            Child.__bases__ = (BaseB,) if Child.__bases__ == (BaseA,) else (BaseA,)
            tags.append(c.tag)
    Child.__bases__ = (BaseA,)
    return s, "".join(tags)


class MyInt(int):
    def __add__(self, other):
        return MyInt(int(self) + int(other) + 1)

    def __gt__(self, other):
        # `int < MyInt` calls this reflected method first (subclass priority)
        return int(self) > int(other) + 1


class MyFloat(float):
    def __mul__(self, other):
        return MyFloat(float(self) * float(other) + 0.25)


class MyStr(str):
    def __add__(self, other):
        return MyStr(str.__add__(self, other) + "!")


def sum_loop(start, step, n):
    x = start
    for i in range(n):
        x = x + step
    return x, type(x).__name__


def mul_loop(start, f, n):
    x = start
    for i in range(n):
        x = x * f
    return x, type(x).__name__


def cmp_loop(limit, n):
    c = 0
    i = 0
    while i < n:
        if i < limit:
            c += 1
        i += 1
    return c


def loop_subclasses():
    out = []
    out.append(sum_loop(0, 1, 3000))            # warm-up on exact ints (unboxed)
    out.append(sum_loop(MyInt(0), 1, 3000))
    out.append(sum_loop(0, MyInt(1), 3000))
    out.append(sum_loop(True, True, 5))
    out.append(sum_loop(0.5, 1.5, 3000))
    out.append(sum_loop(MyStr("a"), "b", 3))
    out.append(mul_loop(1.0, 1.001, 3000))
    out.append(mul_loop(MyFloat(1.0), 1.0, 10))
    out.append(mul_loop(1.0, MyFloat(1.0), 10))
    out.append(cmp_loop(1500, 3000))
    out.append(cmp_loop(MyInt(1500), 3000))
    out.append(cmp_loop(1500.5, 3000))
    return out


class Builtins:
    """A non-dict mapping used as __builtins__ of exec'd code."""

    def __init__(self, overrides):
        self.overrides = overrides

    def __getitem__(self, name):
        if name in self.overrides:
            return self.overrides[name]
        return getattr(builtins, name)


def run_exec(n):
    src = (
        "def counted(n):\n"
        "    s = 0\n"
        "    for i in range(n):\n"
        "        s += len('abc') + abs(-i)\n"
        "    return s\n"
        "r1 = counted(%d)\n" % n
    )
    g = {"__builtins__": Builtins({"len": lambda x: 10})}
    exec(src, g)
    g2 = {"__builtins__": {"len": lambda x: -1, "abs": abs, "range": range}}
    exec(src, g2)
    f = g2["counted"]
    g2["__builtins__"] = {"len": lambda x: 0, "abs": abs, "range": range}   # f keeps its builtins
    r3 = f(n)
    return g["r1"], g2["r1"], r3


def selfish(n):
    return n


def loop_reassign_self(n):
    global selfish
    s = 0
    for i in range(n):
        s += selfish(i)
        if i == n // 2:
            def selfish(k):
                return -k
    return s


def main():
    print("code swap", loop_code_swap(3000))
    try:
        print("defaults", loop_defaults(3000))
    except TypeError as e:
        print("defaults TypeError", e)
    print("kwdefaults", loop_kwdefaults(2000))
    print("bases", loop_bases(3000))
    for r in loop_subclasses():
        print("subclass", r)
    print("exec", run_exec(2000))
    print("reassign self", loop_reassign_self(2000))


main()
