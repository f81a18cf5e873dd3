"""Each result's evidence checks describe that result's own references, however many results
share a check of the same value (evidence_check keeps one frozen check per value), and only
the problems of a reference make its kind unusable or stale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sms20k import codes
from sms20k.assessment.evidence_check import check_evidence
from sms20k.assessment.model import ItemResult, Report
from sms20k.assessment.run import assess
from sms20k.checklists.models import Item
from sms20k.codes import Code
from sms20k.evidence.models import Reference
from sms20k.findings import Finding

from ..conftest import generate_repo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


@pytest.fixture(scope="module", params=["example", "generated"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Report:
    if request.param == "example":
        return assess(EXAMPLE).report
    repo = tmp_path_factory.mktemp("gen")
    generate_repo(600, repo)
    return assess(repo, as_of=dt.date(2026, 11, 15)).report


def _latest(result: ItemResult, indexes: list[int]) -> str | None:
    refs = [result.evidence[n] for n in indexes]
    dates = [d for ref in refs if (d := ref.reviewed or ref.approved)]
    return max(dates) if dates else None


def test_each_check_names_the_results_own_references(report: Report) -> None:
    checked = 0
    for result in report.results:
        for check in result.evidence_checks:
            mine = [n for n, ref in enumerate(result.evidence) if ref.kind == check.kind]
            assert check.references == mine, (result.label, check)
            assert (check.state == "missing") == (not mine), (result.label, check)
            if check.state == "provided" and not result.problems:
                assert check.dated == _latest(result, mine), (result.label, check)
            checked += 1
    assert checked > 100



def _item(*kinds: str) -> Item:
    return Item.model_validate({
        "id": "X01.01", "title": "T", "guidance": "G.", "clauses_2011": ["6.1"],
        "criticality": "high", "questions": ["Q?"], "tags": ["t"],
        "evidence": [{"kind": k, "description": f"The {k}.", "cadence": "P1Y"} for k in kinds]})


def _problem(code: Code, evidence: int | None, detail: str | None = None) -> Finding:
    return Finding(path="sms20k.yaml", level=code.level, code=code.code, message="m",
                   evidence=evidence, detail=detail)


PROCEDURE_AND_RECORD = [Reference(path="docs/a.md", description="A.", kind="procedure"),
                        Reference(path="docs/b.md", description="B.", kind="record")]


def test_a_problem_of_the_entry_itself_does_not_hide_those_of_its_references() -> None:
    # _flags (mutation run of 2026-12-04): a problem with no reference index is skipped,
    # and the reference problems after it still count.
    problems = [_problem(codes.NO_EVIDENCE, None), _problem(codes.REF_MISSING, 0),
                _problem(codes.EVIDENCE_STALE, 1, detail="2026-01-01")]
    checks = check_evidence(_item("procedure", "record"), PROCEDURE_AND_RECORD, problems)
    assert [(c.kind, c.state, c.stale_since) for c in checks] == [
        ("procedure", "unusable", None), ("record", "stale", "2026-01-01")]


def test_only_a_stale_finding_makes_a_reference_stale() -> None:
    # _flags: another finding that carries a detail is not a stale date.
    problems = [_problem(codes.HASH_MISMATCH, 1, detail="abc")]
    checks = check_evidence(_item("procedure", "record"), PROCEDURE_AND_RECORD, problems)
    assert [(c.kind, c.state) for c in checks] == [("procedure", "provided"),
                                                   ("record", "provided")]
