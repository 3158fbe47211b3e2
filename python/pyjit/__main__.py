"""The pyjit command line: ``python3.11 -m pyjit run [options] app.py [args]``, and
profiles: ``pyjit profile -o app.pjprof app.py``, ``pyjit run --profile app.pjprof app.py``,
``pyjit report app.pjprof``."""
import argparse
import os
import runpy
import sys


def _run(argv, record=False):
    p = argparse.ArgumentParser(
        prog="pyjit profile" if record else "pyjit run",
        description="Run a Python program (or -m module) with the JIT enabled%s."
        % (", and write a profile of what it compiled at exit" if record else ""),
    )
    if record:
        p.add_argument("-o", dest="output", required=True, metavar="FILE",
                       help="the profile to write (pyjit run --profile FILE reads it)")
    else:
        p.add_argument("--profile", default=None, metavar="FILE",
                       help="a profile written by 'pyjit profile': its functions compile "
                            "at their first call")
    p.add_argument("--threshold", type=int, default=None,
                   help="calls before a function is compiled (0: at the first call)")
    p.add_argument("--stats", action="store_true", help="print JIT statistics at exit")
    p.add_argument("-m", dest="module", default=None, help="run a library module as a script")
    p.add_argument("target", nargs="?", help="the program to run")
    p.add_argument("args", nargs=argparse.REMAINDER, help="its arguments")
    ns = p.parse_args(argv)
    if ns.module is None and ns.target is None:
        p.error("a program or -m module is required")
    if ns.stats:
        os.environ["PYJIT_STATS"] = "1"
    import pyjit

    if ns.stats:
        import atexit

        atexit.register(pyjit._pyjit.print_stats)
    pyjit.enable(threshold=ns.threshold)
    program = ns.target if ns.module is None else None
    if record:
        _record_at_exit(pyjit, ns.output, program)
    elif ns.profile is not None:
        pyjit.load_profile(ns.profile, program=program)
    if ns.module is not None:
        rest = ([ns.target] if ns.target is not None else []) + ns.args
        sys.argv = [ns.module] + rest
        runpy.run_module(ns.module, run_name="__main__", alter_sys=True)
        return 0
    sys.argv = [ns.target] + ns.args
    sys.path[0] = os.path.dirname(os.path.abspath(ns.target))
    _run_path_like_python(ns.target)
    return 0


def _record_at_exit(pyjit, output, program):
    """Samples where the time goes while the program runs and writes the profile at exit
    (also when it raises or calls sys.exit)."""
    import atexit
    from pyjit import profile

    sampler = profile.Sampler()
    sampler.start()

    def save():
        sampler.stop()
        pyjit.wait_compiled()  # (what is queued was hot too: it belongs in the profile)
        try:
            pyjit.save_profile(output, program=program, _samples=sampler.counts)
        except OSError as e:
            sys.stderr.write("pyjit: cannot write the profile %s: %s\n" % (output, e))
        else:
            sys.stderr.write("pyjit: profile written to %s\n" % output)

    atexit.register(save)


def _report(argv):
    p = argparse.ArgumentParser(prog="pyjit report",
                                description="Summarise a profile written by 'pyjit profile'.")
    p.add_argument("profile", metavar="FILE")
    p.add_argument("--json", action="store_true",
                   help="print the checked profile as JSON (for tools)")
    p.add_argument("--top", type=int, default=20, help="functions listed (default 20)")
    ns = p.parse_args(argv)
    import pyjit
    from pyjit import profile

    try:
        data = profile.read(ns.profile, pyjit.__version__, any_version=True)
    except profile.ProfileError as e:
        sys.stderr.write("pyjit report: %s: %s\n" % (ns.profile, e))
        return 1
    if ns.json:
        import json

        print(json.dumps(data, sort_keys=True, indent=1))
    else:
        profile.report(data, top=ns.top)
    return 0


def _run_path_like_python(path):
    """Runs a script as ``python3.11 path`` would: as __main__, and if it raises, with a
    traceback that shows the program's frames only (not this launcher's)."""
    path = os.path.abspath(path)  # as python3.11 makes the script path absolute
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, path, "exec")
    import types

    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    main.__cached__ = None
    sys.modules["__main__"] = main
    try:
        exec(code, main.__dict__)
    except SystemExit:
        raise
    except BaseException as e:
        tb = e.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
            tb = tb.tb_next
        e.__traceback__ = tb
        sys.excepthook(type(e), e, tb)
        if isinstance(e, KeyboardInterrupt):
            # As CPython's main: die of SIGINT so the parent sees the interrupt.
            import signal

            sys.stdout.flush()
            sys.stderr.flush()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        sys.exit(1)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: pyjit run [--profile FILE] [--threshold N] [--stats] "
              "(app.py | -m module) [args ...]\n"
              "       pyjit profile -o FILE [--threshold N] [--stats] "
              "(app.py | -m module) [args ...]\n"
              "       pyjit report [--json] [--top N] FILE")
        return 0 if argv else 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "run":
        return _run(rest)
    if cmd == "profile":
        return _run(rest, record=True)
    if cmd == "report":
        return _report(rest)
    print("pyjit: unknown command %r (try 'pyjit run app.py')" % cmd, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
