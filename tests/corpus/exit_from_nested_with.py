# pyjit-corpus: sys.exit(4) raised inside nested with blocks and a try/finally of compiled functions called from a compiled module loop: every __exit__ and finally runs in order, SystemExit passes through `except Exception`, atexit handlers (compiled) run, exit status 4
# pyjit-compiled: Guard.__init__, Guard.__enter__, Guard.__exit__, goodbye, worker, <module>
# pyjit-exit: 4
import atexit
import sys


class Guard:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc.code if exc_type is SystemExit else "")
        return False


def goodbye(tag):
    print("atexit", tag)


def worker(i):
    with Guard("outer%d" % i):
        with Guard("inner%d" % i):
            try:
                if i == 2:
                    sys.exit(4)
                return i * 10
            except Exception as e:
                print("not reached for SystemExit", type(e).__name__)
            finally:
                print("finally", i)


atexit.register(goodbye, "registered first")
for i in range(5):
    print("result", worker(i))
