"""scripts/compat.py's comparison, on made-up regrtest outputs (--report DIR).

The real runs take minutes (`make compat`); this checks the verdicts they rely on: a case
that passes on stock and fails under pyjit fails the run, a BY_DESIGN case does not (also
when regrtest wrote it without its name, as it does for a failed subtest), a case missing
under pyjit fails the run, and the compiled share comes from the stats files."""
import json
import pathlib
import subprocess
import sys

COMPAT = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "compat.py"

DIS = "test.test_dis.DisTests."


def junit(cases):
    body = []
    for name, kind in cases:
        if kind == "nameless":
            body.append("<testcase />")
        elif kind == "pass":
            body.append('<testcase name="%s" status="run" result="completed" />' % name)
        else:
            body.append('<testcase name="%s" status="run"><%s message="x" /></testcase>'
                        % (name, kind))
    return "<testsuites><testsuite>%s</testsuite></testsuites>" % "".join(body)


def write_run(d, label, cases, failed_modules):
    (d / (label + ".xml")).write_text(junit(cases))
    log = ["0:00:01 [1/2] test_a passed"]
    if failed_modules:
        log.append("%d test%s failed:" % (len(failed_modules), "s" if len(failed_modules) > 1 else ""))
        log.append("    " + " ".join(failed_modules))
    log.append("Total duration: 1 min 5 sec")
    (d / (label + ".log")).write_text("\n".join(log) + "\n")


def report(tmp_path, jit_cases, jit_failed_modules=()):
    stock = [("test.test_a.T.test_one", "pass"), (DIS + "test_loop_quicken", "pass"),
             (DIS + "test_show_caches", "pass")]
    write_run(tmp_path, "stock", stock, [])
    write_run(tmp_path, "jit", jit_cases, list(jit_failed_modules))
    stats = tmp_path / "stats"
    stats.mkdir()
    (stats / "stats-1.json").write_text(json.dumps(
        {"compiled": 99, "recompiles": 0, "codes_seen": 100, "failed": 0}))
    return subprocess.run([sys.executable, str(COMPAT), "--report", str(tmp_path)],
                          capture_output=True, text=True)


def test_same_results_pass(tmp_path):
    r = report(tmp_path, [("test.test_a.T.test_one", "pass"), (DIS + "test_loop_quicken", "pass"),
                          (DIS + "test_show_caches", "pass")])
    assert r.returncode == 0, r.stdout
    assert "OK: nothing fails under pyjit" in r.stdout
    assert "100 functions ran, 99 compiled (99.00%)" in r.stdout
    assert "| stock | 65 | 3 | 3 | 0 | 0 | 0 | 0 |" in r.stdout


def test_jit_only_failure_fails(tmp_path):
    r = report(tmp_path, [("test.test_a.T.test_one", "failure"), (DIS + "test_loop_quicken", "pass"),
                          (DIS + "test_show_caches", "pass")], ["test_a"])
    assert r.returncode == 1
    assert "case   test.test_a.T.test_one" in r.stdout
    assert "module test_a (failed)" in r.stdout


def test_missing_case_fails(tmp_path):
    r = report(tmp_path, [(DIS + "test_loop_quicken", "pass"), (DIS + "test_show_caches", "pass")])
    assert r.returncode == 1
    assert "missing test.test_a.T.test_one" in r.stdout


def test_by_design_cases_are_reported_not_failed(tmp_path):
    r = report(tmp_path, [("test.test_a.T.test_one", "pass"), (DIS + "test_loop_quicken", "failure"),
                          ("", "nameless")], ["test_dis"])
    assert r.returncode == 0, r.stdout
    assert "by design: 2 cases" in r.stdout
    assert DIS + "test_loop_quicken: reads the bytecode" in r.stdout
    assert DIS + "test_show_caches: reads the bytecode" in r.stdout
