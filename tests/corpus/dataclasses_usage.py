# pyjit-corpus: dataclasses: defaults, field(default_factory), ordering, frozen instances (FrozenInstanceError), __post_init__, InitVar, asdict/astuple/replace, inheritance; the user's methods and the code that drives them are compiled
# pyjit-compiled: Version.bump, Version.__str__, Inventory.__post_init__
# pyjit-compiled: Inventory.__post_init__.<locals>.<listcomp>, Inventory.add, Coord.moved
# pyjit-compiled: Derived.total, versions, versions.<locals>.<listcomp>, inventory
# pyjit-compiled: inventory.<locals>.<listcomp>, frozen, inheritance
# pyjit-compiled: inheritance.<locals>.<listcomp>, errors, <module>
from dataclasses import dataclass, field, asdict, astuple, replace, fields, InitVar, FrozenInstanceError


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

    def bump(self, part):
        if part == "major":
            return Version(self.major + 1)
        if part == "minor":
            return Version(self.major, self.minor + 1)
        return replace(self, patch=self.patch + 1)

    def __str__(self):
        return "%d.%d.%d" % (self.major, self.minor, self.patch)


@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    scale: InitVar[int] = 1

    def __post_init__(self, scale):
        self.items = [i * scale for i in self.items]

    def add(self, name, n=1):
        self.items.append(name)
        self.counts[name] = self.counts.get(name, 0) + n
        return self


@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float

    def moved(self, dlat, dlon):
        return Coord(self.lat + dlat, self.lon + dlon)


@dataclass
class Base:
    x: int
    tag: str = "base"


@dataclass
class Derived(Base):
    y: int = 0

    def total(self):
        return self.x + self.y


def versions():
    vs = [Version(1, 2, 3), Version(1, 0), Version(0, 9, 9), Version(1, 2)]
    out = [repr(v) for v in sorted(vs)]
    out.append(str(max(vs)))
    out.append([str(vs[0].bump(p)) for p in ("major", "minor", "patch")])
    out.append(Version(1, 2) == Version(1, 2, 0))
    out.append(Version(1) < Version(1, 0, 1))
    return out

def inventory():
    inv = Inventory("ann", [2, 3], scale=10)
    inv.add("apple").add("pear", 2).add("apple")
    return [repr(inv), inv.counts, asdict(inv), [f.name for f in fields(inv)]]

def frozen():
    c = Coord(1.5, 2.5)
    out = [c, c.moved(1, -1), hash(c) == hash(Coord(1.5, 2.5)), astuple(c)]
    try:
        c.lat = 0
    except FrozenInstanceError as e:
        out.append("FrozenInstanceError: " + str(e))
    try:
        del c.lon
    except FrozenInstanceError as e:
        out.append("FrozenInstanceError: " + str(e))
    return out

def inheritance():
    d = Derived(1, y=5)
    return [d, d.total(), Derived(2, "t", 3), [f.name for f in fields(Derived)]]

def errors():
    out = []
    try:
        Version()
    except TypeError as e:
        out.append(str(e))
    try:
        Version(1) < (1, 0, 0)
    except TypeError as e:
        out.append(str(e))
    return out

for group in (versions(), inventory(), frozen(), inheritance(), errors()):
    for x in group:
        print(x)
