# pyjit-corpus: module-level code (compiled because it has a loop) with `from m import *` (IMPORT_STAR: __all__, or public names of __dict__, errors for non-str names) and interactive-mode expression statements (PRINT_EXPR through sys.displayhook, in exec'd "single" code with a loop)
# pyjit-compiled: <module>, show, run_interactive
import sys
import types

plain = types.ModuleType("plain_mod")
plain.alpha = 1
plain.beta = [2]
plain._hidden = 3
sys.modules["plain_mod"] = plain

listed = types.ModuleType("listed_mod")
listed.__all__ = ["gamma", "_private_but_listed"]
listed.gamma = "g"
listed._private_but_listed = "p"
listed.delta = "not exported"
sys.modules["listed_mod"] = listed

bad = types.ModuleType("bad_mod")
bad.__all__ = ["ok", 5]
bad.ok = 1
sys.modules["bad_mod"] = bad

missing = types.ModuleType("missing_mod")
missing.__all__ = ["nope"]
sys.modules["missing_mod"] = missing

from plain_mod import *
from listed_mod import *

for name in ("alpha", "beta", "_hidden", "gamma", "_private_but_listed", "delta"):
    print(name, name in globals())

try:
    from bad_mod import *
except TypeError as e:
    print("TypeError:", e)
print("ok after bad:", globals().get("ok"))
try:
    from missing_mod import *
except AttributeError as e:
    print("AttributeError:", e)


def show(value):
    print("displayhook got", repr(value))


def run_interactive():
    src = "for i in range(3):\n    i * 10\n    None\n    'text %d' % i\n"
    old = sys.displayhook
    sys.displayhook = show
    try:
        exec(compile(src, "<interactive>", "single"), {})
    finally:
        sys.displayhook = old
    del sys.displayhook
    try:
        exec(compile("for i in range(1):\n    i\n", "<interactive>", "single"), {})
    except RuntimeError as e:
        print("RuntimeError:", e)
    sys.displayhook = old


run_interactive()
