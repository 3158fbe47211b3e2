# pyjit-corpus: a small application: tokenizer, recursive-descent parser building AST node objects, an evaluator with variables, user functions and error reporting (custom exceptions with positions), driven over a script of lines; classes, dicts, f-strings, exceptions and closures all in compiled code
# pyjit-compiled: CalcError.__init__, Token.__init__, tokenize, Num.__init__, Num.eval, Var.__init__
# pyjit-compiled: Var.eval, BinOp.<lambda>, BinOp.__init__, BinOp.eval, Neg.__init__, Neg.eval
# pyjit-compiled: Call.__init__, Call.eval, Call.eval.<locals>.<listcomp>, Parser.__init__
# pyjit-compiled: Parser.tok, Parser.take, Parser.statement, Parser.expr, Parser.term, Parser.factor
# pyjit-compiled: Parser.unary, Parser.atom, Env.__init__, Env.__init__.<locals>.<lambda>
# pyjit-compiled: Env.lookup, run_line, run_script, <module>
import math


class CalcError(Exception):
    def __init__(self, msg, pos):
        super().__init__(msg)
        self.pos = pos


class Token:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind, text, pos):
        self.kind, self.text, self.pos = kind, text, pos

    def __repr__(self):
        return f"{self.kind}:{self.text!r}"


def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(Token("num", src[i:j], i))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(Token("name", src[i:j], i))
            i = j
        elif ch in "+-*/^(),=%":
            tokens.append(Token("op", ch, i))
            i += 1
        else:
            raise CalcError(f"unexpected character {ch!r}", i)
    tokens.append(Token("end", "", len(src)))
    return tokens


class Num:
    def __init__(self, value):
        self.value = value

    def eval(self, env):
        return self.value


class Var:
    def __init__(self, name, pos):
        self.name, self.pos = name, pos

    def eval(self, env):
        try:
            return env.lookup(self.name)
        except KeyError:
            raise CalcError(f"unknown variable {self.name}", self.pos) from None


class BinOp:
    OPS = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
        "%": lambda a, b: a % b,
        "^": lambda a, b: a ** b,
    }

    def __init__(self, op, left, right, pos):
        self.op, self.left, self.right, self.pos = op, left, right, pos

    def eval(self, env):
        a, b = self.left.eval(env), self.right.eval(env)
        try:
            return self.OPS[self.op](a, b)
        except ZeroDivisionError:
            raise CalcError("division by zero", self.pos)


class Neg:
    def __init__(self, operand):
        self.operand = operand

    def eval(self, env):
        return -self.operand.eval(env)


class Call:
    def __init__(self, name, args, pos):
        self.name, self.args, self.pos = name, args, pos

    def eval(self, env):
        fn = env.functions.get(self.name)
        if fn is None:
            raise CalcError(f"unknown function {self.name}()", self.pos)
        values = [a.eval(env) for a in self.args]
        try:
            return fn(*values)
        except TypeError:
            raise CalcError(f"{self.name}() takes a different number of arguments", self.pos)


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0

    @property
    def tok(self):
        return self.tokens[self.i]

    def take(self, kind=None, text=None):
        t = self.tok
        if (kind and t.kind != kind) or (text and t.text != text):
            want = text or kind
            raise CalcError(f"expected {want}, got {t.text or 'end'!r}", t.pos)
        self.i += 1
        return t

    def statement(self):
        if self.tok.kind == "name" and self.tokens[self.i + 1].text == "=":
            name = self.take("name").text
            self.take(text="=")
            return ("assign", name, self.expr())
        return ("expr", None, self.expr())

    def expr(self):
        node = self.term()
        while self.tok.text in ("+", "-"):
            t = self.take()
            node = BinOp(t.text, node, self.term(), t.pos)
        return node

    def term(self):
        node = self.factor()
        while self.tok.text in ("*", "/", "%"):
            t = self.take()
            node = BinOp(t.text, node, self.factor(), t.pos)
        return node

    def factor(self):
        base = self.unary()
        if self.tok.text == "^":
            t = self.take()
            return BinOp("^", base, self.factor(), t.pos)
        return base

    def unary(self):
        if self.tok.text == "-":
            self.take()
            return Neg(self.unary())
        return self.atom()

    def atom(self):
        t = self.tok
        if t.kind == "num":
            self.take()
            return Num(float(t.text) if "." in t.text else int(t.text))
        if t.kind == "name":
            self.take()
            if self.tok.text == "(":
                self.take(text="(")
                args = []
                if self.tok.text != ")":
                    args.append(self.expr())
                    while self.tok.text == ",":
                        self.take()
                        args.append(self.expr())
                self.take(text=")")
                return Call(t.text, args, t.pos)
            return Var(t.text, t.pos)
        if t.text == "(":
            self.take()
            node = self.expr()
            self.take(text=")")
            return node
        raise CalcError(f"unexpected {t.text or 'end'!r}", t.pos)


class Env:
    def __init__(self):
        self.vars = {"pi": math.pi}
        self.functions = {"sqrt": math.sqrt, "max": max, "min": min,
                          "hyp": lambda a, b: math.sqrt(a * a + b * b)}

    def lookup(self, name):
        return self.vars[name]


def run_line(env, line):
    kind, name, node = Parser(tokenize(line)).statement()
    value = node.eval(env)
    if kind == "assign":
        env.vars[name] = value
        return f"{name} = {value!r}"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def run_script(lines):
    env = Env()
    out = []
    for n, line in enumerate(lines, 1):
        try:
            out.append(f"{n:>2}: {run_line(env, line)}")
        except CalcError as e:
            out.append(f"{n:>2}: error at {e.pos}: {e}\n    {line}\n    {' ' * e.pos}^")
    return out, sorted(env.vars)


SCRIPT = [
    "1 + 2 * 3",
    "x = 2 ^ 3 ^ 2",
    "y = (x - 12) / 4",
    "-y * -2 % 7",
    "hyp(3, 4) + sqrt(16)",
    "max(1, x, y, 99) - min(5, 3)",
    "z + 1",
    "10 / (x - x)",
    "3 $ 4",
    "(1 + 2",
    "sqrt(1, 2)",
    "nope(1)",
    "r = pi * 2.5 ^ 2",
    "1.5 * 4",
]

lines, names = run_script(SCRIPT)
for line in lines:
    print(line)
print(names)
