# pyjit-corpus: uncaught NameError raised by a global lookup in a compiled closure several frames deep, with the "Did you mean" hint computed from the exception's name and the frame's globals; output printed before it flushed
# pyjit-compiled: make_filter, make_filter.<locals>.keep, apply, run
# pyjit-exit: 1

threshold_value = 10


def make_filter(limit):
    def keep(x):
        return x < limit and x != treshold_value
    return keep


def apply(values, pred):
    kept = []
    for v in values:
        if pred(v):
            kept.append(v)
    return kept


def run():
    f = make_filter(5)
    print("filtering")
    return apply(range(8), f)


print(run())
