# pyjit-corpus: gc.collect() called from inside compiled hot loops, from __del__ finalizers run by the loop, and from a gc callback, while reference cycles hold suspended compiled generators, closures, bound methods and frames (tracebacks) of compiled functions; finalizers of cyclic garbage run, weakref callbacks fire, gc.get_referrers/get_referents of live compiled frames' objects, and the loops' results are unaffected
# pyjit-compiled: Cyc.__init__, Cyc.__del__, Collector.__del__, make_cycle_with_gen, counter_gen, make_closure_cycle
# pyjit-compiled: make_closure_cycle.<locals>.inner, loop_collect_inside, loop_collect_from_del
# pyjit-compiled: loop_generators_in_cycles, loop_frames_in_cycles, fail_with_cycle, loop_weakref_callbacks
# pyjit-compiled: loop_gc_callback, gc_cb, loop_referents, main
import gc
import _weakref as weakref

LOG = []


class Cyc:
    def __init__(self, tag):
        self.tag = tag
        self.me = self

    def __del__(self):
        LOG.append(self.tag)


class Collector:
    def __del__(self):
        LOG.append(("collector", gc.collect() >= 0))


def counter_gen(owner, n):
    total = 0
    for i in range(n):
        total += i
        yield total


def make_cycle_with_gen(tag):
    c = Cyc(tag)
    c.gen = counter_gen(c, 10 ** 6)
    next(c.gen)
    next(c.gen)
    return c


def make_closure_cycle(tag):
    box = []

    def inner():
        return box, tag
    box.append(inner)
    c = Cyc(tag)
    c.f = inner
    box.append(c)
    return inner


def loop_collect_inside(n):
    s = 0
    freed = 0
    for i in range(n):
        Cyc(("inside", i))            # garbage cycle
        s += i * 2
        if i % 200 == 199:
            freed += gc.collect() > 0
            LOG.sort(key=repr)
            s += len(LOG)
            LOG.clear()
    return s, freed


def loop_collect_from_del(n):
    s = 0
    for i in range(n):
        Cyc(("from del", i))
        s += i
        if i % 300 == 0:
            Collector()          # dies at once; its __del__ collects
    gc.collect()
    cnt = len(LOG)
    LOG.clear()
    return s, cnt


def loop_generators_in_cycles(n):
    s = 0
    for i in range(n):
        c = make_cycle_with_gen(("gen", i % 5))
        s += next(c.gen)
        if i % 100 == 99:
            c = None
            gc.collect()
    gc.collect()
    tags = sorted(set(LOG), key=repr)
    LOG.clear()
    return s, tags


def fail_with_cycle(i):
    local_cycle = Cyc(("tb", i))
    raise KeyError(i)


def loop_frames_in_cycles(n):
    s = 0
    keep = []
    for i in range(n):
        try:
            fail_with_cycle(i)
        except KeyError as e:
            keep.append(e)            # traceback -> frame -> local_cycle
            s += e.args[0]
        if len(keep) > 50:
            keep.clear()
            gc.collect()
    keep.clear()
    gc.collect()
    cnt = len(LOG)
    LOG.clear()
    return s, cnt


def loop_weakref_callbacks(n):
    fired = []
    refs = []
    s = 0
    for i in range(n):
        f = make_closure_cycle(("closure", i))
        refs.append(weakref.ref(f, lambda r, i=i: fired.append(i)))
        s += len(f()[0])
        f = None
        if i % 250 == 249:
            gc.collect()
            refs = [r for r in refs if r() is not None]
    gc.collect()
    LOG.clear()
    return s, len(fired), sorted(fired)[:5], len(refs)


def gc_cb(phase, info):
    if phase == "stop":
        CB.append(info["generation"])


CB = []


def loop_gc_callback(n):
    gc.callbacks.append(gc_cb)
    s = 0
    for i in range(n):
        Cyc(("cb", i))
        s += i
        if i % 500 == 0:
            gc.collect(1)
    gc.callbacks.remove(gc_cb)
    gc.collect()
    LOG.clear()
    return s, CB.count(1) > 0


def loop_referents(n):
    holder = [Cyc("ref")]
    s = 0
    for i in range(n):
        s += i
        if i == n // 2:
            refs = gc.get_referrers(holder[0])
            s += sum(1 for r in refs if r is holder)
            s += len([r for r in gc.get_referents(holder[0]) if isinstance(r, dict)])
    holder[0].me = None
    holder.clear()
    LOG.clear()
    return s


def main():
    gc.collect()
    gc.disable()                   # collections only where the program asks for them
    print("collect inside", loop_collect_inside(2000))
    print("collect from del", loop_collect_from_del(2000))
    print("generators in cycles", loop_generators_in_cycles(1000))
    print("frames in cycles", loop_frames_in_cycles(1000))
    print("weakref callbacks", loop_weakref_callbacks(1000))
    print("gc callback", loop_gc_callback(2000))
    print("referents", loop_referents(2000))
    gc.enable()
    print("garbage", gc.garbage)


main()
