# pyjit-corpus: SystemExit raised via sys.exit from deep inside compiled frames (status 3), stderr writes from compiled code, atexit handler still runs, finally blocks of compiled callers run
# pyjit-compiled: warn, check_value, validate_all, main, at_exit, guarded
# pyjit-exit: 3

import atexit
from sys import exit as sys_exit, stderr as _stderr

err = _stderr  # not import-bound, so err.write() compiles to LOAD_METHOD

def warn(msg):
    err.write("warning: " + msg + "\n")

def check_value(v):
    if v < 0:
        warn("negative value " + str(v))
        sys_exit(3)
    return v * 2

def validate_all(values):
    total = 0
    for v in values:
        total += check_value(v)
        print("validated", v, total)
    return total

def guarded(values):
    try:
        return validate_all(values)
    finally:
        print("guarded finally ran")

def main():
    print("ok run", guarded((1, 2, 3)))
    warn("about to fail")
    return guarded((4, 5, -6, 7))

def at_exit():
    print("atexit handler ran")

atexit.register(at_exit)
try:
    validate_all([1, -1])
except SystemExit as e:
    print("caught SystemExit", e.code)
main()
print("not reached")
