"""A finding a consultant hands over quotes the assessor's notes and carries the checklist's
recommendation for the state the item was found in (issue 16, part 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import Repo, find, ref

RECOMMEND = {"partial": "Extend it to every region.", "planned": "Run the first cycle.",
             "not-implemented": "Appoint an owner and write the procedure."}
Z04 = {"Z04": {
    "id": "Z04", "title": "Advice", "summary": "Items with recommendations.",
    "outcomes": ["Findings say what to do."],
    "applicability": {"service_categories": ["SaaS", "IaaS"],
                      "deployment_models": ["public", "private"]},
    "items": [{
        "id": f"Z04.0{n}", "title": f"Advised item {n}", "guidance": "Do it. It matters.",
        "clauses_2011": ["6.1"], "clauses_2018": ["8.3.3"], "criticality": "high",
        "tags": ["t"], "questions": ["Q?", "R?"],
        **({"recommendations": RECOMMEND} if n == 1 else {}),
        "evidence": [{"kind": "procedure", "description": "A procedure.", "cadence": "P1Y"}]}
        for n in (1, 2)],
}}


def _repo(tmp_path: Path, status: str, **entry: Any) -> Repo:
    return Repo(tmp_path / "repo", checklists=Z04, per_service=[], entries=[
        {"item": "Z04.01", "status": status, "owner": "O", **entry},
        {"item": "Z04.02", "status": "not-implemented", "owner": "O"}])


@pytest.mark.parametrize("status", ["partial", "planned", "not-implemented"])
def test_a_finding_carries_the_recommendation_for_its_status(tmp_path: Path,
                                                              status: str) -> None:
    report = _repo(tmp_path, status).report()
    assert find(report, "Z04.01")["recommendation"] == RECOMMEND[status]
    assert find(report, "Z04.02")["recommendation"] is None  # the item has none
    (finding,) = [f for f in report["findings"] if f["id"] == "F-8.3.3"]
    assert finding["recommendations"] == [RECOMMEND[status]]


def test_a_conformant_item_gets_no_recommendation(tmp_path: Path) -> None:
    report = _repo(tmp_path, "implemented", evidence=[ref(kind="procedure")]).report()
    assert find(report, "Z04.01")["result"] == "conformant"
    assert find(report, "Z04.01")["recommendation"] is None


def test_the_statement_quotes_the_assessors_notes(tmp_path: Path) -> None:
    report = _repo(tmp_path, "partial", notes="Only uk-north is covered.").report()
    (finding,) = [f for f in report["findings"] if f["id"] == "F-8.3.3"]
    assert "Assessor's notes: Z04.01: Only uk-north is covered. Items: " in finding["statement"]
    report = _repo(tmp_path, "partial").report()
    (finding,) = [f for f in report["findings"] if f["id"] == "F-8.3.3"]
    assert "Assessor's notes" not in finding["statement"]
