# pyjit-corpus: sorting with key functions (lambdas, methods, operator.itemgetter/attrgetter, functools.cmp_to_key with a compiled comparator), reverse and stability, multi-key sorts, user __lt__ used by sort/min/max/heapq/bisect, key functions that raise, list.sort on the fly
# pyjit-compiled: Emp.__init__, Emp.__repr__, Emp.sort_key, Version.__init__, Version.__lt__
# pyjit-compiled: Version.__repr__, compare_len_then_alpha, sorts, sorts.<locals>.<lambda>
# pyjit-compiled: sorts.<locals>.<listcomp>, stable_multi_pass, stable_multi_pass.<locals>.<lambda>
# pyjit-compiled: user_lt, user_lt.<locals>.<listcomp>, key_raises, key_raises.<locals>.<lambda>
# pyjit-compiled: group_totals, group_totals.<locals>.<lambda>, <module>
import functools
import heapq
import bisect
from operator import itemgetter, attrgetter


class Emp:
    def __init__(self, name, dept, salary):
        self.name = name
        self.dept = dept
        self.salary = salary

    def __repr__(self):
        return "%s/%s/%d" % (self.name, self.dept, self.salary)

    def sort_key(self):
        return (self.dept, -self.salary, self.name)


class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))
        self.text = text

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + self.text


STAFF = [Emp("ann", "eng", 120), Emp("bob", "ops", 90), Emp("cat", "eng", 150),
         Emp("dan", "ops", 90), Emp("eve", "eng", 120), Emp("fay", "hr", 70)]


def compare_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    if a < b:
        return -1
    if a > b:
        return 1
    return 0

def sorts():
    out = []
    out.append(sorted(STAFF, key=Emp.sort_key))
    out.append(sorted(STAFF, key=attrgetter("salary"), reverse=True))
    out.append(sorted(STAFF, key=lambda e: e.salary))
    out.append([e.name for e in sorted(STAFF, key=attrgetter("dept", "name"))])
    rows = [(3, "c"), (1, "b"), (2, "a"), (1, "a")]
    out.append(sorted(rows, key=itemgetter(1)))
    out.append(sorted(rows, key=itemgetter(0, 1), reverse=True))
    words = ["kiwi", "fig", "banana", "apple", "date", "cherry"]
    out.append(sorted(words, key=functools.cmp_to_key(compare_len_then_alpha)))
    out.append(sorted(words, key=len))
    out.append(sorted(words, key=lambda w: w[::-1]))
    return out

def stable_multi_pass():
    data = list(STAFF)
    data.sort(key=lambda e: e.name, reverse=True)
    data.sort(key=lambda e: e.dept)
    return data

def user_lt():
    vs = [Version(t) for t in ("1.10", "1.2", "1.9.1", "0.9", "1.2.0")]
    out = [sorted(vs), min(vs), max(vs)]
    heap = []
    for v in vs:
        heapq.heappush(heap, v)
    out.append([heapq.heappop(heap) for _ in range(len(vs))])
    keys = sorted(v.parts for v in vs)
    out.append(bisect.bisect_left(keys, (1, 2, 0)))
    return out

def key_raises():
    try:
        sorted([3, "a", 1], key=lambda x: x * 2)
    except TypeError as e:
        return "TypeError: " + str(e)

def group_totals():
    totals = {}
    for e in sorted(STAFF, key=attrgetter("dept")):
        totals[e.dept] = totals.get(e.dept, 0) + e.salary
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))

for x in sorts():
    print(x)
print(stable_multi_pass())
print(user_lt())
print(key_raises())
print(group_totals())
