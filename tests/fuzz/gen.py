"""Random program generator for the pyjit differential fuzzer.

generate(seed) returns the source of a valid, deterministic, quickly terminating
Python 3.11 program that prints many intermediate values.  The same seed always gives
the same program (random.Random(seed) only; no hash-order dependence in generation).

The grammar is our own and typed: every expression is generated for a type (int,
float, str, bool, list of int, dict of str->int, tuple, set of int, an instance of a
generated class) from the variables in scope, so programs rarely fail by accident.
What keeps programs valid and deterministic:

* names never shadow each other (one counter for every local name of a program), so
  no UnboundLocalError from scoping; a name assigned inside a block is not used after
  the block;
* only functions defined earlier are called (plus a bounded recursion template), and
  a cost estimate (loop trip counts x callee cost) bounds the work of every call;
* loops have small trip counts (range(e % 8), lists sliced to <= 16 items, while
  loops advance their counter in the condition with a walrus, so a minimiser
  deleting statements cannot make them infinite);
* ints stored in variables are reduced modulo a constant (< 2**127) so values never
  reach the int-to-str digit limit, strings and lists stored are sliced;
* operations that can raise (/, //, % by a possibly-zero value, float ** , int(float),
  float(int), indexing, dict lookups) are generated raw only inside try blocks that
  catch them; elsewhere they are guarded (`d or 1`, `L[i % len(L)] if L else 0`);
* every class has a __repr__ (no default reprs with addresses), sets hold ints only,
  nothing uses id(), hash() of str, time or randomness.

Usage: python3.11 gen.py SEED  (prints the program)
"""

import random
import sys

MODS = ["1000003", "(2**61 - 1)", "(2**64)", "(2**127 - 1)", "97", "(-1009)",
        "(10**12 + 39)", "65536"]
SMALL_INTS = ["0", "1", "2", "3", "-1", "5", "7", "10", "-7", "42", "100", "255", "256",
              "-128", "1000"]
BIG_INTS = ["9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "(2**63)", "(2**64 + 1)",
            "(10**20)", "123456789012345678901234567890", "(-(2**62))", "4611686018427387904",
            "(2**31 - 1)", "(-(2**31))", "(1 << 62)"]
FLOATS = ["0.0", "-0.0", "0.5", "1.5", "-2.25", "3.14159", "1e300", "-1e300", "1e-300",
          "2.5e-5", "100.0", "7.0", "0.1", "1e16", "float('inf')", "float('-inf')",
          "float('nan')", "-3.75", "9007199254740993.0"]
STRS = ["''", "'a'", "'abc'", "'Hello'", "'x y z'", "'h\\u00e9llo'", "'12'", "'--'",
        "\"it's\"", "'AbCd'", "'  pad  '", "'q'", "'\\u03c0\\u00b2'", "'0'"]
DKEYS = ["'k0'", "'k1'", "'k2'", "'k3'", "'kx'", "'ky'"]
ARITH_EXC = "(ZeroDivisionError, OverflowError, ValueError)"
LOOKUP_EXC = "(IndexError, KeyError)"

MAX_COST = 4000          # rough upper bound on the work of one function / the main part


class Func:
    """A generated callable: name, params [(name, type)], defaults count,
    varargs/kwargs flags, kwonly [(name, type)], return type, kind, cost."""

    def __init__(self, name, params, ret, kind="func", ndefaults=0, varargs=False,
                 kwargs=False, kwonly=(), cost=1, owner=None):
        self.name = name
        self.params = params
        self.ret = ret
        self.kind = kind          # func, gen, rec, method, closure-maker
        self.ndefaults = ndefaults
        self.varargs = varargs
        self.kwargs = kwargs
        self.kwonly = list(kwonly)
        self.cost = cost
        self.owner = owner


class Cls:
    def __init__(self, name, base=None):
        self.name = name
        self.base = base
        self.attrs = {}           # attribute -> type
        self.methods = {}         # name -> Func
        self.props = {}           # property -> type
        self.dunders = set()
        self.init_params = []     # [(name, type)]


