"""Scores, counts and the gap list of one worked example, every number computed by hand.

Weights: high 3, medium 2, low 1; a per-service item spreads its weight over its services.

    X01.01 high    conformant            1.0 x 3
    X01.02 medium  partial               0.5 x 2    minor
    X01.03 low     not implemented       0.0 x 1    minor
    X02.01 medium  app conformant        1.0 x 1
                   infra no entry        0.0 x 1    observation
    X02.02 high    app partial           0.5 x 1.5  minor
                   infra not implemented 0.0 x 1.5  major
    X03.01 medium  waived                -
    X03.02 low     not applicable        -
    X03.03 medium  no entry              0.0 x 2    observation
    X04.01 medium  no entry              0.0 x 2    observation

X01 = 100 x 4/6 = 66.7; X02 = 100 x 1.75/5 = 35.0; X03 = 0.0 (X03.03 only); X04 = 0.0;
overall = 100 x 5.75/15 = 38.3.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import Repo, find, ref, waiver

FRESH = dt.date(2026, 10, 1)


def _clean(item: str, **fields: Any) -> dict[str, Any]:
    return {"item": item, "status": "implemented", "owner": "O",
            "evidence": [ref(reviewed=FRESH)], **fields}


ENTRIES = [
    _clean("X01.01"),
    {"item": "X01.02", "status": "partial", "owner": "O"},
    {"item": "X01.03", "status": "not-implemented"},
    _clean("X02.01", service="app"),
    {"item": "X02.02", "service": "app", "status": "partial"},
    {"item": "X02.02", "service": "infra", "status": "not-implemented"},
    {"item": "X03.02", "status": "not-applicable", "justification": "No surveys."},
]


@pytest.fixture
def make(tmp_path: Path) -> Any:
    def build(**fields: Any) -> Repo:
        fields.setdefault("entries", ENTRIES)
        fields.setdefault("waivers", [waiver("X03.01", dt.date(2027, 1, 1))])
        return Repo(tmp_path / "repo", **fields)
    return build


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    repo = Repo(tmp_path_factory.mktemp("scores") / "repo", entries=ENTRIES,
                waivers=[waiver("X03.01", dt.date(2027, 1, 1))])
    return repo.report()


def _scenarios(report: dict[str, Any]) -> dict[str, float | None]:
    return {s["id"]: s["score"] for s in report["scenarios"]}


def test_item_scores_and_weights(report: dict[str, Any]) -> None:
    got = [(r["item"], r["service"], r["score"], r["weight"]) for r in report["results"]]
    assert got == [
        ("X01.01", None, 1.0, 3.0), ("X01.02", None, 0.5, 2.0), ("X01.03", None, 0.0, 1.0),
        ("X02.01", "app", 1.0, 1.0), ("X02.01", "infra", 0.0, 1.0),
        ("X02.02", "app", 0.5, 1.5), ("X02.02", "infra", 0.0, 1.5),
        ("X03.01", None, None, 2.0), ("X03.02", None, None, 1.0), ("X03.03", None, 0.0, 2.0),
        ("X04.01", None, 0.0, 2.0),
    ]


def test_scenario_and_overall_scores(report: dict[str, Any]) -> None:
    assert _scenarios(report) == {"X01": 66.7, "X02": 35.0, "X03": 0.0, "X04": 0.0}
    assert report["summary"]["score"] == 38.3


def test_counts(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert summary["counts"]["results"] == {
        "conformant": 2, "partially-conformant": 2, "nonconformant": 2, "not-applicable": 1,
        "waived": 1, "not-assessed": 3}
    assert summary["counts"]["classes"] == {"major": 1, "minor": 3, "observation": 3, "ofi": 0}
    assert (summary["items_in_scope"], summary["assessed"]) == (11, 8)
    x02 = next(s for s in report["scenarios"] if s["id"] == "X02")
    assert (x02["items"], x02["counts"]["classes"]["major"]) == (4, 1)


def test_gap_order(report: dict[str, Any]) -> None:
    # Majors first; then criticality; then clauses served (X02.01 and X03.03 serve two,
    # X04.01 one); then item id.
    assert [(g["rank"], g["item"], g["service"], g["finding_class"]) for g in report["gaps"]] == [
        (1, "X02.02", "infra", "major"),
        (2, "X02.02", "app", "minor"),
        (3, "X01.02", None, "minor"),
        (4, "X01.03", None, "minor"),
        (5, "X02.01", "infra", "observation"),
        (6, "X03.03", None, "observation"),
        (7, "X04.01", None, "observation"),
    ]
    assert report["gaps"][0]["reason"] == "not implemented"
    assert report["gaps"][0]["clauses"] == 2


def test_gaps_of_one_item_follow_the_service(make: Any) -> None:
    gaps = make(entries=[], waivers=[]).report()["gaps"]
    assert [(g["item"], g["service"]) for g in gaps if g["item"].startswith("X02")] == [
        ("X02.02", "app"), ("X02.02", "infra"), ("X02.01", "app"), ("X02.01", "infra")]


def test_opportunities_are_not_gaps(make: Any) -> None:
    report = make(entries=[_clean("X01.01", owner=None)], waivers=[]).report()
    assert find(report, "X01.01")["finding_class"] == "ofi"
    assert "X01.01" not in [g["item"] for g in report["gaps"]]
    assert report["summary"]["counts"]["classes"]["ofi"] == 1


def test_clause_scores_count_subclauses_and_every_clause_an_item_serves(
        report: dict[str, Any]) -> None:
    clauses = {c["id"]: c for c in report["clauses_2011"]}
    # X01.01 serves 6.1 and 9.2; 6.3.2 is X02.02's; 6.3 holds 6.3.2 and 6.3.3 (X02.*).
    assert (clauses["6.1"]["score"], clauses["9.2"]["score"]) == (100.0, 100.0)
    assert (clauses["6.3.2"]["score"], clauses["6.3.2"]["items"]) == (25.0, 2)
    assert (clauses["6.3"]["score"], clauses["6.3"]["items"]) == (35.0, 4)
    assert clauses["5.3"]["score"] == 0.0  # X01.03 only
    assert clauses["4.1.1"]["score"] is None  # no item


def test_a_set_of_only_waived_and_not_applicable_has_no_score(make: Any) -> None:
    report = make(entries=[{"item": "X03.02", "status": "not-applicable",
                            "justification": "No surveys."}],
                  waivers=[waiver("X03.01", dt.date(2027, 1, 1)),
                           waiver("X03.03", dt.date(2027, 1, 1))]).report()
    assert _scenarios(report)["X03"] is None


def test_weights_and_item_scores_can_be_changed(make: Any) -> None:
    rules = {"weights": {"high": 10, "medium": 1, "low": 1},
             "scores": {"conformant": 0.9, "partially-conformant": 0.25, "nonconformant": 0.1,
                        "not-assessed": 0.05}}
    report = make(rules=rules).report()
    assert [find(report, i)["score"] for i in ("X01.01", "X01.02", "X01.03", "X03.03")] == [
        0.9, 0.25, 0.1, 0.05]
    assert find(report, "X01.01")["weight"] == 10.0
    assert find(report, "X02.02", "app")["weight"] == 5.0
    # X01: (10 x 0.9 + 1 x 0.25 + 1 x 0.1) / 12 = 9.35 / 12
    assert _scenarios(report)["X01"] == 77.9
