"""The bundled example: what the README's first command runs must keep working."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nimbus-cloud"


def test_example_validates_clean_with_the_two_intended_warnings(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", EXAMPLE, "-f", "json", "--as-of", "2026-11-29"]).stdout)
    assert data["errors"] == 0
    assert sorted(f["code"] for f in data["findings"]) == ["EVIDENCE_STALE", "WAIVER_EXPIRED"]


def test_example_covers_every_item_and_the_whole_status_range(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", EXAMPLE, "-f", "json"]).stdout)
    assert not any(f["code"] == "MISSING_ENTRY" for f in data["findings"])
    assert data["entries"] >= 190


def test_readme_first_command_assesses_the_example(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["assess", EXAMPLE, "-o", tmp_path, "-f", "html", "-f", "json", "-q"])
    report = json.loads((tmp_path / "report.json").read_text())
    results = {r["result"] for r in report["results"]}
    assert {"conformant", "partially-conformant", "nonconformant", "not-applicable",
            "waived"} <= results
    assert report["summary"]["counts"]["classes"]["major"] >= 1
    assert (tmp_path / "report.html").stat().st_size > 100_000
