"""`make demo`: runs scripts/demo_app.py under stock python3.11 and under pyjit and prints
both times, the speed-up and pyjit.stats()."""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(python, build, jit):
    env = dict(os.environ)
    cmd = [python, os.path.join(HERE, "demo_app.py")]
    if jit:
        env["PYTHONPATH"] = os.path.join(os.path.abspath(build), "python")
        cmd.append("--jit")
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit("demo failed (%s):\n%s%s" % ("pyjit" if jit else "stock", out.stdout, out.stderr))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default="build")
    p.add_argument("--python", default=sys.executable)
    args = p.parse_args()
    stock = run(args.python, args.build, False)
    jit = run(args.python, args.build, True)
    if stock["result"] != jit["result"]:
        sys.exit("results differ: stock %r, pyjit %r" % (stock["result"], jit["result"]))
    print("demo: primes below 300000, pi by integration, a 600x400 Mandelbrot")
    print("  result          %r" % (tuple(stock["result"]),))
    print("  stock python    %.3f s" % stock["seconds"])
    print("  pyjit           %.3f s  (including %.3f s of compilation)"
          % (jit["seconds"], jit["stats"]["compile_time_s"]))
    print("  speed-up        %.2fx" % (stock["seconds"] / jit["seconds"]))
    print("pyjit.stats():")
    for k, v in sorted(jit["stats"].items()):
        print("  %-17s %r" % (k, v))


if __name__ == "__main__":
    main()
