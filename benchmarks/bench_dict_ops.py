"""Dict-heavy workload: word counting, grouping, an inverted index and memoisation.

A deterministic pseudo-random text is built from a syllable vocabulary.  Then:

* word frequencies with ``d.get(w, 0) + 1`` and bigram counts keyed by
  ``"a b"`` strings with ``in`` tests;
* grouping words by (first letter, length) with ``setdefault`` and by an
  anagram signature with ``"".join(sorted(w))``;
* an inverted index word -> list of line numbers, queried with dict lookups
  and intersections;
* a memoised recursive function with a dict cache (number of ways to
  segment a string into vocabulary words), keyed by str;
* merging, ``items()``/``keys()``/``values()`` iteration, ``pop``, ``del``.

Models the dictionary traffic of text processing and caching code
(BINARY_SUBSCR / STORE_SUBSCR on dicts with str keys, dict method calls).
Checksum: an int combining counts (no ``hash()``, which is randomised per
process for str).
"""

CATEGORY = "dict"

N_WORDS = 160_000
LINE_LEN = 12
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "po", "da", "fu"]
N_SEGMENT = 3_000


def make_text(n, seed):
    words = []
    x = seed
    nsyl = len(SYLLABLES)
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        k = 1 + (x >> 12) % 3
        w = ""
        y = x >> 4
        for _ in range(k):
            w += SYLLABLES[y % nsyl]
            y //= nsyl
        words.append(w)
    lines = []
    for i in range(0, n, LINE_LEN):
        lines.append(" ".join(words[i:i + LINE_LEN]))
    return lines


def count_words(lines):
    freq = {}
    bigrams = {}
    for line in lines:
        words = line.split()
        prev = None
        for w in words:
            freq[w] = freq.get(w, 0) + 1
            if prev is not None:
                key = prev + " " + w
                if key in bigrams:
                    bigrams[key] += 1
                else:
                    bigrams[key] = 1
            prev = w
    return freq, bigrams


def group_words(freq):
    by_shape = {}
    anagrams = {}
    for w, c in freq.items():
        by_shape.setdefault((w[0], len(w)), []).append(w)
        sig = "".join(sorted(w))
        group = anagrams.get(sig)
        if group is None:
            anagrams[sig] = [w]
        else:
            group.append(w)
    biggest = 0
    for sig, group in anagrams.items():
        if len(group) > biggest:
            biggest = len(group)
    return len(by_shape), len(anagrams), biggest


def build_index(lines):
    index = {}
    for lineno, line in enumerate(lines):
        for w in line.split():
            postings = index.get(w)
            if postings is None:
                index[w] = [lineno]
            elif postings[-1] != lineno:
                postings.append(lineno)
    return index


def query(index, a, b):
    pa = index.get(a)
    pb = index.get(b)
    if not pa or not pb:
        return 0
    seen = {}
    for n in pa:
        seen[n] = True
    hits = 0
    for n in pb:
        if n in seen:
            hits += 1
    return hits


def segmentations(s, vocab, memo):
    if s in memo:
        return memo[s]
    if not s:
        return 1
    total = 0
    for n in (2, 4, 6):
        head = s[:n]
        if len(head) == n and head in vocab:
            total += segmentations(s[n:], vocab, memo)
    memo[s] = total
    return total


def top_words(freq, k):
    items = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:k]


def run():
    lines = make_text(N_WORDS, 424242)
    freq, bigrams = count_words(lines)
    shapes, nsig, biggest = group_words(freq)
    index = build_index(lines)
    words = sorted(freq)
    hits = 0
    for i in range(len(words) - 1):
        hits += query(index, words[i], words[(i * 7 + 3) % len(words)])
    vocab = {}
    for w in freq:
        vocab[w] = True
    memo = {}
    seg = 0
    for line in lines[:N_SEGMENT]:
        seg += segmentations(line.replace(" ", ""), vocab, memo) % 1000003
    merged = dict(freq)
    for key, c in bigrams.items():
        first = key.split(" ")[0]
        merged[first] = merged.get(first, 0) + c
    for w in list(merged.keys()):
        if merged[w] < 3:
            del merged[w]
    popped = merged.pop("kaka", 0)
    top = top_words(freq, 10)
    top_sum = 0
    for w, c in top:
        top_sum = top_sum * 31 + c + len(w)
    return (len(freq) * 1000 + len(bigrams)) * 1000003 + shapes * 7919 + nsig * 131 \
        + biggest + hits * 17 + seg * 3 + sum(merged.values()) + popped + top_sum % 1000003
