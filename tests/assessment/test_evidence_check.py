"""Each result's evidence checks describe that result's own references, however many results
share a check of the same value (evidence_check keeps one frozen check per value)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sms20k.assessment.model import ItemResult, Report
from sms20k.assessment.run import assess

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

