# pyjit-corpus: user __eq__/__hash__ in dict keys and sets (colliding hashes, equal-but-not-identical keys, __eq__ call counts, NotImplemented, mixed int/float/user keys), unhashable classes (__eq__ without __hash__), mutating a key's hash, dict/set operations driven from compiled code
# pyjit-compiled: Key.__init__, Key.__hash__, Key.__eq__, Key.__repr__, NoHash.__init__
# pyjit-compiled: NoHash.__eq__, IntLike.__init__, IntLike.__hash__, IntLike.__eq__
# pyjit-compiled: IntLike.__repr__, collisions, collisions.<locals>.<lambda>, sets_of_keys
# pyjit-compiled: unhashable, mixed_numeric, mutable_hash, counting, eq_fallbacks

EQ_CALLS = []


class Key:
    def __init__(self, name, bucket):
        self.name = name
        self.bucket = bucket

    def __hash__(self):
        return self.bucket

    def __eq__(self, other):
        EQ_CALLS.append((self.name, getattr(other, "name", other)))
        if not isinstance(other, Key):
            return NotImplemented
        return self.name == other.name

    def __repr__(self):
        return "Key(%s)" % self.name


class NoHash:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, NoHash) and self.v == other.v


class IntLike:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        return self.v == other

    def __repr__(self):
        return "IntLike(%d)" % self.v


def collisions():
    d = {}
    keys = [Key("a", 1), Key("b", 1), Key("c", 2), Key("a", 1)]
    for i, k in enumerate(keys):
        d[k] = d.get(k, 0) + i
    del EQ_CALLS[:]
    found = (d[Key("b", 1)], Key("a", 1) in d, Key("z", 1) in d, Key("c", 3) in d)
    calls = list(EQ_CALLS)
    return sorted(d.items(), key=lambda kv: kv[0].name), found, calls

def sets_of_keys():
    s = {Key("x", 5), Key("y", 5), Key("x", 5)}
    t = {Key("y", 5), Key("w", 6)}
    return (sorted(k.name for k in s), sorted(k.name for k in s & t),
            sorted(k.name for k in s | t), sorted(k.name for k in s - t))

def unhashable():
    out = [NoHash.__hash__ is None]
    for container in ("dict", "set"):
        try:
            if container == "dict":
                {NoHash(1): 1}
            else:
                {NoHash(1)}
        except TypeError as e:
            out.append("TypeError: " + str(e))
    out.append(NoHash(1) == NoHash(1))
    out.append(NoHash(1) in [NoHash(2), NoHash(1)])
    return out

def mixed_numeric():
    d = {1: "int"}
    d[1.0] = "float"
    d[IntLike(1)] = "intlike"
    d[True] = "bool"
    d[IntLike(2)] = "two"
    return list(d.items()), d[2], d.get(2.0), IntLike(2) in {2, 3}

def mutable_hash():
    k = Key("m", 1)
    d = {k: "v"}
    k.bucket = 99
    found_after = k in d
    k.bucket = 1
    return found_after, k in d

def counting(words):
    counts = {}
    for w in words:
        k = Key(w, len(w))
        counts[k] = counts.get(k, 0) + 1
    return sorted((k.name, v) for k, v in counts.items())

def eq_fallbacks():
    del EQ_CALLS[:]
    r = (Key("a", 1) == "a", "a" == Key("a", 1), Key("a", 1) != Key("b", 1))
    return r, list(EQ_CALLS)

print(collisions())
print(sets_of_keys())
print(unhashable())
print(mixed_numeric())
print(mutable_hash())
print(counting(["aa", "b", "aa", "cc", "b", "aa"]))
print(eq_fallbacks())