class Scope:
    def __init__(self, vars=None, in_func=False, in_gen=False, loop=False, risky=False,
                 mult=1, ret=None, self_cls=None, funcs=None, nonlocals=(), readonly=()):
        self.vars = dict(vars or {})
        self.readonly = set(readonly)   # names that must not be rebound here
        self.in_func = in_func
        self.in_gen = in_gen
        self.loop = loop
        self.risky = risky
        self.mult = mult
        self.ret = ret
        self.self_cls = self_cls
        self.funcs = funcs         # callable Funcs (list), None = program's
        self.nonlocals = set(nonlocals)

    def child(self, **kw):
        s = Scope(self.vars, self.in_func, self.in_gen, self.loop, self.risky, self.mult,
                  self.ret, self.self_cls, self.funcs, self.nonlocals, self.readonly)
        for k, v in kw.items():
            setattr(s, k, v)
        return s


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.seed = seed
        self.n = 0
        self.funcs = []           # Funcs callable from later code
        self.classes = []
        self.excs = []            # custom exception class names
        self.globals = {}         # module-level G names -> type
        self.cost = 0             # cost accumulated in the function being generated
        self.need_math = False

    # ------------------------------------------------------------------ helpers
    def name(self, prefix):
        self.n += 1
        return f"{prefix}{self.n}"

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def vars_of(self, sc, t):
        return [n for n, ty in sc.vars.items() if ty == t]

    def writable(self, sc, t=None):
        return [n for n, ty in sc.vars.items() if (t is None or ty == t) and n not in sc.readonly]

    def mod(self):
        return self.pick(MODS)

    def var_or(self, sc, t, fallback):
        vs = self.vars_of(sc, t)
        if vs and self.chance(0.7):
            return self.pick(vs)
        return fallback()

    # ------------------------------------------------------------ expressions
    def expr(self, t, sc, d=2):
        if t == "int":
            return self.e_int(sc, d)
        if t == "float":
            return self.e_float(sc, d)
        if t == "str":
            return self.e_str(sc, d)
        if t == "bool":
            return self.e_bool(sc, d)
        if t == "list":
            return self.e_list(sc, d)
        if t == "dict":
            return self.e_dict(sc, d)
        if t == "tuple":
            return self.e_tuple(sc, d)
        if t == "set":
            return self.e_set(sc, d)
        if t.startswith("obj:"):
            return self.e_obj(t[4:], sc, d)
        raise ValueError(t)

    def small(self, sc, k=8):
        """A non-negative int < k built from an int expression."""
        return f"({self.e_int(sc, 1)} % {k})"

    def int_leaf(self, sc):
        c = self.r.random()
        vs = self.vars_of(sc, "int")
        if vs and c < 0.55:
            return self.pick(vs)
        if c < 0.62 and self.vars_of(sc, "str"):
            return f"len({self.pick(self.vars_of(sc, 'str'))})"
        if c < 0.68 and self.vars_of(sc, "list"):
            return f"len({self.pick(self.vars_of(sc, 'list'))})"
        if c < 0.72 and sc.self_cls is not None:
            ints = [a for a, ty in sc.self_cls.attrs.items() if ty == "int"]
            if ints:
                return f"self.{self.pick(ints)}"
        if c < 0.76:
            return self.pick(BIG_INTS)
        return self.pick(SMALL_INTS)

    def e_int(self, sc, d):
        if d <= 0 or self.chance(0.3):
            return self.int_leaf(sc)
        a = lambda: self.e_int(sc, d - 1)
        k = self.r.randrange(30)
        if k < 6:
            op = self.pick(["+", "-", "*", "&", "|", "^", "+", "-"])
            return f"({a()} {op} {a()})"
        if k == 6:
            return f"(-{a()})"
        if k == 7:
            return f"(~{a()})"
        if k == 8:
            op = self.pick(["//", "%"])
            if sc.risky and self.chance(0.5):
                return f"({a()} {op} {a()})"
            return f"({a()} {op} ({a()} or {self.pick(['1', '3', '-7', '97'])}))"
        if k == 9:
            return f"({a()} {self.pick(['<<', '>>'])} {self.small(sc, 70)})"
        if k == 10:
            return f"({self.int_leaf(sc)} ** {self.r.randrange(4)})"
        if k == 11:
            return f"{self.pick(['abs', 'int', 'abs'])}({a()})"
        if k == 12:
            return f"{self.pick(['min', 'max'])}({a()}, {a()}{', ' + a() if self.chance(0.3) else ''})"
        if k == 13:
            return f"({a()} if {self.e_bool(sc, d - 1)} else {a()})"
        if k == 14:
            return f"len({self.e_str(sc, d - 1)})"
        if k == 15:
            return f"sum({self.e_list(sc, d - 1)})"
        if k == 16:
            L = self.e_list(sc, d - 1)
            if sc.risky and self.chance(0.5):
                return f"{L}[{a()}]"
            lv = self.vars_of(sc, "list")
            if lv:
                v = self.pick(lv)
                return f"({v}[{a()} % len({v})] if {v} else -1)"
            return f"len({L})"
        if k == 17:
            dv = self.vars_of(sc, "dict")
            if dv:
                v = self.pick(dv)
                if sc.risky and self.chance(0.4):
                    return f"{v}[{self.pick(DKEYS)}]"
                return f"{v}.get({self.pick(DKEYS)}, {a()})"
            return a()
        if k == 18:
            if sc.risky:
                return f"int({self.e_float(sc, d - 1)})"
            return f"round({a()}, -1)"
        if k == 19:
            return self.call_expr("int", sc, d) or a()
        if k == 20:
            return f"({a()} {self.pick(['and', 'or'])} {a()})"
        if k == 21:
            return f"int({self.e_str_digits(sc)})"
        if k == 22:
            return self.obj_int(sc, d) or a()
        if k == 23:
            return f"len({self.e_set(sc, d - 1)})"
        if k == 24:
            return f"{self.pick(['divmod', 'divmod'])}({a()}, ({a()} or 5))[{self.r.randrange(2)}]"
        if k == 25:
            tv = self.vars_of(sc, "tuple")
            if tv:
                return f"{self.pick(tv)}[{self.r.randrange(3)}]"
            return a()
        if k == 26:
            return f"({self.pick(['True', 'False'])} + {a()})"
        if k == 27:
            return f"(({a()}) % {self.mod()})"
        if k == 28:
            return f"sum(1 for _ in {self.e_list(sc, d - 1)} if _ {self.pick(['>', '<=', '!='])} {a()})"
        return self.int_leaf(sc)

    def e_str_digits(self, sc):
        return f"str({self.e_int(sc, 1)})"

    def bounded_int(self, sc, d):
        """An int of bounded magnitude, safe to mix with floats."""
        return f"({self.e_int(sc, d)} % {self.pick(['1000003', '97', '4096', '-13'])})"

    def e_float(self, sc, d):
        vs = self.vars_of(sc, "float")
        if d <= 0 or self.chance(0.3):
            if vs and self.chance(0.6):
                return self.pick(vs)
            return self.pick(FLOATS)
        f = lambda: self.e_float(sc, d - 1)
        k = self.r.randrange(16)
        if k < 4:
            op = self.pick(["+", "-", "*"])
            return f"({f()} {op} {f()})"
        if k == 4:
            op = self.pick(["+", "-", "*"])
            if self.chance(0.5):
                return f"({f()} {op} {self.bounded_int(sc, d - 1)})"
            return f"({self.bounded_int(sc, d - 1)} {op} {f()})"
        if k == 5:
            if sc.risky and self.chance(0.6):
                return f"({f()} / {self.pick([f(), self.e_int(sc, d - 1)])})"
            return f"({f()} / ({f()} or 2.0))"
        if k == 6:
            if sc.risky:
                return f"({f()} {self.pick(['//', '%'])} {f()})"
            return f"({f()} {self.pick(['//', '%'])} ({f()} or 4.5))"
        if k == 7:
            if sc.risky:
                return f"(abs({f()}) ** {self.pick(['2', '0.5', '3', '-1', f()])})"
            return f"abs({f()})"
        if k == 8:
            if sc.risky:
                return f"float({self.e_int(sc, d - 1)})"
            return f"float({self.bounded_int(sc, d - 1)})"
        if k == 9:
            return f"{self.pick(['min', 'max'])}({f()}, {f()})"
        if k == 10:
            return f"({f()} if {self.e_bool(sc, d - 1)} else {f()})"
        if k == 11:
            return f"round({f()}, {self.r.randrange(4)})"
        if k == 12:
            return self.call_expr("float", sc, d) or f()
        if k == 13:
            return f"(-{f()})"
        if k == 14:
            return f"({self.bounded_int(sc, d - 1)} / {self.pick(['3', '7.0', '-2', '1024'])})"
        return f"({f()} * {self.pick(['0.5', '2', '-1.0', '1e10'])})"

    def e_str(self, sc, d):
        vs = self.vars_of(sc, "str")
        if d <= 0 or self.chance(0.3):
            if vs and self.chance(0.6):
                return self.pick(vs)
            return self.pick(STRS)
        s = lambda: self.e_str(sc, d - 1)
        k = self.r.randrange(18)
        if k < 3:
            return f"({s()} + {s()})"
        if k == 3:
            return f"({s()} * {self.small(sc, 4)})"
        if k == 4:
            return f"{s()}[{self.e_int(sc, d - 1)}:{self.e_int(sc, d - 1)}]"
        if k == 5:
            return f"{s()}.{self.pick(['upper', 'lower', 'strip', 'title', 'swapcase'])}()"
        if k == 6:
            return f"str({self.e_int(sc, d - 1)})"
        if k == 7:
            return f"repr({self.pick([s(), self.e_float(sc, d - 1), self.e_list(sc, d - 1)])})"
        if k == 8:
            sv = self.vars_of(sc, "str")
            fv = self.vars_of(sc, "float")
            sa = self.pick(sv) if sv else "'abc'"
            fa = self.pick(fv) if fv and self.chance(0.7) else self.pick(["1.5", "-0.0", "1e300", "2.5e-5"])
            spec = self.pick(['.3f', 'g', '>10.2e', '', '+.1%'])
            return f'f"{{{self.int_leaf(sc)}}}|{{{sa}!r}}|{{{sa}:>6}}|{{{fa}:{spec}}}"' 
        if k == 9:
            sep = self.pick(['"-"', '","', '""'])
            return f"{sep}.join(str(_x) for _x in {self.e_list(sc, d - 1)})"
        if k == 10:
            return f"{s()}.replace({self.pick(STRS[1:])}, {s()})"
        if k == 11:
            return f"{s()}[::{self.pick(['-1', '2', '-2'])}]"
        if k == 12:
            return f"({s()} if {self.e_bool(sc, d - 1)} else {s()})"
        if k == 13:
            return self.call_expr("str", sc, d) or s()
        if k == 14:
            return f"str({self.pick([self.e_float(sc, d - 1), self.e_tuple(sc, 0), self.e_bool(sc, 0)])})"
        if k == 15:
            objs = [n for n, ty in sc.vars.items() if ty.startswith("obj:")]
            if objs:
                return f"repr({self.pick(objs)})"
            return s()
        if k == 16:
            spec = self.pick(['"x"', '"b"', '","', '"08d"'])
            return f"format({self.e_int(sc, d - 1)}, {spec})"
        return f"({s()} {self.pick(['and', 'or'])} {s()})"

    def e_bool(self, sc, d):
        if d <= 0 or self.chance(0.2):
            vs = self.vars_of(sc, "bool")
            if vs and self.chance(0.5):
                return self.pick(vs)
            return self.pick(["True", "False", f"({self.int_leaf(sc)} > {self.int_leaf(sc)})"])
        k = self.r.randrange(14)
        cmp = ["<", "<=", ">", ">=", "==", "!="]
        if k < 3:
            t = self.pick(["int", "int", "float", "str"])
            return f"({self.expr(t, sc, d - 1)} {self.pick(cmp)} {self.expr(t, sc, d - 1)})"
        if k == 3:
            a = self.e_int(sc, d - 1)
            return f"({a} {self.pick(cmp)} {self.e_float(sc, d - 1)})"
        if k == 4:
            t = self.pick(["int", "float", "str", "int"])
            parts = [self.expr(t, sc, d - 1) for _ in range(self.r.randrange(3, 5))]
            out = parts[0]
            for p in parts[1:]:
                out += f" {self.pick(cmp)} {p}"
            return f"({out})"
        if k == 5:
            return f"(not {self.e_bool(sc, d - 1)})"
        if k == 6:
            return f"({self.e_bool(sc, d - 1)} {self.pick(['and', 'or'])} {self.e_bool(sc, d - 1)})"
        if k == 7:
            return f"({self.e_int(sc, d - 1)} {self.pick(['in', 'not in'])} {self.e_list(sc, d - 1)})"
        if k == 8:
            return f"({self.pick(DKEYS)} in {self.e_dict(sc, d - 1)})"
        if k == 9:
            return f"({self.e_str(sc, d - 1)} in {self.e_str(sc, d - 1)})"
        if k == 10:
            objs = [(n, ty) for n, ty in sc.vars.items() if ty.startswith("obj:")]
            if objs:
                n, ty = self.pick(objs)
                other = self.e_obj(ty[4:], sc, d - 1)
                return f"({n} {self.pick(['==', '!='])} {other})"
            return f"isinstance({self.e_int(sc, d - 1)}, {self.pick(['int', 'float', 'str'])})"
        if k == 11:
            return f"bool({self.expr(self.pick(['int', 'str', 'list', 'float']), sc, d - 1)})"
        if k == 12:
            return f"({self.e_list(sc, d - 1)} {self.pick(cmp)} {self.e_list(sc, d - 1)})"
        return f"{self.pick(['any', 'all'])}(_y > {self.e_int(sc, 0)} for _y in {self.e_list(sc, d - 1)})"

    def e_list(self, sc, d):
        vs = self.vars_of(sc, "list")
        if d <= 0 or self.chance(0.25):
            if vs and self.chance(0.6):
                return self.pick(vs)
            return "[" + ", ".join(self.int_leaf(sc) for _ in range(self.r.randrange(5))) + "]"
        L = lambda: self.e_list(sc, d - 1)
        k = self.r.randrange(16)
        if k == 0:
            return "[" + ", ".join(self.e_int(sc, d - 1) for _ in range(self.r.randrange(1, 5))) + "]"
        if k == 1:
            return f"list(range({self.small(sc, 10)}))"
        if k == 2:
            v = self.name("c")
            inner = sc.child()
            inner.vars[v] = "int"
            cond = f" if {self.e_bool(inner, d - 1)}" if self.chance(0.5) else ""
            return f"[{self.e_int(inner, d - 1)} for {v} in {L()}{cond}]"
        if k == 3:
            return f"({L()} + {L()})"
        if k == 4:
            return f"({L()} * {self.small(sc, 3)})"
        if k == 5:
            return f"{L()}[{self.e_int(sc, d - 1)}:{self.e_int(sc, d - 1)}{':' + self.pick(['2', '-1', '3']) if self.chance(0.3) else ''}]"
        if k == 6:
            return f"sorted({L()}{', reverse=True' if self.chance(0.4) else ''})"
        if k == 7:
            return f"list(reversed({L()}))"
        if k == 8:
            gens = [f for f in self.callables(sc) if f.kind == "gen" and f.cost * sc.mult < MAX_COST]
            if gens:
                return f"list({self.call_of(self.pick(gens), sc, d)})"
            return L()
        if k == 9:
            dv = self.vars_of(sc, "dict")
            if dv:
                return f"list({self.pick(dv)}.values())"
            return L()
        if k == 10:
            return f"list(map(lambda _z: {self.pick(['_z + 1', '_z * 2', '-_z', '_z % 5'])}, {L()}))"
        if k == 11:
            objs = [(n, ty) for n, ty in sc.vars.items() if ty.startswith("obj:")
                    and "__iter__" in self.cls(ty[4:]).dunders]
            if objs:
                return f"list({self.pick(objs)[0]})"
            return L()
        if k == 12:
            return f"sorted({self.e_set(sc, d - 1)})"
        if k == 13:
            return self.call_expr("list", sc, d) or L()
        if k == 14:
            return f"[{self.e_int(sc, d - 1)}, *{L()}]"
        return f"list({self.e_tuple(sc, d - 1)})"

    def e_dict(self, sc, d):
        vs = self.vars_of(sc, "dict")
        if d <= 0 or self.chance(0.3):
            if vs and self.chance(0.6):
                return self.pick(vs)
            keys = self.r.sample(DKEYS, self.r.randrange(4))
            return "{" + ", ".join(f"{k}: {self.int_leaf(sc)}" for k in keys) + "}"
        k = self.r.randrange(6)
        if k == 0:
            v = self.name("c")
            inner = sc.child()
            inner.vars[v] = "int"
            return f"{{'k' + str({v} % 4): {self.e_int(inner, d - 1)} for {v} in {self.e_list(sc, d - 1)}}}"
        if k == 1:
            return f"({self.e_dict(sc, d - 1)} | {self.e_dict(sc, d - 1)})"
        if k == 2:
            keys = self.pick(['["k0", "k1", "k2"]', '("kx", "k3")'])
            return f"dict(zip({keys}, {self.e_list(sc, d - 1)}))"
        if k == 3:
            return f"{{**{self.e_dict(sc, d - 1)}, {self.pick(DKEYS)}: {self.e_int(sc, d - 1)}}}"
        if k == 4:
            return f"dict({self.e_dict(sc, d - 1)}, k2={self.e_int(sc, d - 1)})"
        return self.call_expr("dict", sc, d) or self.e_dict(sc, d - 1)

    def e_tuple(self, sc, d):
        vs = self.vars_of(sc, "tuple")
        if vs and self.chance(0.4):
            return self.pick(vs)
        k = self.r.randrange(3)
        if k == 0 or d <= 0:
            return f"({self.e_int(sc, d - 1)}, {self.e_int(sc, d - 1)}, {self.e_int(sc, d - 1)})"
        if k == 1:
            return f"tuple(({self.e_list(sc, d - 1)} + [0, 0, 0])[:3])"
        return f"divmod({self.e_int(sc, d - 1)}, ({self.e_int(sc, d - 1)} or 3)) + ({self.e_int(sc, d - 1)},)"

    def e_set(self, sc, d):
        vs = self.vars_of(sc, "set")
        if vs and self.chance(0.5):
            return self.pick(vs)
        k = self.r.randrange(5)
        if k == 0 or d <= 0:
            return "{" + ", ".join(self.int_leaf(sc) for _ in range(self.r.randrange(1, 5))) + "}"
        if k == 1:
            return f"set({self.e_list(sc, d - 1)})"
        if k == 2:
            return f"({self.e_set(sc, d - 1)} {self.pick(['|', '&', '-', '^'])} {self.e_set(sc, d - 1)})"
        if k == 3:
            v = self.name("c")
            inner = sc.child()
            inner.vars[v] = "int"
            return f"{{{self.e_int(inner, 1)} % 10 for {v} in {self.e_list(sc, d - 1)}}}"
        return f"set() | frozenset({self.e_list(sc, d - 1)})"

    def cls(self, name):
        for c in self.classes:
            if c.name == name:
                return c
        raise KeyError(name)

    def e_obj(self, cname, sc, d):
        vs = [n for n, ty in sc.vars.items() if ty == "obj:" + cname]
        c = self.cls(cname)
        if vs and (self.chance(0.6) or d <= 0):
            v = self.pick(vs)
            if "__add__" in c.dunders and d > 0 and self.chance(0.3):
                return f"({v} + {self.e_obj(cname, sc, d - 1)})"
            return v
        subs = [k for k in self.classes if k.base is c]
        use = self.pick(subs) if subs and self.chance(0.4) else c
        args = ", ".join(self.expr(t, sc, max(0, d - 1)) for _, t in use.init_params)
        return f"{use.name}({args})"

    def obj_int(self, sc, d):
        objs = [(n, ty) for n, ty in sc.vars.items() if ty.startswith("obj:")]
        if not objs:
            return None
        n, ty = self.pick(objs)
        c = self.cls(ty[4:])
        opts = [f"{n}.{a}" for a, t in c.attrs.items() if t == "int"]
        opts += [f"{n}.{p}" for p, t in c.props.items() if t == "int"]
        if "__len__" in c.dunders:
            opts.append(f"len({n})")
        if "__iter__" in c.dunders:
            opts.append(f"sum({n})")
        for m in c.methods.values():
            if m.ret == "int" and m.cost * sc.mult < MAX_COST:
                opts.append(self.call_of(m, sc, d, prefix=f"{n}."))
        return self.pick(opts) if opts else None

    # ------------------------------------------------------------------ calls
    def callables(self, sc):
        return self.funcs if sc.funcs is None else sc.funcs

    def call_expr(self, ret, sc, d):
        fs = [f for f in self.callables(sc) if f.ret == ret and f.kind in ("func", "rec")
              and f.cost * sc.mult < MAX_COST]
        if not fs:
            return None
        return self.call_of(self.pick(fs), sc, d)

    def call_of(self, f, sc, d, prefix=""):
        self.cost += sc.mult * (f.cost + 1)
        dd = max(0, min(d - 1, 1))
        if f.kind == "rec":
            return f"{prefix}{f.name}({self.e_int(sc, dd)} % 12, {self.e_int(sc, dd)})"
        args = []
        npos = len(f.params)
        required = npos - f.ndefaults
        use = self.r.randrange(required, npos + 1)
        kw_from = self.r.randrange(0, use + 1) if self.chance(0.3) else use
        for i, (pn, pt) in enumerate(f.params[:use]):
            a = self.store_expr(pt, sc, dd) if pt in ("int", "list") else self.expr(pt, sc, dd)
            args.append(f"{pn}={a}" if i >= kw_from else a)
        if f.varargs and use == npos and kw_from == use:
            if self.chance(0.5):
                args += [self.e_int(sc, dd) for _ in range(self.r.randrange(3))]
            if self.chance(0.3):
                args.append(f"*{self.e_list(sc, 0)}")
        for pn, pt in f.kwonly:
            if self.chance(0.6):
                args.append(f"{pn}={self.expr(pt, sc, dd)}")
        if f.kwargs:
            if self.chance(0.4):
                args.append(f"{self.pick(['z1', 'z2'])}={self.e_int(sc, dd)}")
            if self.chance(0.3):
                args.append(f"**{self.e_dict(sc, 0)}")
        # keyword args must follow positional ones: the order above guarantees that,
        # but '*list' after keyword args is also legal Python.
        return f"{prefix}{f.name}({', '.join(args)})"

    # ------------------------------------------------------------- statements
    def block(self, sc, ind, n, depth):
        """n statements at indentation ind.  Returns lines; may add to sc.vars."""
        lines = []
        for _ in range(n):
            lines += self.stmt(sc, ind, depth)
        if not lines:
            lines = [ind + "pass"]
        return lines

    def new_type(self):
        return self.pick(["int", "int", "int", "float", "float", "str", "str", "bool",
                          "list", "list", "dict", "tuple", "set"]
                         + [f"obj:{c.name}" for c in self.classes])

    def edepth(self):
        return self.pick([1, 1, 2])

    def store_expr(self, t, sc, d=None):
        e = self.expr(t, sc, self.edepth() if d is None else d)
        if t == "int" and not e.lstrip("-").isdigit() and e not in sc.vars:
            return f"({e}) % {self.mod()}"
        if t == "str":
            return f"({e})[:{self.pick(['40', '24', '-3'])}]" if self.chance(0.5) else f"({e})[-40:]"
        if t == "list":
            return f"({e})[:16]"
        return e

    def pr(self, ind, *exprs):
        tag = repr(self.name("p"))
        return f"{ind}print({', '.join((tag,) + exprs)})"

    def stmt(self, sc, ind, depth):
        r = self.r.random()
        nested = depth < 2
        if r < 0.20:
            return self.s_assign(sc, ind)
        if r < 0.28:
            return self.s_update(sc, ind)
        if r < 0.38:
            t = self.pick(["int", "float", "str", "bool", "list", "dict", "tuple"])
            e = self.expr(t, sc, self.edepth())
            if t == "dict":
                e = f"sorted({e}.items())"
            return [self.pr(ind, e)]
        if r < 0.46 and nested:
            return self.s_if(sc, ind, depth)
        if r < 0.55 and nested:
            return self.s_for(sc, ind, depth)
        if r < 0.59 and nested:
            return self.s_while(sc, ind, depth)
        if r < 0.67 and nested:
            return self.s_try(sc, ind, depth)
        if r < 0.73:
            return self.s_call(sc, ind)
        if r < 0.78:
            return self.s_container(sc, ind)
        if r < 0.81:
            return self.s_unpack(sc, ind)
        if r < 0.84 and sc.in_func and nested:
            return self.s_closure(sc, ind)
        if r < 0.87:
            return self.s_gen_use(sc, ind)
        if r < 0.89 and self.excs:
            return [f"{ind}if {self.e_bool(sc, 1)}:",
                    f"{ind}    raise {self.pick(self.excs)}({self.e_int(sc, 1)})"]
        if r < 0.91 and sc.in_func:
            return self.s_return(sc, ind)
        if r < 0.93 and sc.in_gen:
            v = self.name("v")
            lines = [f"{ind}{v} = yield {self.e_int(sc, 1)}"]
            return lines + [self.pr(ind, v)]
        if r < 0.935 and nested:
            return self.s_numloop(sc, ind)
        if r < 0.95:
            f = self.name("v")
            sc.vars[f] = "func1"
            x = self.name("c")
            inner = sc.child()
            inner.vars[x] = "int"
            return [f"{ind}{f} = lambda {x}, _k={self.int_leaf(sc)}: {self.e_int(inner, 1)} + _k",
                    self.pr(ind, f"{f}({self.e_int(sc, 1)})", f"{f}({self.e_int(sc, 0)}, _k=2)")]
        if r < 0.97:
            return self.s_with(sc, ind, depth)
        if r < 0.98:
            return [self.pr(ind, f"'%d|%s|%.3f|%r|%x' % ({self.e_int(sc, 1)}, {self.e_str(sc, 1)}, "
                                 f"{self.e_float(sc, 1)}, {self.e_str(sc, 0)}, {self.bounded_int(sc, 1)})")]
        if r < 0.985:
            return [self.pr(ind, "sys._getframe().f_lineno", "sys._getframe().f_code.co_name")]
        if r < 0.99 and sc.in_func:
            return [self.pr(ind, "[(k, v) for k, v in sorted(locals().items()) "
                                 "if type(v) in (int, float, str, bool)]")]
        if r < 0.995 and sc.mult <= 4:
            return self.s_recursion(sc, ind)
        if nested:
            return self.s_numloop(sc, ind)
        return self.s_assign(sc, ind)

    def s_numloop(self, sc, ind):
        """A tight numeric loop that crosses the 64-bit limits: pyjit runs loops whose body
        is only int/float arithmetic, comparisons and branches on locals and constants
        over a range on machine ints and doubles (unboxed), and overflow, a zero divisor
        or a type change must behave exactly as in CPython (a deoptimisation).  Most of
        these loops are 'pure' (unboxable); the others mix in big constants and prints."""
        acc, i = self.name("v"), self.name("i")
        n = self.r.randrange(2, 9)
        if sc.mult * n > 300:
            return [self.pr(ind, self.e_int(sc, 1))]
        if self.chance(0.3):
            return self.s_mixloop(sc, ind, n)
        pure = self.chance(0.7)
        is_int = self.chance(0.7)
        if is_int:
            start = self.pick(["2**62 - 5", "2**63 - 10", "-(2**63) + 3", "4611686018427387903",
                               "1", "3037000499", "-3037000500", "9223372036854775807",
                               "-9223372036854775808", "0", "7"]
                              + ([] if pure else [self.int_leaf(sc), "2**64"]))
            if pure:
                rng = self.pick([f"range({n})", f"range({n}, 0, -1)", f"range(-{n}, {n}, 2)"])
                ops = [f"{acc} += {self.pick(['1', i, '4611686018427387904', '-4611686018427387904', f'{i} * 3074457345618258602'])}",
                       f"{acc} -= {self.pick(['1', i, '9223372036854775807', f'{i} * {i}'])}",
                       f"{acc} *= {self.pick(['3', '-2', '2', i])}",
                       f"{acc} = {acc} * {acc} % {self.pick(['1000000007', '2147483647', '-97'])}",
                       f"{acc} //= {self.pick(['3', '-7', f'({i} | 1)', i])}",
                       f"{acc} %= {self.pick(['1000000007', '-13', f'({i} | 1)'])}",
                       f"{acc} = -{acc}",
                       f"{acc} = {acc} + {acc}",
                       f"{acc} <<= {self.pick(['1', '2'])}",
                       f"{acc} >>= {self.pick(['1', '3'])}",
                       f"{acc} = ({acc} & {self.pick(['0xFFFF', '-256', '0x7FFFFFFFFFFFFFFF'])}) ^ {i}",
                       f"{acc} = {acc} | {self.pick(['1', i])}",
                       f"{acc} = {acc} - ({i} - {self.pick(['9223372036854775807', '5'])})",
                       f"if {acc} > {self.pick(['0', '4611686018427387904', '9223372036854775000'])}:\n"
                       f"{ind}        {acc} -= {self.pick(['9223372036854775807', '1', '3'])}\n"
                       f"{ind}    else:\n{ind}        {acc} += {self.pick(['4611686018427387904', i])}"]
            else:
                rng = self.pick([f"range({n})", f"range(2**63 - {n}, 2**63 + {n})",
                                 f"range(-(2**63) - 2, -(2**63) + {n})",
                                 f"range(9223372036854775800, 9223372036854775807 + {n})"])
                ops = [f"{acc} += {self.pick(['1', i, '2**62', '-(2**62)', f'{i} * 4611686018427387904'])}",
                       f"{acc} -= {self.pick(['1', i, '2**63', '9223372036854775807'])}",
                       f"{acc} *= {self.pick(['3', '-2', '2**32', i])}",
                       f"{acc} = {acc} * {acc} % {self.mod()}",
                       f"{acc} <<= {self.pick(['1', '31', '63'])}",
                       f"{acc} //= {self.pick(['3', '-7', '2**63'])}",
                       f"{acc} %= {self.pick(['1000000007', '-(2**63)', '2**64'])}",
                       f"{acc} ^= {i} << {self.pick(['62', '63', '64'])}",
                       f"{acc} = abs({acc}) + ({acc} >> 3)"]
        else:
            start = self.pick(["0.0", "1.5", "1e300", "-0.0", "1e-310", "2.0**52", "float(2**53)"])
            rng = self.pick([f"range({n})", f"range({n}, 0, -1)"])
            ops = [f"{acc} += {i} * {self.pick(['0.5', '1e308', '1e-5', '3'])}",
                   f"{acc} *= {self.pick(['1.5', '-2.0', '1e10', '0.1'])}",
                   f"{acc} = {acc} / {self.pick(['3.0', '-7', '1e-300'])}",
                   f"{acc} -= {self.pick(['1', i, '0.1'])}",
                   f"{acc} = {acc} % {self.pick(['7.5', '-2.0', '1e300'])}",
                   f"{acc} = {acc} // {self.pick(['1.5', '-0.5'])}",
                   f"{acc} = {acc} + {i} / {self.pick(['2', '3.0'])}"]
        body = [self.pick(ops) for _ in range(self.r.randrange(1, 4))]
        if is_int and not pure:
            body.append(f"{acc} = {acc} if -2**300 < {acc} < 2**300 else {acc} % 2**64")
        lines = [f"{ind}{acc} = {start}", f"{ind}for {i} in {rng}:"]
        for b in body:
            lines += (f"{ind}    {b}").split("\n")
        if not pure and self.chance(0.5):
            lines.append(self.pr(ind + "    ", acc))
        if self.chance(0.2):
            lines += [f"{ind}    if {acc} {self.pick(['>', '<', '=='])} {self.pick(['9223372036854775807', '0', '-3'])}:",
                      f"{ind}        {self.pick(['break', 'continue'])}"]
        lines.append(self.pr(ind, acc))
        sc.vars[acc] = "int" if is_int else "float"
        return lines

    def s_mixloop(self, sc, ind, n):
        """An int and a float in one numeric loop: exact int/float comparisons near 2**53
        and 2**63 (CPython compares exactly, a double conversion does not), int -> float
        conversions, float -> int through int()."""
        a, f, i = self.name("v"), self.name("v"), self.name("i")
        start = self.pick(["2**53 - 3", "-(2**53) + 2", "2**63 - 4", "-(2**63) + 3",
                           "9007199254740993", "2**62", "0"])
        fstart = self.pick(["0.0", "9007199254740992.0", "-0.0", "1.5", "9.223372036854776e18"])
        cmp = self.pick(["9007199254740992.0", "9007199254740993.0", "-9007199254740992.0",
                         "9.223372036854776e18", "-9.223372036854776e18", f, "0.5", "float('inf')",
                         "float('nan')"])
        op = self.pick(["<", "<=", ">", ">=", "==", "!="])
        body = [f"{a} += {self.pick(['1', '-1', i, '2'])}",
                f"if {a} {op} {cmp}:",
                f"    {f} += {self.pick(['1.0', '0.5', i])}",
                f"else:",
                f"    {f} -= {self.pick(['0.25', '1', i])}"]
        extra = [f"{f} = {f} + {a}", f"{f} = {a} * 0.5", f"{f} = {a} / {self.pick(['3', '2.0', '-7'])}",
                 f"{f} = {f} * {self.pick(['2', '-1.5'])} + {i}",
                 f"{a} = {a} + ({i} if {f} {op} {a} else -{i})",
                 f"{a} = {a} - ({a} {op} {f})"]
        body += self.r.sample(extra, self.r.randrange(1, 3))
        lines = [f"{ind}{a} = {start}", f"{ind}{f} = {fstart}",
                 f"{ind}for {i} in {self.pick([f'range({n})', f'range({n}, 0, -1)'])}:"]
        lines += [f"{ind}    {b}" for b in body]
        lines.append(self.pr(ind, a, f, f"{a} == {f}", f"{a} < {f}", f"{f} > {a}"))
        sc.vars[a] = "int"
        sc.vars[f] = "float"
        return lines

    def s_recursion(self, sc, ind):
        """Deep recursion, and recursion past the limit (RecursionError, not a crash).
        Depths stay well away from the limit: how many levels are left there depends on
        whether the interpreter has specialised the builtin calls below on the stack (a
        specialised builtin call does not count a level in 3.11) -- stock itself then
        differs by one between a fresh process and a warm one."""
        fn, p = self.name("deep"), self.name("p")
        depth = self.pick(["10", "200", "600", "1500", "5000"])
        e = self.name("e")
        kind = self.r.randrange(3)
        if kind == 0:
            body = [f"{ind}def {fn}({p}):",
                    f"{ind}    if {p} <= 0:",
                    f"{ind}        return 0",
                    f"{ind}    return {fn}({p} - 1) + {self.pick(['1', p, '2**62'])}"]
            call = f"{fn}({depth})"
        elif kind == 1:
            body = [f"{ind}def {fn}({p}):",
                    f"{ind}    if {p} > 0:",
                    f"{ind}        yield from {fn}({p} - 1)",
                    f"{ind}    yield {p}"]
            call = f"sum({fn}({depth}))"
        else:
            body = [f"{ind}class {fn}:",
                    f"{ind}    def __init__(self, n):",
                    f"{ind}        self.n = n",
                    f"{ind}    def __add__(self, other):",
                    f"{ind}        if self.n <= 0:",
                    f"{ind}            return other",
                    f"{ind}        return {fn}(self.n - 1) + (other + 1)",
                    f"{ind}    def __repr__(self):",
                    f"{ind}        return 'deep'"]
            call = f"{fn}({depth}) + 0"
        return body + [f"{ind}try:",
                       self.pr(ind + "    ", call),
                       f"{ind}except RecursionError as {e}:",
                       self.pr(ind + "    ", f"'RecursionError'", f"str({e})[:30]")]

    def s_assign(self, sc, ind):
        t = self.new_type()
        v = self.name("v")
        e = self.store_expr(t, sc)
        sc.vars[v] = t
        lines = [f"{ind}{v} = {e}"]
        if self.chance(0.6):
            lines.append(self.pr(ind, f"sorted({v}.items())" if t == "dict" else
                                 f"sorted({v})" if t == "set" else v))
        return lines

    def s_update(self, sc, ind):
        cands = [(n, t) for n, t in sc.vars.items()
                 if t in ("int", "float", "str", "list", "bool") and n not in sc.readonly]
        if not cands:
            return self.s_assign(sc, ind)
        v, t = self.pick(cands)
        if t == "int":
            op = self.pick(["+=", "-=", "^=", "|=", "&=", "*=", "//=", "%=", "<<=", ">>="])
            if op == "*=":
                lines = [f"{ind}{v} *= {self.e_int(sc, 1)}", f"{ind}{v} %= {self.mod()}"]
            elif op in ("//=", "%="):
                lines = [f"{ind}{v} {op} ({self.e_int(sc, 1)} or 11)"]
            elif op in ("<<=", ">>="):
                lines = [f"{ind}{v} {op} {self.small(sc, 40)}", f"{ind}{v} %= {self.mod()}"]
            else:
                lines = [f"{ind}{v} {op} {self.e_int(sc, 1)}"]
        elif t == "float":
            lines = [f"{ind}{v} {self.pick(['+=', '-=', '*='])} {self.pick([self.e_float(sc, 1), self.bounded_int(sc, 1)])}"]
        elif t == "str":
            lines = [f"{ind}{v} += {self.e_str(sc, 1)}", f"{ind}{v} = {v}[-30:]"]
        elif t == "bool":
            lines = [f"{ind}{v} = not {v}" if self.chance(0.5) else f"{ind}{v} = {self.e_bool(sc, 1)}"]
        else:
            lines = [f"{ind}{v} += {self.e_list(sc, 1)}[:4]", f"{ind}del {v}[16:]"]
        if v in sc.nonlocals:
            pass
        if self.chance(0.5):
            lines.append(self.pr(ind, v))
        return lines

    def s_if(self, sc, ind, depth):
        lines = [f"{ind}if {self.e_bool(sc, 2)}:"]
        lines += self.block(sc.child(), ind + "    ", self.r.randrange(1, 3), depth + 1)
        for _ in range(self.r.randrange(3)):
            lines.append(f"{ind}elif {self.e_bool(sc, 2)}:")
            lines += self.block(sc.child(), ind + "    ", self.r.randrange(1, 3), depth + 1)
        if self.chance(0.5):
            lines.append(f"{ind}else:")
            lines += self.block(sc.child(), ind + "    ", self.r.randrange(1, 3), depth + 1)
        return lines

    def loop_tail(self, sc, ind, inner):
        """break/continue guarded by a condition, inside the loop body."""
        lines = []
        if self.chance(0.35):
            lines.append(f"{ind}if {self.e_bool(inner, 1)}:")
            lines.append(f"{ind}    {self.pick(['break', 'continue'])}")
        return lines

    def s_for(self, sc, ind, depth):
        v = self.name("i")
        k = self.r.randrange(7)
        trips = 8
        if k <= 1:
            it = f"range({self.small(sc, 8)})"
            t = "int"
        elif k == 2:
            it = f"range({self.e_int(sc, 1)} % 5, {self.e_int(sc, 1)} % 9, {self.pick(['1', '2', '-1', '3'])})"
            t = "int"
        elif k == 3:
            it = f"{self.e_list(sc, 2)}[:10]"
            t = "int"
            trips = 10
        elif k == 4:
            it = f"{self.e_str(sc, 1)}[:8]"
            t = "str"
        elif k == 5:
            it = f"sorted({self.e_dict(sc, 1)}.items())"
            t = "kv"
            trips = 6
        else:
            gens = [f for f in self.callables(sc) if f.kind == "gen"
                    and f.cost * sc.mult * 4 < MAX_COST]
            if gens:
                it = self.call_of(self.pick(gens), sc, 1)
            else:
                it = f"enumerate({self.e_list(sc, 1)}[:6])"
                t = "kv2"
                trips = 6
            if gens:
                t = "int"
                trips = 10
        inner = sc.child(loop=True, mult=sc.mult * trips)
        if t == "kv":
            k2 = self.name("i")
            inner.vars[v] = "str"
            inner.vars[k2] = "int"
            head = f"{ind}for {v}, {k2} in {it}:"
        elif t == "kv2":
            k2 = self.name("i")
            inner.vars[v] = "int"
            inner.vars[k2] = "int"
            head = f"{ind}for {v}, {k2} in {it}:"
        else:
            inner.vars[v] = t
            head = f"{ind}for {v} in {it}:"
        if inner.mult > 300:
            return [self.pr(ind, self.e_int(sc, 1))]
        lines = [head]
        if self.chance(0.5):
            lines += self.loop_tail(sc, ind + "    ", inner)
            lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
        else:
            lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
            lines += self.loop_tail(sc, ind + "    ", inner)
        if self.chance(0.3):
            lines.append(f"{ind}else:")
            lines.append(self.pr(ind + "    ", f"'for-else'", self.e_int(sc, 1)))
        return lines

    def s_while(self, sc, ind, depth):
        w = self.name("w")
        n = self.r.randrange(1, 9)
        inner = sc.child(loop=True, mult=sc.mult * n)
        if inner.mult > 300:
            return [self.pr(ind, self.e_int(sc, 1))]
        inner.vars[w] = "int"
        inner.readonly = inner.readonly | {w}
        lines = [f"{ind}{w} = 0",
                 f"{ind}while ({w} := {w} + 1) <= {n}{' and ' + self.e_bool(sc, 1) if self.chance(0.3) else ''}:"]
        if self.chance(0.5):
            lines += self.loop_tail(sc, ind + "    ", inner)
            lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
        else:
            lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
            lines += self.loop_tail(sc, ind + "    ", inner)
        if self.chance(0.3):
            lines.append(f"{ind}else:")
            lines.append(self.pr(ind + "    ", f"'while-else'", w))
        sc.vars[w] = "int"
        sc.readonly.add(w)
        return lines

    def s_try(self, sc, ind, depth):
        inner = sc.child(risky=True)
        lines = [f"{ind}try:"]
        lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
        e = self.name("e")
        handlers = [ARITH_EXC, LOOKUP_EXC] + self.excs
        self.r.shuffle(handlers)
        handlers = handlers[:self.r.randrange(1, 4)]
        for h in handlers:
            lines.append(f"{ind}except {h} as {e}:")
            lines.append(f"{ind}    print({repr(self.name('x'))}, type({e}).__name__, {e})")
            if self.chance(0.3):
                lines += self.block(sc.child(), ind + "    ", 1, depth + 1)
            if self.excs and self.chance(0.08):
                # chained: the traceback of an escaping exception shows both
                lines.append(f"{ind}    raise {self.pick(self.excs)}({self.int_leaf(sc)}) "
                             f"{self.pick(['from ' + e, '', 'from None'])}")
        if ARITH_EXC not in handlers:
            # the body may do risky arithmetic: always catch it somewhere
            lines.append(f"{ind}except {ARITH_EXC} as {e}:")
            lines.append(f"{ind}    print({repr(self.name('x'))}, type({e}).__name__, str({e}))")
        if LOOKUP_EXC not in handlers:
            lines.append(f"{ind}except {LOOKUP_EXC} as {e}:")
            lines.append(f"{ind}    print({repr(self.name('x'))}, type({e}).__name__)")
        if self.chance(0.3):
            lines.append(f"{ind}else:")
            lines += self.block(sc.child(), ind + "    ", self.r.randrange(1, 3), depth + 1)
        if self.chance(0.4):
            lines.append(f"{ind}finally:")
            lines += self.block(sc.child(), ind + "    ", self.r.randrange(1, 2), depth + 1)
        return lines

    def s_call(self, sc, ind):
        fs = [f for f in self.callables(sc) if f.kind in ("func", "rec")
              and f.cost * sc.mult < MAX_COST]
        objs = [(n, ty) for n, ty in sc.vars.items() if ty.startswith("obj:")]
        if objs and (not fs or self.chance(0.4)):
            n, ty = self.pick(objs)
            c = self.cls(ty[4:])
            ms = [m for m in c.methods.values() if m.cost * sc.mult < MAX_COST]
            opts = []
            if ms:
                opts.append(self.call_of(self.pick(ms), sc, 2, prefix=f"{n}."))
            opts += [f"{n}.{p}" for p in c.props]
            if "__iter__" in c.dunders:
                opts.append(f"list({n})")
            if "__len__" in c.dunders:
                opts.append(f"len({n})")
            opts.append(f"{n}.describe()")
            return [self.pr(ind, self.pick(opts))]
        if not fs:
            return [self.pr(ind, self.e_int(sc, 2))]
        f = self.pick(fs)
        c = self.call_of(f, sc, 2)
        if f.ret == "dict":
            c = f"sorted({c}.items())"
        if self.chance(0.3) and f.ret in ("int", "float", "str", "list", "bool"):
            v = self.name("v")
            sc.vars[v] = f.ret
            return [f"{ind}{v} = {c}", self.pr(ind, v)]
        return [self.pr(ind, c)]

    def s_container(self, sc, ind):
        lv = self.vars_of(sc, "list")
        dv = self.vars_of(sc, "dict")
        sv = self.writable(sc, "set")
        k = self.r.randrange(10)
        if lv and k < 5:
            L = self.pick(lv)
            ops = [f"{L}.append({self.e_int(sc, 1)})",
                   f"{L}.insert({self.e_int(sc, 1)} % 20, {self.e_int(sc, 1)})",
                   f"{L}.sort({'reverse=True' if self.chance(0.5) else ''})",
                   f"{L}.reverse()",
                   f"{L}[{self.e_int(sc, 1)}:{self.e_int(sc, 1)}] = {self.e_list(sc, 1)}[:3]"]
            lines = [f"{ind}{self.pick(ops)}", f"{ind}del {L}[16:]"]
            if self.chance(0.5):
                lines = [f"{ind}if {L}:",
                         f"{ind}    {L}[{self.e_int(sc, 1)} % len({L})] = {self.e_int(sc, 1)}",
                         self.pr(ind + "    ", f"{L}.pop()", f"{L}.count({self.e_int(sc, 0)})")]
            return lines + [self.pr(ind, L)]
        if dv and k < 8:
            D = self.pick(dv)
            key = self.pick(DKEYS)
            ops = [f"{D}[{key}] = {self.e_int(sc, 1)}",
                   f"{D}.setdefault({key}, {self.e_int(sc, 1)})",
                   f"{D}.pop({key}, None)",
                   f"{D}.update({self.e_dict(sc, 1)})"]
            lines = [f"{ind}{self.pick(ops)}"]
            if self.chance(0.4):
                lines += [f"{ind}if {key} in {D}:", f"{ind}    del {D}[{key}]"]
            return lines + [self.pr(ind, f"sorted({D}.items())", f"len({D})")]
        if sv:
            S = self.pick(sv)
            ops = [f"{S}.add({self.e_int(sc, 1)})", f"{S}.discard({self.e_int(sc, 1)})",
                   f"{S} |= {self.e_set(sc, 1)}", f"{S} &= {self.e_set(sc, 1)}"]
            return [f"{ind}{self.pick(ops)}", self.pr(ind, f"sorted({S})")]
        return self.s_assign(sc, ind)

    def s_unpack(self, sc, ind):
        k = self.r.randrange(4)
        ints = self.writable(sc, "int")
        if k == 0 and len(ints) >= 2:
            a, b = self.r.sample(ints, 2)
            return [f"{ind}{a}, {b} = {b}, {a}", self.pr(ind, a, b)]
        if k == 1:
            a, rest = self.name("v"), self.name("v")
            line = f"{ind}{a}, *{rest} = {self.e_list(sc, 1)} + [{self.e_int(sc, 0)}]"
            sc.vars[a] = "int"
            sc.vars[rest] = "list"
            return [line, self.pr(ind, a, rest)]
        if k == 2:
            a, b, c = self.name("v"), self.name("v"), self.name("v")
            line = f"{ind}{a}, {b}, {c} = {self.e_tuple(sc, 1)}"
            sc.vars.update({a: "int", b: "int", c: "int"})
            return [line, self.pr(ind, a, b, c)]
        a, b = self.name("v"), self.name("v")
        ta, tb = self.pick(["str", "float", "int"]), self.pick(["list", "bool", "int"])
        line = f"{ind}({a}, {b}) = ({self.store_expr(ta, sc, 1)}, {self.store_expr(tb, sc, 1)})"
        sc.vars.update({a: ta, b: tb})
        return [line, self.pr(ind, a, b)]

    def s_closure(self, sc, ind):
        ints = [n for n, t in sc.vars.items() if t == "int" and not n.startswith(("i", "w", "G"))]
        cnt = self.name("v")
        lines = [f"{ind}{cnt} = {self.e_int(sc, 1)} % 1000"]
        sc.vars[cnt] = "int"
        fn = self.name("inner")
        p = self.name("p")
        lines.append(f"{ind}def {fn}({p}, step=1):")
        lines.append(f"{ind}    nonlocal {cnt}")
        inner = Scope({**sc.vars, p: "int"}, in_func=True, ret="int",
                      self_cls=sc.self_cls, funcs=[f for f in self.callables(sc) if f.kind != "gen"],
                      nonlocals={cnt}, readonly=set(sc.vars) - {cnt})
        saved = self.cost
        body = self.block(inner, ind + "    ", self.r.randrange(1, 3), 2)
        self.cost = saved
        lines += body
        lines.append(f"{ind}    {cnt} = ({cnt} + {p} * step) % 100003")
        lines.append(f"{ind}    return {cnt} + {self.e_int(inner, 1)}")
        calls = self.r.randrange(1, 4)
        for _ in range(calls):
            lines.append(self.pr(ind, f"{fn}({self.e_int(sc, 1)})", cnt))
        if ints and self.chance(0.3):
            lines.append(self.pr(ind, f"{fn}({self.pick(ints)}, step=-2)"))
        return lines

    def s_gen_use(self, sc, ind):
        gens = [f for f in self.callables(sc) if f.kind == "gen" and f.cost * sc.mult * 3 < MAX_COST]
        senders = [f for f in self.callables(sc) if f.kind == "sender" and f.cost * sc.mult * 3 < MAX_COST]
        if senders and self.chance(0.4):
            f = self.pick(senders)
            g = self.name("g")
            lines = [f"{ind}{g} = {self.call_of(f, sc, 1)}", self.pr(ind, f"next({g})")]
            for _ in range(self.r.randrange(1, 4)):
                lines.append(self.pr(ind, f"{g}.send({self.e_int(sc, 1)})"))
            if self.excs and self.chance(0.4):
                e = self.name("e")
                lines += [f"{ind}try:",
                          self.pr(ind + "    ", f"{g}.throw({self.pick(self.excs)}({self.e_int(sc, 0)}))"),
                          f"{ind}except BaseException as {e}:",
                          self.pr(ind + "    ", f"type({e}).__name__", f"str({e})")]
            else:
                lines.append(f"{ind}{g}.close()")
            return lines
        if gens:
            f = self.pick(gens)
            k = self.r.randrange(4)
            c = self.call_of(f, sc, 1)
            if k == 0:
                return [self.pr(ind, f"list({c})")]
            if k == 1:
                return [self.pr(ind, f"sum({c})", f"max({c}, default=-1)")]
            if k == 2:
                g = self.name("g")
                return [f"{ind}{g} = {c}",
                        self.pr(ind, f"next({g}, None)", f"next({g}, None)", f"list({g})")]
            return [self.pr(ind, f"sorted({c}, reverse=True)[:5]")]
        return [self.pr(ind, f"sum({self.e_int(sc, 1)} for _q in range(3))")]

    def s_return(self, sc, ind):
        if sc.in_gen:
            return [f"{ind}if {self.e_bool(sc, 1)}:", f"{ind}    return {self.e_int(sc, 1)}"]
        e = self.store_expr(sc.ret, sc, 1) if sc.ret else "None"
        return [f"{ind}if {self.e_bool(sc, 1)}:", f"{ind}    return {e}"]

    def s_with(self, sc, ind, depth):
        v = self.name("v")
        inner = sc.child()
        inner.vars[v] = "str"
        if self.chance(0.4):
            # Quiet swallows arithmetic/lookup errors: the body may do risky things
            inner.risky = True
            lines = [f"{ind}with Quiet({self.e_str(sc, 1)}) as {v}:"]
        else:
            lines = [f"{ind}with Ctx({self.e_str(sc, 1)}) as {v}:"]
        lines += self.block(inner, ind + "    ", self.r.randrange(1, 3), depth + 1)
        return lines

    # ---------------------------------------------------------------- program
    def param_list(self, n, types=None):
        return [(self.name("p"), self.pick(types or ["int", "int", "float", "str", "list", "bool"]))
                for _ in range(n)]

    def def_function(self, out):
        kind = self.pick(["func"] * 6 + ["gen", "gen", "rec", "sender", "maker"])
        fname = self.name({"func": "f", "gen": "gen", "rec": "rec", "sender": "acc",
                           "maker": "make"}[kind])
        if kind == "rec":
            p, acc = self.name("p"), self.name("p")
            out += [f"def {fname}({p}, {acc}):",
                    f"    if {p} <= 0:",
                    f"        return {acc} % 1000003",
                    f"    return {fname}({p} - 1, ({acc} * {self.pick(['3', '7', '-2'])} + {p}) % {self.mod()}) + {p}",
                    ""]
            self.funcs.append(Func(fname, [(p, "int"), (acc, "int")], "int", "rec", cost=13))
            return
        if kind == "sender":
            tot, x = self.name("v"), self.name("v")
            p = self.name("p")
            out += [f"def {fname}({p}):",
                    f"    {tot} = {p} % 1000",
                    f"    while True:",
                    f"        {x} = yield {tot}",
                    f"        if {x} is None:",
                    f"            break",
                    f"        {tot} = ({tot} * {self.pick(['2', '3', '1'])} + {x}) % {self.mod()}",
                    f"    return {tot}",
                    ""]
            self.funcs.append(Func(fname, [(p, "int")], "int", "sender", cost=5))
            return
        if kind == "maker":
            # closure factory: returns a closure; used via a func wrapper
            p, cnt = self.name("p"), self.name("v")
            inner = self.name("inner")
            s = self.name("p")
            out += [f"def {fname}({p}):",
                    f"    {cnt} = {p} % 100",
                    f"    def {inner}({s}=1):",
                    f"        nonlocal {cnt}",
                    f"        {cnt} += {s}",
                    f"        return {cnt} * {self.pick(['2', '3', '-1'])}",
                    f"    return {inner}",
                    ""]
            user = self.name("f")
            c = self.name("v")
            q = self.name("p")
            out += [f"def {user}({q}):",
                    f"    {c} = {fname}({q})",
                    f"    return [{c}(), {c}({q} % 7), {c}({s}=-3)]",
                    ""]
            self.funcs.append(Func(user, [(q, "int")], "list", "func", cost=4))
            return
        nparams = self.r.randrange(0, 4)
        params = self.param_list(nparams)
        ndefaults = self.r.randrange(0, nparams + 1) if nparams else 0
        varargs = kind == "func" and self.chance(0.2)
        kwargs = kind == "func" and self.chance(0.2)
        kwonly = self.param_list(self.r.randrange(2), ["int", "str"]) if kind == "func" and self.chance(0.3) else []
        ret = "int" if kind == "gen" else self.pick(["int", "int", "float", "str", "list", "bool", "dict"])
        sc = Scope({n: t for n, t in self.globals.items()}, in_func=True, in_gen=(kind == "gen"),
                   ret=ret, readonly=set(self.globals))
        sig = []
        for i, (pn, pt) in enumerate(params):
            if i >= nparams - ndefaults:
                sig.append(f"{pn}={self.expr(pt, Scope(), 0)}")
            else:
                sig.append(pn)
            sc.vars[pn] = pt
        if varargs:
            a = self.name("args")
            sig.append(f"*{a}")
        elif kwonly:
            sig.append("*")
        for pn, pt in kwonly:
            sig.append(f"{pn}={self.expr(pt, Scope(), 0)}")
            sc.vars[pn] = pt
        if kwargs:
            kw = self.name("kw")
            sig.append(f"**{kw}")
        out.append(f"def {fname}({', '.join(sig)}):")
        body = []
        if self.globals and self.chance(0.2):
            g = self.pick([n for n, t in self.globals.items() if t == "int"])
            body.append(f"    global {g}")
            body.append(f"    {g} = ({g} + 1) % 1000")
        if varargs:
            v = self.name("v")
            body.append(f"    {v} = [len({a}), *({a}[:4])]")
            sc.vars[v] = "list"
        if kwargs:
            v = self.name("v")
            body.append(f"    {v} = sorted({kw}.items())")
            body.append(f"    print({fname!r}, {v})")
        self.cost = 1
        body += self.block(sc, "    ", self.r.randrange(2, 5), 0)
        if kind == "gen":
            if self.chance(0.3):
                body.append(f"    try:")
                body.append(f"        yield {self.e_int(sc, 1)}")
                body.append(f"        yield {self.e_int(sc, 1)}")
                body.append(f"    finally:")
                body.append(f"        print({fname!r}, 'finally')")
            if self.chance(0.5):
                v = self.name("i")
                body.append(f"    for {v} in range({self.small(sc, 6)}):")
                sc2 = sc.child()
                sc2.vars[v] = "int"
                body.append(f"        yield {self.e_int(sc2, 2)}")
            else:
                body.append(f"    yield {self.e_int(sc, 2)}")
            others = [f for f in self.funcs if f.kind == "gen"]
            if others and self.chance(0.5):
                o = self.pick(others)
                r = self.name("v")
                body.append(f"    {r} = yield from {self.call_of(o, sc, 1)}")
                body.append(f"    print({fname!r}, {r})")
                self.cost += o.cost
            body.append(f"    return {self.e_int(sc, 1)}")
        else:
            body.append(f"    return {self.store_expr(ret, sc, 2)}")
        out += body + [""]
        self.funcs.append(Func(fname, params, ret, kind, ndefaults, varargs, kwargs, kwonly,
                               cost=min(self.cost, MAX_COST)))

    def def_class(self, out):
        base = None
        if self.classes and self.chance(0.3):
            base = self.pick([c for c in self.classes if c.base is None])
        c = Cls(self.name("C"), base)
        out.append(f"class {c.name}({base.name if base else ''}):")
        out.append(f"    tag = {self.pick(STRS)}")
        out.append(f"    count = 0")
        if self.chance(0.25):
            # a class body with a loop is compiled too
            k = self.name("i")
            out += [f"    table = []",
                    f"    for {k} in range({self.r.randrange(1, 5)}):",
                    f"        table.append({k} * {self.pick(['2', '3', '-1'])} + len(tag))",
                    f"        count += {k}",
                    f"    del {k}"]
        if base:
            c.attrs = dict(base.attrs)
            c.props = dict(base.props)
            c.dunders = set(base.dunders)
            c.init_params = list(base.init_params)
            c.methods = {}
            for m in base.methods.values():
                c.methods[m.name] = m
        else:
            c.init_params = self.param_list(self.r.randrange(1, 4), ["int", "int", "str", "float", "list"])
            out.append(f"    def __init__(self, {', '.join(n for n, _ in c.init_params)}):")
            for i, (pn, pt) in enumerate(c.init_params):
                a = f"a{i}"
                c.attrs[a] = pt
                out.append(f"        self.{a} = {pn}")
            out.append(f"        {c.name}.count += 1")
            fields = ", ".join(f"{{self.{a}!r}}" for a in c.attrs)
            out.append(f"    def __repr__(self):")
            out.append(f"        return f'{{type(self).__name__}}({fields})'")
            out.append(f"    def describe(self):")
            out.append(f"        return f'{{self.tag}}:{{type(self).count}}'")
        self.classes.append(c)
        ints = [a for a, t in c.attrs.items() if t == "int"]
        # methods
        for _ in range(self.r.randrange(1, 3)):
            inherited = [m for m in base.methods if c.methods.get(m) is base.methods[m]] if base else []
            mname = self.pick(inherited) if inherited and self.chance(0.6) else self.name("m")
            old = base.methods.get(mname) if base else None
            params = old.params if old else self.param_list(self.r.randrange(0, 3))
            ndef = old.ndefaults if old else (self.r.randrange(0, len(params) + 1) if params else 0)
            ret = old.ret if old else self.pick(["int", "str", "float", "list"])
            sc = Scope({**self.globals, **dict(params)}, in_func=True, ret=ret, self_cls=c,
                       readonly=set(self.globals))
            if old:
                del c.methods[mname]     # the override must not call itself
            sig = ["self"]
            for i, (pn, pt) in enumerate(params):
                sig.append(f"{pn}={self.expr(pt, Scope(), 0)}" if i >= len(params) - ndef else pn)
            out.append(f"    def {mname}({', '.join(sig)}):")
            self.cost = 1
            body = []
            if old:
                v = self.name("v")
                body.append(f"        {v} = super().{mname}({', '.join(n for n, _ in params)})")
                sc.vars[v] = ret
                body.append(f"        print({mname!r}, {v})")
                self.cost += old.cost
            body += self.block(sc, "        ", self.r.randrange(1, 4), 1)
            if ints and self.chance(0.5):
                a = self.pick(ints)
                body.append(f"        self.{a} = ({self.e_int(sc, 1)}) % {self.mod()}")
            body.append(f"        return {self.store_expr(ret, sc, 1)}")
            out += body
            c.methods[mname] = Func(mname, params, ret, "method", ndef, cost=min(self.cost, MAX_COST), owner=c)
        sc = Scope(dict(self.globals), in_func=True, self_cls=c, readonly=set(self.globals))
        if not base or self.chance(0.5):
            if self.chance(0.6):
                p = self.name("pr")
                t = self.pick(["int", "str"])
                out.append(f"    @property")
                out.append(f"    def {p}(self):")
                out.append(f"        return {self.store_expr(t, sc, 1)}")
                c.props[p] = t
            if ints and self.chance(0.5) and "__eq__" not in c.dunders:
                a = self.pick(ints)
                out += [f"    def __eq__(self, other):",
                        f"        if not isinstance(other, {c.name}):",
                        f"            return NotImplemented",
                        f"        return self.{a} == other.{a}",
                        f"    def __hash__(self):",
                        f"        return hash(self.{a})"]
                c.dunders |= {"__eq__", "__hash__"}
            if not base and self.chance(0.5):
                args = ", ".join(
                    f"(self.{a} + other.{a}) % {self.mod()}" if t == "int" else
                    f"(self.{a} + other.{a})[:20]" if t in ("str", "list") else
                    f"self.{a} + other.{a}" if t == "float" else f"self.{a}"
                    for a, t in c.attrs.items())
                out += [f"    def __add__(self, other):",
                        f"        return type(self)({args})"]
                c.dunders.add("__add__")
            if self.chance(0.5) and "__iter__" not in c.dunders:
                out += [f"    def __iter__(self):"]
                yielded = False
                for a, t in c.attrs.items():
                    if t == "int":
                        out.append(f"        yield self.{a}")
                        yielded = True
                    elif t == "list":
                        out.append(f"        yield from self.{a}[:5]")
                        yielded = True
                    elif t == "str":
                        out.append(f"        yield len(self.{a})")
                        yielded = True
                if not yielded:
                    out.append(f"        yield 0")
                c.dunders.add("__iter__")
            if self.chance(0.4) and "__len__" not in c.dunders:
                out += [f"    def __len__(self):",
                        f"        return {len(c.attrs)} + {self.pick(['0', '1', '2'])}"]
                c.dunders.add("__len__")
        out.append("")

    LITS = {"int": "777", "float": "7.5", "str": "'patched'", "list": "[7, 8]",
            "bool": "True", "dict": "{'k0': 7}"}

    def rerun(self, runs):
        """Call some of the main part's run functions again (their callees compiled)."""
        out = []
        for run in self.r.sample(runs, min(len(runs), self.r.randrange(1, 3))):
            e = self.name("e")
            out += ["try:", f"    {run}()", f"except Exception as {e}:",
                    f"    print({run!r}, 'raised', type({e}).__name__, {e})"]
        return out

    def patches(self, sc, runs):
        """Change things compiled code may have cached or linked directly: rebind a
        global function, shadow a builtin with a module global, replace a method,
        change a function's __defaults__; then run code that uses them, and undo."""
        out = []
        if not runs:
            return out
        funcs = [f for f in self.funcs if f.kind == "func"]
        if funcs and self.chance(0.35):
            f = self.pick(funcs)
            saved = self.name("saved")
            out += [f"{saved} = {f.name}",
                    f"{f.name} = lambda *a, **k: {self.LITS[f.ret]}"]
            out += self.rerun(runs)
            out += [f"{f.name} = {saved}"]
        if self.chance(0.25):
            b, repl = self.pick([("len", "lambda x: 3"), ("abs", "lambda x: x"),
                                 ("min", "lambda *a, **k: 5"), ("max", "lambda *a, **k: -5"),
                                 ("sum", "lambda x, start=0: 11"), ("sorted", "lambda x, **k: [9]")])
            out += [f"{b} = {repl}"]
            out += self.rerun(runs)
            out += [f"del {b}"]
        methods = [(c, m) for c in self.classes for m in c.methods.values()]
        if methods and self.chance(0.3):
            c, m = self.pick(methods)
            saved = self.name("saved")
            out += [f"{saved} = {c.name}.__dict__.get({m.name!r})",
                    f"{c.name}.{m.name} = lambda self, *a, **k: {self.LITS[m.ret]}",
                    f"{c.name}.describe = lambda self: 'patched ' + type(self).__name__"]
            out += self.rerun(runs)
            objs = [n for n, t in sc.vars.items() if t == f"obj:{c.name}"]
            if objs:
                out.append(f"print({objs[0]}.{m.name}(), {objs[0]}.describe())")
            out += [f"if {saved} is None:", f"    del {c.name}.{m.name}", "else:",
                    f"    {c.name}.{m.name} = {saved}",
                    f"del {c.name}.describe" if c.base else
                    f"{c.name}.describe = lambda self: f'{{self.tag}}:{{type(self).count}}'"]
        dfl = [f for f in funcs if f.ndefaults]
        if dfl and self.chance(0.3):
            f = self.pick(dfl)
            vals = [self.expr(t, Scope(), 0) for _, t in f.params[len(f.params) - f.ndefaults:]]
            out += [f"{f.name}.__defaults__ = ({', '.join(vals)},)"]
            out += self.rerun(runs)
        if self.chance(0.2):
            g = self.pick([n for n, t in self.globals.items() if t == "int"])
            out += [f"{g} = {self.pick(['2**64', '-1', 'True', '10**30'])}"]
            out += self.rerun(runs)
        return out

    def generate(self):
        out = [f"# pyjit fuzz program, generator seed {self.seed!r}", "import sys"]
        nglob = self.r.randrange(1, 4)
        for _ in range(nglob):
            g = self.name("G")
            t = self.pick(["int", "int", "str", "float"])
            out.append(f"{g} = {self.expr(t, Scope(), 1)}")
            self.globals[g] = t
        if not any(t == "int" for t in self.globals.values()):
            g = self.name("G")
            out.append(f"{g} = {self.pick(SMALL_INTS)}")
            self.globals[g] = "int"
        out.append("")
        out += ["class Ctx:",
                "    def __init__(self, name):",
                "        self.name = name",
                "    def __enter__(self):",
                "        print('enter', self.name)",
                "        return self.name[:5]",
                "    def __exit__(self, et, ev, tb):",
                "        print('exit', self.name, et.__name__ if et else None)",
                "        return False",
                "",
                "class Quiet(Ctx):",
                "    def __exit__(self, et, ev, tb):",
                "        print('quiet exit', self.name, et.__name__ if et else None, str(ev)[:40])",
                "        return et is not None and issubclass(et, (ArithmeticError, LookupError, ValueError))",
                ""]
        for _ in range(self.r.randrange(1, 3)):
            e = self.name("E")
            if self.excs and self.chance(0.5):
                base = self.pick(self.excs)
                out += [f"class {e}({base}):",
                        f"    def __init__(self, code):",
                        f"        super().__init__(f'{e} code={{code}}')",
                        f"        self.code = code",
                        ""]
            else:
                out += [f"class {e}(Exception):", "    pass", ""]
            self.excs.append(e)
        for _ in range(self.r.randrange(0, 3)):
            self.def_class(out)
        for _ in range(self.r.randrange(2, 8)):
            if self.classes and self.chance(0.15):
                self.def_class(out)
            else:
                self.def_function(out)
        # main part: call everything at least once, plus random statements
        sc = Scope(dict(self.globals))
        self.cost = 0
        for c in self.classes:
            v = self.name("m")
            args = ", ".join(self.expr(t, sc, 1) for _, t in c.init_params)
            out.append(f"{v} = {c.name}({args})")
            sc.vars[v] = f"obj:{c.name}"
            out.append(f"print({v!r}, {v}, {v}.describe())")
        todo = list(self.funcs)
        self.r.shuffle(todo)
        msc = sc
        groups = [todo[i:i + 3] for i in range(0, len(todo), 3)]
        runs = []
        for group in groups:
            # the calls go into small functions: one large module body makes LLVM slow
            run = self.name("run")
            sc = Scope(dict(msc.vars), in_func=True, readonly=set(msc.vars))
            ind = "    "
            grp = []
            for f in group:
                if self.chance(0.4):
                    grp += self.block(sc, ind, self.r.randrange(1, 3), 0)
                call = self.call_of(f, sc, 2)
                if f.kind in ("func", "rec") and f.cost < 200 and self.chance(0.4):
                    # a second call, with other arguments (type feedback, recompiles)
                    e = self.name("e")
                    grp += [f"{ind}try:",
                            f"{ind}    for _r in range({self.r.randrange(2, 4)}):",
                            f"{ind}        print('again', {self.call_of(f, sc, 1) if f.ret != 'dict' else 0})",
                            f"{ind}except Exception as {e}:",
                            f"{ind}    print('again', type({e}).__name__, {e})"]
                if f.kind == "gen":
                    call = f"list({call})"
                elif f.kind == "sender":
                    g = self.name("g")
                    e = self.name("e")
                    grp += [f"{ind}{g} = {call}",
                            f"{ind}print({f.name!r}, next({g}), {g}.send(5), {g}.send(-2))",
                            f"{ind}try:", f"{ind}    {g}.send(None)",
                            f"{ind}except StopIteration as {e}:",
                            f"{ind}    print('stop', {e}.value)"]
                    continue
                elif f.ret == "dict":
                    call = f"sorted({call}.items())"
                if self.chance(0.85):
                    e = self.name("e")
                    grp += [f"{ind}try:",
                            f"{ind}    print({f.name!r}, {call})",
                            f"{ind}except Exception as {e}:",
                            f"{ind}    print({f.name!r}, 'raised', type({e}).__name__, {e})"]
                else:
                    grp.append(f"{ind}print({f.name!r}, {call})")
            out += [f"def {run}():"] + grp + [f"{run}()", ""]
            runs.append(run)
        sc = msc
        for c in self.classes:
            objs = [n for n, t in sc.vars.items() if t == f"obj:{c.name}"]
            for m in c.methods.values():
                e = self.name("e")
                out += [f"try:",
                        f"    print({m.name!r}, {self.call_of(m, sc, 1, prefix=self.pick(objs) + '.')})",
                        f"except Exception as {e}:",
                        f"    print({m.name!r}, 'raised', type({e}).__name__, {e})"]
        out += self.patches(sc, runs)
        out += self.block(sc, "", self.r.randrange(1, 4), 0)
        if self.chance(0.5):
            v = self.name("i")
            sc2 = sc.child(loop=True, mult=4)
            sc2.vars[v] = "int"
            out.append(f"for {v} in range(4):")
            out += self.block(sc2, "    ", self.r.randrange(1, 3), 1)
        out.append(f"print('done', {', '.join(sorted(self.globals))})")
        src = "\n".join(out) + "\n"
        return src


def generate(seed):
    return Gen(seed).generate()


if __name__ == "__main__":
    print(generate(sys.argv[1] if len(sys.argv) > 1 else "0"), end="")
