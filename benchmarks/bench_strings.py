"""String-heavy workload: formatting, parsing and transforming text records.

* build CSV-like records with f-strings (width, zero padding, precision,
  ``!r``) and ``str.join``;
* parse them back with ``split``/``strip``/``int``/``float``, validate with
  ``startswith``/``isdigit``/``in``;
* a report built by ``+=`` concatenation and ``%``-formatting, ``upper``,
  ``replace``, ``ljust``;
* a Caesar cipher and a run-length encoder working character by character
  (``ord``/``chr``, indexing, slicing, list-of-str then ``"".join``);
* word wrapping of a long paragraph.

Models text munging code (logs, CSV, templating): FORMAT_VALUE,
BUILD_STRING, str method calls, str subscripts and concatenation.  Checksum:
``zlib.crc32`` of the produced text combined with counts (not ``hash()``,
which is randomised for str).
"""

import zlib

CATEGORY = "string"

N_RECORDS = 60_000
CIPHER_CHARS = 300_000
RLE_REPEAT = 8_000
WRAP_ROWS = 20_000
WRAP_WIDTH = 38

NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
         "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil"]
CITIES = ["Oslo", "Lima", "Pune", "Kyiv", "Cork", "Nice", "Bern", "Faro"]


def make_records(n):
    lines = []
    x = 7
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        name = NAMES[x % len(NAMES)]
        city = CITIES[(x >> 5) % len(CITIES)]
        qty = (x >> 9) % 500
        price = ((x >> 3) % 100000) / 100
        tag = "vip" if qty > 400 else "std"
        lines.append(f"{i:06d},{name.title()},{city!r},{qty:>4},{price:.2f},{tag}")
    return "\n".join(lines)


def parse_records(text):
    rows = []
    bad = 0
    for line in text.split("\n"):
        parts = line.split(",")
        if len(parts) != 6 or not parts[0].isdigit():
            bad += 1
            continue
        ident = int(parts[0])
        name = parts[1].strip().lower()
        city = parts[2].strip("'")
        qty = int(parts[3].strip())
        price = float(parts[4])
        vip = parts[5] == "vip"
        rows.append((ident, name, city, qty, price, vip))
    return rows, bad


def report(rows):
    out = ""
    totals = {}
    for ident, name, city, qty, price, vip in rows:
        key = city.upper() + "/" + name[:3]
        totals[key] = totals.get(key, 0.0) + qty * price
        if vip and qty % 7 == 0:
            out += "VIP %s in %s: %d x %.2f\n" % (name.capitalize(), city, qty, price)
    lines = []
    for key in sorted(totals):
        label = key.replace("/", " - ").ljust(16, ".")
        lines.append(f"{label} {totals[key]:12.2f}")
    return out + "\n".join(lines)


def caesar(text, shift):
    out = []
    a = ord("a")
    big_a = ord("A")
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - a + shift) % 26 + a))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - big_a + shift) % 26 + big_a))
        else:
            out.append(ch)
    return "".join(out)


def rle(text):
    if not text:
        return ""
    parts = []
    prev = text[0]
    count = 1
    for i in range(1, len(text)):
        ch = text[i]
        if ch == prev:
            count += 1
        else:
            parts.append(f"{count}{prev}" if count > 1 else prev)
            prev = ch
            count = 1
    parts.append(f"{count}{prev}" if count > 1 else prev)
    return "".join(parts)


def wrap(words, width):
    lines = []
    line = ""
    for w in words:
        if not line:
            line = w
        elif len(line) + 1 + len(w) <= width:
            line = line + " " + w
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def run():
    text = make_records(N_RECORDS)
    rows, bad = parse_records(text + "\ngarbage line\n")
    rep = report(rows)
    sample = rep + text[:CIPHER_CHARS]
    secret = caesar(sample, 13)
    plain = caesar(secret, 13)
    same = 1 if plain == sample else 0
    squeezed = rle(("aaab" * 3 + "cc d" + "eeee") * RLE_REPEAT + secret[:CIPHER_CHARS // 4])
    words = []
    for r in rows[:WRAP_ROWS]:
        words.append(r[1])
        words.append(r[2].lower())
    wrapped = wrap(words, WRAP_WIDTH)
    longest = 0
    for ln in wrapped:
        if len(ln) > longest:
            longest = len(ln)
    crc = zlib.crc32(text.encode())
    crc = zlib.crc32(rep.encode(), crc)
    crc = zlib.crc32(secret.encode(), crc)
    crc = zlib.crc32(squeezed.encode(), crc)
    crc = zlib.crc32("|".join(wrapped).encode(), crc)
    return crc * 1000003 + len(rows) * 1009 + bad * 101 + same * 11 + longest
