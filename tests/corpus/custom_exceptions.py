# pyjit-corpus: custom exception hierarchies (extra attributes, __str__, __init__ calling super, args), raised several compiled calls deep and caught by compiled code by exact class, base class, tuple and Exception; exceptions used as values, re-raised as other custom types, retry loops
# pyjit-compiled: AppError.__init__, AppError.__str__, NotFound.__init__, Retry.__init__
# pyjit-compiled: Retry.__repr__, fetch, validate, service, api, as_value_error, flaky, with_retries
# pyjit-compiled: wrap_errors, exception_objects, <module>


class AppError(Exception):
    code = 1

    def __init__(self, message, *, detail=None):
        super().__init__(message)
        self.detail = detail

    def __str__(self):
        base = super().__str__()
        return base if self.detail is None else "%s [%s]" % (base, self.detail)


class NotFound(AppError):
    code = 404

    def __init__(self, key):
        super().__init__("not found: %r" % (key,), detail="lookup")
        self.key = key


class Invalid(AppError, ValueError):
    code = 422


class Retry(Exception):
    def __init__(self, attempt):
        self.attempt = attempt

    def __repr__(self):
        return "Retry(%d)" % self.attempt


class Silent(Exception):
    pass


DB = {"a": 1, "b": "two", "c": None}


def fetch(key):
    if key not in DB:
        raise NotFound(key)
    return DB[key]

def validate(key):
    value = fetch(key)
    if not isinstance(value, int):
        raise Invalid("bad type for " + key, detail=type(value).__name__)
    return value

def service(key):
    return validate(key) * 10

def api(key):
    try:
        return "200 %d" % service(key)
    except NotFound as e:
        return "%d %s key=%r" % (e.code, e, e.key)
    except AppError as e:
        return "%d %s is-ValueError=%s" % (e.code, e, isinstance(e, ValueError))

def as_value_error(key):
    try:
        service(key)
        return "ok"
    except ValueError as e:
        return "ValueError branch: " + type(e).__name__
    except (NotFound, Silent) as e:
        return "tuple branch: " + type(e).__name__

flaky_state = {"calls": 0}

def flaky(limit):
    flaky_state["calls"] += 1
    if flaky_state["calls"] < limit:
        raise Retry(flaky_state["calls"])
    return "succeeded after %d" % flaky_state["calls"]

def with_retries(limit, max_attempts):
    flaky_state["calls"] = 0
    errors = []
    for _ in range(max_attempts):
        try:
            return flaky(limit), errors
        except Retry as r:
            errors.append(repr(r))
    return "gave up", errors

def wrap_errors(keys):
    results = []
    for k in keys:
        try:
            try:
                results.append(service(k))
            except AppError as e:
                raise Silent("wrapped %s" % k) from e
        except Silent as s:
            results.append("%s <- %s" % (s, type(s.__cause__).__name__))
    return results

def exception_objects():
    e = NotFound("zz")
    return (e.args, str(e), repr(e), e.code, e.detail, NotFound.__mro__[1].__name__,
            issubclass(Invalid, ValueError), Invalid.__mro__[-3].__name__)

for k in ("a", "b", "c", "d"):
    print(api(k), "|", as_value_error(k))
print(with_retries(3, 5))
print(with_retries(10, 3))
print(wrap_errors(["a", "b", "x"]))
print(exception_objects())
