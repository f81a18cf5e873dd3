"""ReportContext.weakest_clauses: the clauses the executive summaries name, computed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.formats.context import WEAKEST, ReportContext
from sms20k.formats.interface import RenderOptions

from .conftest import load_small

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


@pytest.fixture(scope="module")
def example() -> Report:
    return assess(EXAMPLE).report


def _candidates(report: Report) -> list[tuple[float, int]]:
    return sorted((c.score, i) for i, c in enumerate(report.clauses_2018)
                  if c.leaf and c.score is not None and c.score < 100
                  and c.counts.results.get("not-assessed", 0) < c.items)


def test_the_weakest_leaf_clauses_of_2018_lowest_first(example: Report) -> None:
    weakest = ReportContext(example, RenderOptions()).weakest_clauses
    expected = [example.clauses_2018[i] for _, i in _candidates(example)[:WEAKEST]]
    assert weakest == expected and len(weakest) == WEAKEST
    assert all(c.leaf and c.score is not None for c in weakest)
    scores = [c.score for c in weakest]
    assert scores == sorted(scores)
    others = [c.score for c in example.clauses_2018 if c.leaf and c.score is not None
              and c not in weakest and c.counts.results.get("not-assessed", 0) < c.items]
    assert min(others) >= scores[-1]


def test_the_edition_shown_does_not_change_them(example: Report) -> None:
    shown_2011 = ReportContext(example, RenderOptions(edition="2011")).weakest_clauses
    assert shown_2011 == ReportContext(example, RenderOptions()).weakest_clauses


def test_a_clause_nobody_assessed_or_at_100_is_never_weak() -> None:
    report, _ = load_small()
    weakest = ReportContext(report, RenderOptions()).weakest_clauses
    assert [c.id for c in weakest] == [report.clauses_2018[i].id
                                       for _, i in _candidates(report)[:WEAKEST]]
    for clause in weakest:
        assert clause.score is not None and clause.score < 100
        assert clause.counts.results.get("not-assessed", 0) < clause.items
