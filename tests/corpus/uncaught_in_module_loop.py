# pyjit-corpus: uncaught exception raised in a compiled method called from a loop in a compiled module body (and a class body with a loop before it); the <module> frame's traceback line inside the loop and the carets must be exact, output before it flushed
# pyjit-compiled: Parser, Parser.__init__, Parser.parse, <module>
# pyjit-exit: 1


class Parser:
    handlers = {}
    for name in ("int", "float", "hex"):
        handlers[name] = name.upper()

    def __init__(self, kind):
        self.kind = kind

    def parse(self, text):
        if self.kind == "hex":
            return int(text, 16)
        if self.kind == "float":
            return float(text)
        return int(text)


rows = [("int", "12"), ("float", "2.5"), ("hex", "ff"), ("int", "3.5"), ("int", "7")]
total = 0
for kind, text in rows:
    p = Parser(kind)
    value = p.parse(
        text)
    total += value
    print(kind, text, "->", value, "total", total)
print("never reached")
