# pyjit-corpus: containers mutated while a compiled loop iterates them: dict size change during iteration (RuntimeError text and the iteration count before it), dict keys changed without size change, set resized, list appended/removed/cleared/sliced during iteration, mutation from a callee and from __eq__/__hash__ of a key, dict views, deque, and long warm-up iterations before the mutation
# pyjit-compiled: Key.__init__, Key.__hash__, Key.__eq__, mutate_from_callee, dict_insert_during, dict_delete_during
# pyjit-compiled: dict_same_size_swap, dict_values_items_views, set_add_during, list_append_bounded
# pyjit-compiled: list_remove_during, list_clear_during, list_slice_assign_during, dict_via_callee
# pyjit-compiled: dict_via_key_eq, deque_mutation, dict_pop_reinsert, main
import collections


class Key:
    def __init__(self, k, victim=None):
        self.k = k
        self.victim = victim

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, other):
        if self.victim is not None:
            self.victim["late"] = 1
            self.victim = None
        return isinstance(other, Key) and self.k == other.k


def mutate_from_callee(d, i):
    if i == 1500:
        d[-1] = -1
    return i


def run(label, fn, *args):
    try:
        r = fn(*args)
        print(label, "ok", r)
    except RuntimeError as e:
        print(label, "RuntimeError", e)


def dict_insert_during(n):
    d = {i: i * i for i in range(n)}
    s = 0
    count = 0
    try:
        for k in d:
            s += d[k]
            count += 1
            if count == n - 10:
                d[n + 1] = 0
    except RuntimeError as e:
        return "caught", str(e), count, s
    return s


def dict_delete_during(n):
    d = dict.fromkeys(range(n), 1)
    count = 0
    for k, v in d.items():
        count += v
        if k == n // 2:
            del d[0]
    return count


def dict_same_size_swap(n):
    # Same size before and after: 3.11 raises "dictionary keys changed during iteration"
    d = {i: i for i in range(n)}
    seen = 0
    for k in d:
        seen += 1
        if k == n // 3:
            del d[0]
            d["new"] = 0
    return seen


def dict_values_items_views(n):
    d = {i: str(i) for i in range(n)}
    out = 0
    vals = d.values()
    for v in vals:
        out += len(v)
        if out > 3000:
            d.pop(n - 1)
    return out


def set_add_during(n):
    s = set(range(n))
    c = 0
    for x in s:
        c += x
        if x == n - 5:
            s.add(-x)
    return c


def list_append_bounded(n):
    lst = list(range(10))
    c = 0
    for x in lst:
        c += x
        if len(lst) < n:
            lst.append(x + 1)
    return c, len(lst), lst[-3:]


def list_remove_during(n):
    lst = list(range(n))
    visited = []
    for x in lst:
        visited.append(x)
        if x % 3 == 0:
            lst.remove(x)
    return len(visited), visited[:10], len(lst), sum(lst)


def list_clear_during(n):
    lst = list(range(n))
    c = 0
    for x in lst:
        c += x
        if x == n // 2:
            lst.clear()
    return c, lst


def list_slice_assign_during(n):
    lst = list(range(n))
    c = 0
    idx = 0
    for x in lst:
        c += x * idx
        idx += 1
        if idx == 1000:
            lst[500:] = [7] * 3
    return c, idx, len(lst)


def dict_via_callee(n):
    d = {i: i for i in range(n)}
    s = 0
    for k in d:
        s += mutate_from_callee(d, k)
    return s


def dict_via_key_eq(n):
    d = {}
    keys = []
    for i in range(n):
        keys.append(Key(i))
        d[keys[-1]] = i
    victim = {i: i for i in range(100)}
    keys[7].victim = victim
    c = 0
    for k in victim:
        c += k
        if k == 50:
            # the stored key's __eq__ (called by the lookup: same hash, other object)
            # inserts into victim
            c += d[Key(7)]
    return c


def deque_mutation(n):
    dq = collections.deque(range(n))
    c = 0
    for x in dq:
        c += x
        if x == n - 100:
            dq.appendleft(-1)
    return c


def dict_pop_reinsert(n):
    d = {i: i for i in range(n)}
    c = 0
    for k in list(d):
        v = d.pop(k)
        d[k] = v + 1
        c += d[k]
    it = iter(d)
    first = next(it)
    d[first] = 0          # value change only: iteration continues
    rest = sum(1 for _ in it)
    return c, first, rest


def main():
    run("dict insert", dict_insert_during, 3000)
    run("dict delete", dict_delete_during, 3000)
    run("dict same size", dict_same_size_swap, 3000)
    run("dict views", dict_values_items_views, 3000)
    run("set add", set_add_during, 3000)
    run("list append", list_append_bounded, 4000)
    run("list remove", list_remove_during, 3000)
    run("list clear", list_clear_during, 3000)
    run("list slice", list_slice_assign_during, 3000)
    run("dict callee", dict_via_callee, 3000)
    run("dict key eq", dict_via_key_eq, 300)
    run("deque", deque_mutation, 3000)
    run("dict pop reinsert", dict_pop_reinsert, 3000)
    # The same functions with other element types after warm-up
    run("list remove floats", lambda n: list_remove_during(n), 30)
    run("list append str", list_append_bounded, 20)


main()
