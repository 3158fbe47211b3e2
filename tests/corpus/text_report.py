# pyjit-corpus: text processing application: splitting, normalising and counting words (dict.get, collections.Counter/defaultdict), n-grams with zip and slices, string methods (strip/lower/translate/partition/center/ljust), a formatted table report with computed column widths, str.join over comprehensions
# pyjit-compiled: <dictcomp>, words_of, words_of.<locals>.<listcomp>, frequencies, bigrams
# pyjit-compiled: by_first_letter, by_first_letter.<locals>.<dictcomp>, table
# pyjit-compiled: table.<locals>.<listcomp>, sentence_stats, key_value_lines, <lambda>, <listcomp>
from collections import Counter, defaultdict

TEXT = """
The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs!
A quick brown dog? No -- a quick, quick fox. Foxes and dogs: friends or foes?
"""

PUNCT = str.maketrans({c: " " for c in ".,;:!?-"})


def words_of(text):
    return [w for w in text.translate(PUNCT).lower().split() if w]

def frequencies(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts

def bigrams(words):
    return Counter(zip(words, words[1:]))

def by_first_letter(words):
    groups = defaultdict(set)
    for w in words:
        groups[w[0]].add(w)
    return {k: sorted(v) for k, v in sorted(groups.items())}

def table(rows, headers):
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(str(cell)))
    sep = "+".join("-" * (w + 2) for w in widths)
    lines = [" | ".join(h.center(widths[i]) for i, h in enumerate(headers)), sep]
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            text = str(cell)
            cells.append(text.rjust(widths[i]) if isinstance(cell, (int, float)) else text.ljust(widths[i]))
        lines.append(" | ".join(cells))
    return "\n".join(lines)

def sentence_stats(text):
    stats = []
    rest = text.strip().replace("\n", " ")
    while rest:
        best = min((rest.find(c) for c in ".!?" if rest.find(c) >= 0), default=-1)
        if best < 0:
            sentence, rest = rest, ""
        else:
            sentence, rest = rest[:best + 1], rest[best + 1:].lstrip()
        ws = words_of(sentence)
        stats.append((sentence[:18] + ("..." if len(sentence) > 18 else ""), len(ws),
                      round(sum(len(w) for w in ws) / len(ws), 2)))
    return stats

def key_value_lines(lines):
    out = {}
    for line in lines:
        key, sep, value = line.partition("=")
        if not sep:
            continue
        out[key.strip().lower()] = value.strip().strip('"')
    return out

words = words_of(TEXT)
freq = frequencies(words)
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
print(len(words), len(freq))
print(table([(w, n, round(n / len(words), 3)) for w, n in top], ["word", "count", "share"]))
print(bigrams(words).most_common(3))
print(by_first_letter(words))
print(table(sentence_stats(TEXT), ["sentence", "words", "avg len"]))
print(key_value_lines(['Name = "pyjit"', "VERSION=0.3", "junk", " mode = fast "]))
