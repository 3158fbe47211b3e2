"""pytest plumbing for the pyjit differential corpus (tests/diff/test_corpus.py).

Every corpus test appends one record to a session-wide list (the
``corpus_results`` fixture); ``pytest_terminal_summary`` prints the totals:
programs run, functions declared compiled vs actually compiled, the compiled
share (executed eligible functions of the corpus programs that the JIT
compiled; test_corpus.test_compiled_share fails below 95%) with the functions
that missed, and the JIT's own counters.
"""

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

_RESULTS = pytest.StashKey[list]()
_SKIP_REASON = pytest.StashKey[str]()
_SELECTED = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[_RESULTS] = []
    config.stash[_SELECTED] = []


def pytest_collection_modifyitems(session, config, items):
    """Remember which corpus programs were selected, so that their runs can start
    in the background (test_corpus.Prefetcher) in the order the tests will ask."""
    selected = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if getattr(item, "originalname", None) == "test_program" and callspec is not None:
            selected.append(callspec.params["prog"])
    config.stash[_SELECTED] = selected


@pytest.fixture(scope="session")
def selected_programs(request):
    return list(request.config.stash.get(_SELECTED, []))


@pytest.fixture(scope="session")
def corpus_results(request):
    """List the corpus tests append their per-program record (a dict) to."""
    return request.config.stash[_RESULTS]


@pytest.fixture(scope="session")
def note_skip(request):
    def note(reason):
        request.config.stash[_SKIP_REASON] = reason
    return note


def _pct(num, den):
    return f"{100.0 * num / den:.1f}%" if den else "n/a"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    results = config.stash.get(_RESULTS, [])
    skip_reason = config.stash.get(_SKIP_REASON, None)
    if not results and not skip_reason:
        return
    tr = terminalreporter
    tr.write_sep("=", "pyjit differential corpus summary")
    if not results:
        tr.write_line(f"no corpus program was run: {skip_reason}")
        return

    n = len(results)
    passed = sum(1 for r in results if r["ok"])
    declared = sum(r["declared_compiled"] for r in results)
    found = sum(r["found_compiled"] for r in results)
    declared_not = sum(r["declared_not_compiled"] for r in results)
    wrongly = sum(r["wrongly_compiled"] for r in results)
    jit_compiled = sum(r["stats_compiled"] for r in results)
    jit_failed = sum(r["stats_failed"] for r in results)
    fallbacks = Counter()
    for r in results:
        fallbacks.update(r["stats_fallbacks"])
    n_fallback = sum(fallbacks.values())
    deopts = sum(r["stats_deopts"] for r in results)
    compile_time = sum(r["stats_compile_time_s"] for r in results)
    code_bytes = sum(r["stats_code_bytes"] for r in results)
    no_stats = [r["program"] for r in results if not r["have_stats"]]

    tr.write_line(f"programs run:                    {n} ({passed} identical and as declared, "
                  f"{n - passed} failed)")
    tr.write_line(f"declared-compiled functions:     {declared}; actually compiled: {found} "
                  f"({_pct(found, declared)})")
    tr.write_line(f"declared-not-compiled functions: {declared_not}; wrongly compiled: {wrongly}")
    deopt_reasons = Counter()
    for r in results:
        deopt_reasons.update(r["stats_deopt_reasons"])
    tr.write_line(f"JIT stats over all programs:     compiled={jit_compiled} failed={jit_failed} "
                  f"fallbacks={n_fallback} deopts={deopts} "
                  f"compile_time={compile_time:.3f}s code_bytes={code_bytes}")
    # pyjit counts every fallback as a failed compilation too (failed ==
    # sum(fallbacks)); max() keeps the share right if that ever changes.
    not_compiled = max(jit_failed, n_fallback)
    tr.write_line(f"all code objects compiled:       "
                  f"{_pct(jit_compiled, jit_compiled + not_compiled)} of the "
                  f"{jit_compiled + not_compiled} code objects the JIT was asked to compile "
                  f"(stdlib code, generators, module/class bodies included)")
    known = [r for r in results if r.get("eligible") is not None]
    eligible = sum(r["eligible"] for r in known)
    eligible_compiled = sum(r["eligible_compiled"] for r in known)
    tr.write_line(f"COMPILED SHARE:                  {_pct(eligible_compiled, eligible)} "
                  f"({eligible_compiled} of {eligible} executed eligible functions of "
                  f"{len(known)} programs; the test fails below 95%)")
    missed = [r for r in known if r["eligible_missed"]]
    if missed:
        tr.write_line("eligible functions not compiled:")
        for r in sorted(missed, key=lambda r: r["program"]):
            names = r["eligible_missed"]
            shown = ", ".join(names[:12]) + (f", ... ({len(names) - 12} more)"
                                             if len(names) > 12 else "")
            tr.write_line(f"  {r['program']} ({r['eligible_compiled']}/{r['eligible']}): {shown}")
    if fallbacks:
        top = ", ".join(f"{reason}: {cnt}" for reason, cnt in fallbacks.most_common(12))
        tr.write_line(f"fallback reasons:                {top}")
    if deopt_reasons:
        top = ", ".join(f"{reason}: {cnt}" for reason, cnt in deopt_reasons.most_common(8))
        tr.write_line(f"deopt reasons:                   {top}")
    if no_stats:
        tr.write_line(f"no stats file written by:        {', '.join(no_stats)}")
    slow = sorted(results, key=lambda r: -r.get("jit_seconds", 0))[:5]
    tr.write_line("slowest JIT runs:                " + ", ".join(
        f"{r['program']} {r.get('jit_seconds', 0):.1f}s" for r in slow))
    failed = [r for r in results if not r["ok"]]
    for r in failed:
        tr.write_line(f"  FAILED {r['program']}: {'; '.join(r['problems'])}")
