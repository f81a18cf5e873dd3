"""The bundled example: what the README's first command runs must keep working."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nimbus-cloud"


def test_example_validates_clean_with_the_three_intended_warnings(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", EXAMPLE, "-f", "json", "--as-of", "2026-11-29"]).stdout)
    assert data["errors"] == 0
    # A stale record and an expired waiver (audit-relevant), and a lock file that does not
    # pin one record (a repository problem).
    assert sorted((f["code"], f["item"]) for f in data["findings"]) == [
        ("EVIDENCE_STALE", "S12.03"), ("LOCK_UNLISTED", "S06.07"), ("WAIVER_EXPIRED", "S09.04")]


def test_example_covers_every_item_and_the_whole_status_range(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", EXAMPLE, "-f", "json"]).stdout)
    # S15 is left out of the engagement with explicit `not-assessed` entries, not by omission.
    assert not any(f["code"] == "MISSING_ENTRY" for f in data["findings"])
    assert data["entries"] >= 190


def test_readme_first_command_assesses_the_example(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["assess", EXAMPLE, "-o", tmp_path, "-f", "html", "-f", "json", "-q"])  # exit 0
    report = json.loads((tmp_path / "report.json").read_text())
    results = {r["result"] for r in report["results"]}
    assert {"conformant", "partially-conformant", "nonconformant", "not-applicable",
            "not-assessed"} <= results
    assert "waived" not in results  # format 2: a waived result keeps its verdict
    summary = report["summary"]
    assert summary["waived"] >= 1
    assert summary["findings"]["major"] >= 1
    assert summary["coverage"]["not_assessed_scenarios"] == ["S15"]
    assert (summary["repository_errors"], summary["repository_warnings"]) == (0, 1)
    assert "S08.03" in report["scope"]["per_service"]  # an item assessed per service
    # An implemented item without its required register is partially conformant.
    s0511 = next(r for r in report["results"] if r["item"] == "S05.11")
    assert s0511["result"] == "partially-conformant"
    assert ("register", "missing") in [(c["kind"], c["state"]) for c in s0511["evidence_checks"]]
    assert (tmp_path / "report.html").stat().st_size > 100_000
