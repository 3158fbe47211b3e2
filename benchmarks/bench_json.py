"""A JSON serialiser and parser written in Python, over nested dicts and lists.

A deterministic document (a list of "order" dicts with nested customer
dicts, item lists, floats, bools, None and strings with quotes, backslashes,
control and non-ASCII characters) is serialised by ``encode`` — a recursive
encoder dispatching on ``type(value)``, escaping strings character by
character through a dict, collecting pieces in a list and ``"".join``-ing
them — and parsed back by ``Parser``, a recursive-descent parser class that
walks the text with an index.  The output is compared with the standard
library's ``json.dumps`` (same separators, ``ensure_ascii``) and the parsed
value with the original.

Models serialisation and protocol code: recursion, isinstance/type
dispatch, dict iteration, string building, str indexing and slicing,
exceptions for errors.  Checksum: ``zlib.crc32`` of the text, its length and
two equality checks.
"""

import json
import zlib

CATEGORY = "serialise"

N_ORDERS = 1_000
N_ROUNDS = 2

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
           "\b": "\\b", "\f": "\\f"}
UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
             "r": "\r", "t": "\t"}
WORDS = ["apple", "Bärlauch", "crème", "dates", "elder\"flower", "fig\\tree",
         "grape\tjuice", "hazel", "ice\ncream", "jam", "kiwi", "lime", "€uro", "日本"]


def make_document(n, seed):
    orders = []
    x = seed
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        items = []
        for j in range(1 + x % 5):
            y = (x >> (j + 3)) & 0xFFFF
            items.append({"sku": f"SKU-{y:05d}", "name": WORDS[y % len(WORDS)],
                          "qty": 1 + y % 9, "price": (y % 5000) / 100 + 0.25,
                          "tags": [WORDS[(y + k) % len(WORDS)] for k in range(y % 3)]})
        orders.append({
            "id": i,
            "customer": {"name": WORDS[x % len(WORDS)] + " " + str(x % 977),
                         "vip": x % 7 == 0, "score": -(x % 1000) / 8.0,
                         "address": None if x % 11 == 0 else
                         {"city": WORDS[(x >> 4) % len(WORDS)], "zip": x % 100000}},
            "items": items,
            "note": "" if x % 3 else "handle with care: \"fragile\"\r\n",
            "paid": x % 2 == 1,
        })
    return {"version": 3, "orders": orders, "empty": {}, "none": [], "big": 2 ** 70}


def encode_str(s, out):
    out.append('"')
    start = 0
    for i in range(len(s)):
        ch = s[i]
        esc = ESCAPES.get(ch)
        if esc is None:
            code = ord(ch)
            if 0x20 <= code < 0x7F:
                continue
            if code < 0x10000:
                esc = "\\u%04x" % code
            else:
                code -= 0x10000
                esc = "\\u%04x\\u%04x" % (0xD800 | (code >> 10), 0xDC00 | (code & 0x3FF))
        if start < i:
            out.append(s[start:i])
        out.append(esc)
        start = i + 1
    if start < len(s):
        out.append(s[start:])
    out.append('"')


def encode(value, out):
    t = type(value)
    if t is str:
        encode_str(value, out)
    elif t is dict:
        if not value:
            out.append("{}")
            return
        out.append("{")
        first = True
        for key, item in value.items():
            if first:
                first = False
            else:
                out.append(", ")
            encode_str(key, out)
            out.append(": ")
            encode(item, out)
        out.append("}")
    elif t is list:
        if not value:
            out.append("[]")
            return
        out.append("[")
        encode(value[0], out)
        for k in range(1, len(value)):
            out.append(", ")
            encode(value[k], out)
        out.append("]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif t is int:
        out.append(str(value))
    elif t is float:
        out.append(repr(value))
    else:
        raise TypeError(f"cannot encode {t.__name__}")


def dumps(value):
    out = []
    encode(value, out)
    return "".join(out)


class ParseError(ValueError):
    pass


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip(self):
        text = self.text
        pos = self.pos
        while pos < len(text) and text[pos] in " \t\n\r":
            pos += 1
        self.pos = pos

    def expect(self, ch):
        if self.text[self.pos] != ch:
            raise ParseError(f"expected {ch!r} at {self.pos}")
        self.pos += 1

    def value(self):
        self.skip()
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if ch == "n":
            self.pos += 4
            return None
        if ch == "t":
            self.pos += 4
            return True
        if ch == "f":
            self.pos += 5
            return False
        return self.number()

    def obj(self):
        self.pos += 1
        result = {}
        self.skip()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip()
            key = self.string()
            self.skip()
            self.expect(":")
            result[key] = self.value()
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            self.expect("}")
            return result

    def array(self):
        self.pos += 1
        result = []
        self.skip()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                continue
            self.expect("]")
            return result

    def string(self):
        text = self.text
        self.expect('"')
        chunks = []
        start = self.pos
        pos = start
        while True:
            ch = text[pos]
            if ch == '"':
                break
            if ch == "\\":
                chunks.append(text[start:pos])
                esc = text[pos + 1]
                if esc == "u":
                    code = int(text[pos + 2:pos + 6], 16)
                    pos += 6
                    if 0xD800 <= code < 0xDC00 and text[pos:pos + 2] == "\\u":
                        low = int(text[pos + 2:pos + 6], 16)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        pos += 6
                    chunks.append(chr(code))
                else:
                    chunks.append(UNESCAPES[esc])
                    pos += 2
                start = pos
            else:
                pos += 1
        chunks.append(text[start:pos])
        self.pos = pos + 1
        return "".join(chunks)

    def number(self):
        text = self.text
        start = self.pos
        pos = start
        is_float = False
        while pos < len(text):
            ch = text[pos]
            if ch in "0123456789-":
                pos += 1
            elif ch in ".eE+":
                is_float = True
                pos += 1
            else:
                break
        if pos == start:
            raise ParseError(f"unexpected {text[start]!r} at {start}")
        self.pos = pos
        if is_float:
            return float(text[start:pos])
        return int(text[start:pos])


def loads(text):
    p = Parser(text)
    v = p.value()
    p.skip()
    if p.pos != len(text):
        raise ParseError(f"trailing data at {p.pos}")
    return v


def run():
    doc = make_document(N_ORDERS, 99)
    crc = 0
    total_len = 0
    same_text = 0
    same_value = 0
    errors = 0
    for r in range(N_ROUNDS):
        doc["round"] = r
        text = dumps(doc)
        crc = zlib.crc32(text.encode(), crc)
        total_len += len(text)
        if text == json.dumps(doc):
            same_text += 1
        back = loads(text)
        if back == doc:
            same_value += 1
        try:
            loads(text[:len(text) // 2] + "?")
        except (ParseError, IndexError, KeyError):
            errors += 1
    return crc * 1000003 + total_len * 100 + same_text * 10 + same_value + errors * 1000
