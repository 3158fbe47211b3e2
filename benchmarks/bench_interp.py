"""A small interpreter: s-expression parser, compiler to bytecode, stack VM.

A toy language with functions, ``set``, ``while``, ``if``, ``return``,
``print`` and integer arithmetic is tokenised (``str.replace``/``split``),
parsed by a recursive-descent reader into nested lists, constant-folded by a
tree walk, compiled to a list of ``(opcode, argument)`` tuples with resolved
local slots and jump targets, and run by a stack machine: a dispatch loop
that unpacks ``op, arg = code[pc]`` and branches on the opcode through an
``if``/``elif`` chain, with a list as the operand stack and a list of locals.
Calls in the toy language recurse into the VM function.  The toy program
counts primes by trial division and computes a recursive Fibonacci number.

Models interpreters, template engines and rule evaluators: tuple unpacking,
list subscripts and ``append``/``pop``, long ``elif`` chains, recursion.
Checksum: the toy program's result combined with its printed output.
"""

CATEGORY = "interpreter"

LIMIT = 12_000
FIB_N = 20

SOURCE = """
(def isprime (n)
  (do (set d 2)
      (while (<= (* d d) n)
        (do (if (== (% n d) 0) (return 0) (set d (+ d 1)))))
      (return 1)))

(def fib (n)
  (if (< n 2)
      (return n)
      (return (+ (fib (- n 1)) (fib (- n 2))))))

(def main (limit fibn)
  (do (set count 0)
      (set total 0)
      (set i (+ 1 1))
      (while (< i limit)
        (do (if (isprime i)
                (do (set count (+ count 1))
                    (set total (+ total (* i (- 3 2)))))
                (set total (- total 1)))
            (set i (+ i 1))))
      (print count)
      (print total)
      (print (fib fibn))
      (return (+ (* count 1000003) total))))
"""

# opcodes
PUSH = 0
LOAD = 1
STORE = 2
ADD = 3
SUB = 4
MUL = 5
DIV = 6
MOD = 7
LT = 8
LE = 9
EQ = 10
JMP = 11
JZ = 12
CALL = 13
RET = 14
PRINT = 15
POP = 16

BINOPS = {"+": ADD, "-": SUB, "*": MUL, "/": DIV, "%": MOD, "<": LT, "<=": LE, "==": EQ}


class ParseError(Exception):
    pass


class Function:
    def __init__(self, name, params):
        self.name = name
        self.params = params
        self.slots = {}
        self.code = []
        for p in params:
            self.slot(p)

    def slot(self, name):
        s = self.slots.get(name)
        if s is None:
            s = len(self.slots)
            self.slots[name] = s
        return s

    def emit(self, op, arg=None):
        self.code.append((op, arg))
        return len(self.code) - 1

    def patch(self, at, target):
        op, _ = self.code[at]
        self.code[at] = (op, target)


def tokenize(src):
    return src.replace("(", " ( ").replace(")", " ) ").split()


def read(tokens, pos):
    tok = tokens[pos]
    if tok == "(":
        items = []
        pos += 1
        while tokens[pos] != ")":
            item, pos = read(tokens, pos)
            items.append(item)
        return items, pos + 1
    if tok == ")":
        raise ParseError(f"unexpected ) at token {pos}")
    if tok.isdigit():
        return int(tok), pos + 1
    return tok, pos + 1


def parse(src):
    tokens = tokenize(src)
    forms = []
    pos = 0
    while pos < len(tokens):
        form, pos = read(tokens, pos)
        forms.append(form)
    return forms


def fold(node):
    """Constant folding: (op int int) -> int, recursively."""
    if not isinstance(node, list):
        return node
    folded = [fold(x) for x in node]
    if len(folded) == 3 and folded[0] in BINOPS:
        a = folded[1]
        b = folded[2]
        if isinstance(a, int) and isinstance(b, int):
            op = folded[0]
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
    return folded


def compile_expr(fn, node):
    if isinstance(node, int):
        fn.emit(PUSH, node)
    elif isinstance(node, str):
        fn.emit(LOAD, fn.slots[node])
    else:
        head = node[0]
        if head in BINOPS:
            compile_expr(fn, node[1])
            compile_expr(fn, node[2])
            fn.emit(BINOPS[head])
        else:
            for arg in node[1:]:
                compile_expr(fn, arg)
            fn.emit(CALL, (head, len(node) - 1))


def compile_stmt(fn, node):
    head = node[0] if isinstance(node, list) else None
    if head == "do":
        for stmt in node[1:]:
            compile_stmt(fn, stmt)
    elif head == "set":
        compile_expr(fn, node[2])
        fn.emit(STORE, fn.slot(node[1]))
    elif head == "while":
        top = len(fn.code)
        compile_expr(fn, node[1])
        jz = fn.emit(JZ, None)
        compile_stmt(fn, node[2])
        fn.emit(JMP, top)
        fn.patch(jz, len(fn.code))
    elif head == "if":
        compile_expr(fn, node[1])
        jz = fn.emit(JZ, None)
        compile_stmt(fn, node[2])
        jmp = fn.emit(JMP, None)
        fn.patch(jz, len(fn.code))
        if len(node) > 3:
            compile_stmt(fn, node[3])
        fn.patch(jmp, len(fn.code))
    elif head == "return":
        compile_expr(fn, node[1])
        fn.emit(RET)
    elif head == "print":
        compile_expr(fn, node[1])
        fn.emit(PRINT)
    else:
        compile_expr(fn, node)
        fn.emit(POP)


def compile_program(forms):
    functions = {}
    for form in forms:
        if form[0] != "def":
            raise ParseError("top level must be (def ...)")
        fn = Function(form[1], form[2])
        compile_stmt(fn, fold(form[3]))
        fn.emit(PUSH, 0)
        fn.emit(RET)
        functions[fn.name] = fn
    return functions


def execute(functions, fn, args, output):
    code = fn.code
    local = args + [0] * (len(fn.slots) - len(args))
    stack = []
    pc = 0
    while True:
        op, arg = code[pc]
        pc += 1
        if op == LOAD:
            stack.append(local[arg])
        elif op == PUSH:
            stack.append(arg)
        elif op == STORE:
            local[arg] = stack.pop()
        elif op == JZ:
            if not stack.pop():
                pc = arg
        elif op == JMP:
            pc = arg
        elif op <= EQ:
            b = stack.pop()
            a = stack.pop()
            if op == ADD:
                stack.append(a + b)
            elif op == SUB:
                stack.append(a - b)
            elif op == MUL:
                stack.append(a * b)
            elif op == MOD:
                stack.append(a % b)
            elif op == DIV:
                stack.append(a // b)
            elif op == LT:
                stack.append(1 if a < b else 0)
            elif op == LE:
                stack.append(1 if a <= b else 0)
            else:
                stack.append(1 if a == b else 0)
        elif op == CALL:
            name, nargs = arg
            callee = functions[name]
            call_args = stack[len(stack) - nargs:]
            del stack[len(stack) - nargs:]
            stack.append(execute(functions, callee, call_args, output))
        elif op == RET:
            return stack.pop()
        elif op == PRINT:
            output.append(stack.pop())
        elif op == POP:
            stack.pop()
        else:
            raise RuntimeError(f"bad opcode {op!r} at {pc - 1} in {fn.name}")


def run():
    functions = compile_program(parse(SOURCE))
    output = []
    result = execute(functions, functions["main"], [LIMIT, FIB_N], output)
    ncode = 0
    for fn in functions.values():
        ncode += len(fn.code)
    check = 0
    for v in output:
        check = check * 1000003 + v
    return result * 1000 + check % 1000000007 + ncode
