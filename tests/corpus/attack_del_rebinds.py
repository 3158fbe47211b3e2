# pyjit-corpus: __del__ finalizers, triggered by a reference-count drop INSIDE a compiled hot loop (local rebound, list item replaced, dict entry deleted, temporary dropped, generator closed), that rebind the globals and builtins the loop reads (a constant, a called function, a builtin), mutate the list the loop indexes, raise (ignored, printed to stderr), or switch the class of an object the loop uses
# pyjit-compiled: Trigger.__init__, Trigger.__del__, RaiseInDel.__del__, Mutator.__init__, Mutator.__del__
# pyjit-compiled: ClassSwitcher.__init__, ClassSwitcher.__del__, Target.get, OtherTarget.get, f_one, f_two
# pyjit-compiled: loop_local_rebind, loop_list_replace, loop_dict_delete, loop_temporary, loop_raise_in_del
# pyjit-compiled: loop_mutates_list, loop_class_switch, gen_with_finalizer, loop_generator_close, main, unraisable
import builtins
import sys

STEP = 1
_real_abs = builtins.abs


def f_one(x):
    return x + 1

def f_two(x):
    return x * 2

FUNC = f_one


class Trigger:
    def __init__(self, tag, action):
        self.tag = tag
        self.action = action

    def __del__(self):
        global STEP, FUNC
        a = self.action
        if a == "step":
            STEP = STEP * 2 if isinstance(STEP, int) and STEP < 1000 else 1
        elif a == "float":
            STEP = 0.5
        elif a == "func":
            FUNC = f_two if FUNC is f_one else f_one
        elif a == "abs":
            builtins.abs = (lambda x: 7) if builtins.abs is _real_abs else _real_abs
        elif a == "delglobal":
            globals().pop("MAYBE", None)


class RaiseInDel:
    def __del__(self):
        global STEP
        STEP = 3
        raise RuntimeError("from __del__")


class Mutator:
    def __init__(self, lst):
        self.lst = lst

    def __del__(self):
        self.lst.append(len(self.lst))
        del self.lst[0]


class Target:
    def get(self):
        return 1


class OtherTarget:
    def get(self):
        return 100


class ClassSwitcher:
    def __init__(self, obj):
        self.obj = obj

    def __del__(self):
        self.obj.__class__ = OtherTarget if type(self.obj) is Target else Target


def loop_local_rebind(n):
    global STEP
    STEP = 1
    s = 0
    t = None
    for i in range(n):
        s += STEP
        if i % 500 == 0:
            t = Trigger(i, "step")        # the previous Trigger dies here
    del t
    return s, STEP


def loop_list_replace(n):
    global STEP
    STEP = 1
    holder = [None]
    s = 0
    for i in range(n):
        s += FUNC(i) + STEP
        if i % 700 == 0:
            holder[0] = Trigger(i, "func")
        if i == 1500:
            holder[0] = Trigger(i, "float")
    holder.clear()
    return s, FUNC.__name__, STEP


def loop_dict_delete(n):
    d = {}
    s = 0
    for i in range(n):
        s += abs(-i)
        if i % 600 == 0:
            d[i] = Trigger(i, "abs")
        if i % 600 == 300:
            del d[i - 300]
    d.clear()
    return s, builtins.abs is _real_abs


def loop_temporary(n):
    global MAYBE
    MAYBE = 5
    s = 0
    try:
        for i in range(n):
            Trigger(i, "delglobal" if i == 1777 else "none").tag
            s += MAYBE
    except NameError as e:
        return s, str(e)
    return s


def loop_raise_in_del(n):
    global STEP
    STEP = 1
    s = 0
    for i in range(n):
        x = RaiseInDel() if i % 1000 == 0 else i
        s += STEP
    del x
    return s


def loop_mutates_list(n):
    lst = list(range(10))
    s = 0
    m = None
    for i in range(n):
        s += lst[i % len(lst)]
        if i % 250 == 0:
            m = Mutator(lst)
    del m
    return s, lst


def loop_class_switch(n):
    t = Target()
    s = 0
    keep = None
    for i in range(n):
        s += t.get()
        if i % 333 == 0:
            keep = ClassSwitcher(t)
    keep = None
    return s, type(t).__name__


def gen_with_finalizer(n):
    tr = Trigger(-1, "step")
    for i in range(n):
        yield i


def loop_generator_close(n):
    global STEP
    STEP = 1
    s = 0
    for i in range(n):
        g = gen_with_finalizer(5)
        s += next(g) + STEP
        g = None                   # closes the generator, frees its Trigger
    return s, STEP


def unraisable(u):
    print("unraisable:", type(u.exc_value).__name__, u.exc_value, u.object.__qualname__,
          u.exc_traceback.tb_lineno)


def main():
    sys.unraisablehook = unraisable
    print("local rebind", loop_local_rebind(3000))
    print("list replace", loop_list_replace(3000))
    print("dict delete", loop_dict_delete(3000))
    print("temporary", loop_temporary(3000))
    print("raise in del", loop_raise_in_del(2500))
    print("mutates list", loop_mutates_list(3000))
    print("class switch", loop_class_switch(3000))
    print("generator close", loop_generator_close(2000))
    builtins.abs = _real_abs


main()
