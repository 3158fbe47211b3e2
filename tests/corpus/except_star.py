# pyjit-corpus: except* (CHECK_EG_MATCH, PREP_RERAISE_STAR): the functions compile and their except* handlers run in the interpreter, with exact ExceptionGroup splitting, re-raising of unhandled parts and nesting
# pyjit-compiled: fail_many, describe_group, handle_partial, split_demo, handle, nested
# pyjit-compiled: split_demo.<locals>.<lambda>, <module>, reraise_into_star, reraise_into_star.<locals>.EG.__new__


def fail_many(kinds):
    errors = []
    for i, kind in enumerate(kinds):
        try:
            if kind == "v":
                raise ValueError("v%d" % i)
            if kind == "t":
                raise TypeError("t%d" % i)
            if kind == "k":
                raise KeyError("k%d" % i)
        except Exception as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("batch", errors)
    return "no errors"

def describe_group(eg):
    parts = []
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            parts.append("[" + describe_group(e) + "]")
        else:
            parts.append("%s(%s)" % (type(e).__name__, e))
    return "%s: %s" % (eg.message, ", ".join(parts))

def handle(kinds):
    log = []
    try:
        fail_many(kinds)
    except* ValueError as eg:
        log.append("values: " + describe_group(eg))
    except* TypeError as eg:
        log.append("types: " + describe_group(eg))
    return log

def handle_partial(kinds):
    try:
        return handle(kinds)
    except ExceptionGroup as rest:
        return ["unhandled: " + describe_group(rest)]

def nested():
    try:
        try:
            raise ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")])])
        except* ValueError as eg:
            print("nested got", describe_group(eg))
            raise KeyError("from handler")
    except BaseException as e:
        return type(e).__name__, describe_group(e) if isinstance(e, BaseExceptionGroup) else str(e)

def split_demo():
    eg = ExceptionGroup("g", [ValueError(1), TypeError(2), ValueError(3)])
    match, rest = eg.split(ValueError)
    return describe_group(match), describe_group(rest), eg.subgroup(lambda e: isinstance(e, TypeError)).exceptions

for kinds in (["v", "t", "ok", "v"], ["ok"], ["t"], ["k", "v"]):
    print(kinds, handle_partial(kinds))
print(nested())
print(split_demo())


def reraise_into_star():
    # a re-raise (RERAISE of the cleanup of `except ... as`) whose next handler is an
    # except* one: the interpreter runs that handler without a second traceback entry
    class EG(ExceptionGroup):
        def __new__(cls, message, excs, code):
            obj = super().__new__(cls, message, excs)
            obj.code = code
            return obj

        def derive(self, excs):
            return EG(self.message, excs, self.code)

    try:
        try:
            try:
                try:
                    raise TypeError(2)
                except TypeError as te:
                    raise EG("nested", [te], 101) from None
            except EG as nested:
                try:
                    raise ValueError(1)
                except ValueError as ve:
                    raise EG("eg", [ve, nested], 42)
        except* ValueError as eg:
            veg = eg
    except EG as eg:
        teg = eg
    tb = teg.__traceback__
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno - reraise_into_star.__code__.co_firstlineno)
        tb = tb.tb_next
    return type(veg).__name__, veg.code, teg.code, teg.exceptions[0].code, lines


print(reraise_into_star())
