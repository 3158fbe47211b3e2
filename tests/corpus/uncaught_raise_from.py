# pyjit-corpus: uncaught exception with an explicit cause (raise ... from ...) and a nested implicit context, both raised in compiled functions several frames deep; the chained traceback ("direct cause", "During handling") and every line number must match
# pyjit-compiled: parse_value, parse_line, load
# pyjit-exit: 1


class ConfigError(Exception):
    pass


def parse_value(text):
    return int(text)


def parse_line(line):
    key, _, value = line.partition("=")
    try:
        return key.strip(), parse_value(value.strip())
    except ValueError as e:
        raise ConfigError("bad line %r" % line) from e


def load(lines):
    config = {}
    for number, line in enumerate(lines, 1):
        try:
            key, value = parse_line(line)
        except ConfigError:
            config["errors"] = config["errors"] + 1
            continue
        config[key] = value
    return config


print(load(["a = 1", "b = 2"]))
print(load(["a = 1", "b = two", "c = 3"]))
