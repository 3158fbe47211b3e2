"""docs/opcodes.md lists every CPython 3.11 opcode with its status, consistent with the
opcode table the builder uses (src/ir/opcodes.def)."""
import dis
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def doc_rows():
    rows = {}
    for line in (REPO / "docs" / "opcodes.md").read_text().splitlines():
        m = re.match(r"\| `(\w+)` \| ([^|]+) \|", line)
        if m:
            rows[m.group(1)] = m.group(2).strip()
    return rows


def table_support():
    text = (REPO / "src" / "ir" / "opcodes.def").read_text()
    return dict(re.findall(r"^PJ_OP\((\w+),.*?, ([YN])\)", text, re.S | re.M))


def test_every_opcode_is_documented():
    rows = doc_rows()
    assert set(rows) == set(dis.opmap), sorted(set(rows) ^ set(dis.opmap))


def test_documented_status_matches_the_builder():
    rows, sup = doc_rows(), table_support()
    assert set(sup) == set(dis.opmap)
    for name, status in rows.items():
        if sup[name] == "Y" and name != "ASYNC_GEN_WRAP":  # (its helper always deopts)
            assert status in ("native", "helper", "native + helper", "decoded"), (name, status)
        else:
            assert status in ("interpreter, by design", "not an instruction"), (name, status)
    # the deliberate fallbacks, and nothing else
    assert sorted(n for n, s in rows.items() if s.startswith("interpreter")) == [
        "ASYNC_GEN_WRAP", "CHECK_EG_MATCH", "PREP_RERAISE_STAR", "RETURN_GENERATOR"]
