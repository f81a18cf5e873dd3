"""Scores, counts and the gap list of one worked example, every number computed by hand.

Weights: high 3, medium 2, low 1; a per-service item spreads its weight over its services.
Not-applicable and not-assessed results have no score and stay out of every denominator; a
waived result keeps its verdict and its score (only the gates leave it out).

    X01.01 high    implemented, fresh procedure   conformant     1.0 x 3
    X01.02 medium  partial                        partially      0.5 x 2    minor
    X01.03 low     implemented, no register       partially      0.5 x 1    observation
    X02.01 medium  app implemented, fresh report  conformant     1.0 x 1
                   infra report stale             partially      0.5 x 1    observation
    X02.02 high    app partial                    partially      0.5 x 1.5  minor
                   infra not implemented          nonconformant  0.0 x 1.5  major
    X03.01 medium  not implemented, waived        nonconformant  0.0 x 2    minor (waived)
    X03.02 low     not applicable                 -
    X03.03 medium  no entry                       not assessed   -
    X04.01 medium  no entry                       not assessed   -

X01 = 100 x 4.5/6 = 75.0; X02 = 100 x 2.25/5 = 45.0; X03 = 100 x 0/2 = 0.0 (X03.01 only);
X04 = none (nothing assessed); overall = 100 x 6.75/13 = 51.9; gated (without the waived
X03.01) = 100 x 6.75/11 = 61.4. Coverage: 9 of 11 in-scope results assessed, 81.8 %.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import Repo, find, ref, waiver

FRESH = dt.date(2026, 10, 1)


KINDS = {"X01.01": "procedure", "X01.03": "register", "X02.01": "report"}


def _clean(item: str, kind: str | None = None, reviewed: dt.date = FRESH,
           **fields: Any) -> dict[str, Any]:
    """Implemented, with an owner and dated evidence of the item's kind (or of ``kind``)."""
    return {"item": item, "status": "implemented", "owner": "O",
            "evidence": [ref(kind=kind or KINDS[item], reviewed=reviewed)], **fields}


ENTRIES = [
    _clean("X01.01"),
    {"item": "X01.02", "status": "partial", "owner": "O"},
    _clean("X01.03", kind="procedure"),  # a register is expected
    _clean("X02.01", service="app"),
    _clean("X02.01", service="infra", reviewed=dt.date(2025, 4, 1)),  # quarterly: stale
    {"item": "X02.02", "service": "app", "status": "partial"},
    {"item": "X02.02", "service": "infra", "status": "not-implemented"},
    {"item": "X03.01", "status": "not-implemented"},
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
        ("X01.01", None, 1.0, 3.0), ("X01.02", None, 0.5, 2.0), ("X01.03", None, 0.5, 1.0),
        ("X02.01", "app", 1.0, 1.0), ("X02.01", "infra", 0.5, 1.0),
        ("X02.02", "app", 0.5, 1.5), ("X02.02", "infra", 0.0, 1.5),
        ("X03.01", None, 0.0, 2.0), ("X03.02", None, None, 1.0), ("X03.03", None, None, 2.0),
        ("X04.01", None, None, 2.0),
    ]
    assert [r["item"] for r in report["results"] if r["waived"]] == ["X03.01"]


def test_scenario_and_overall_scores(report: dict[str, Any]) -> None:
    assert _scenarios(report) == {"X01": 75.0, "X02": 45.0, "X03": 0.0, "X04": None}
    assert report["summary"]["score"] == 51.9
    assert report["summary"]["gated_score"] == 61.4
    assert {s["id"]: s["assessed"] for s in report["scenarios"]} == {
        "X01": 3, "X02": 4, "X03": 2, "X04": 0}


def test_coverage(report: dict[str, Any]) -> None:
    assert report["summary"]["coverage"] == {
        "assessed": 9, "in_scope": 11, "percent": 81.8, "not_assessed_scenarios": ["X04"]}


def test_counts(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert summary["counts"]["results"] == {
        "conformant": 2, "partially-conformant": 4, "nonconformant": 2, "not-applicable": 1,
        "waived": 0, "not-assessed": 2}
    assert summary["counts"]["classes"] == {"major": 1, "minor": 3, "observation": 2, "ofi": 0}
    assert (summary["items_in_scope"], summary["assessed"], summary["waived"]) == (11, 9, 1)
    x02 = next(s for s in report["scenarios"] if s["id"] == "X02")
    assert (x02["items"], x02["counts"]["classes"]["major"]) == (4, 1)


def test_gap_order(report: dict[str, Any]) -> None:
    # Majors first; then criticality; then clauses served; then item id. The waived X03.01
    # is a gap like any other; the not-assessed X03.03 and X04.01 are none.
    assert [(g["rank"], g["item"], g["service"], g["finding_class"]) for g in report["gaps"]] == [
        (1, "X02.02", "infra", "major"),
        (2, "X02.02", "app", "minor"),
        (3, "X01.02", None, "minor"),
        (4, "X03.01", None, "minor"),
        (5, "X02.01", "infra", "observation"),
        (6, "X01.03", None, "observation"),
    ]
    assert report["gaps"][0]["reason"] == "not implemented"
    assert report["gaps"][0]["clauses"] == 2
    assert report["gaps"][5]["missing"] == [
        "no register (Register of export formats per service.)"]


def test_audit_findings_group_results_by_primary_clause(report: dict[str, Any]) -> None:
    # Primary 2018 clauses: X02.* 8.7.1, X01.02 7.5.3, X03.* 8.3.2, X01.03 8.5.2.2. One finding
    # per clause, graded by its worst item, majors first, then clause order.
    got = [(f["id"], f["grade"], [(i["item"], i["service"]) for i in f["items"]], f["waived"])
           for f in report["findings"]]
    assert got == [
        ("F-8.7.1", "major", [("X02.02", "infra"), ("X02.02", "app"), ("X02.01", "infra")],
         False),
        ("F-7.5.3", "minor", [("X01.02", None)], False),
        ("F-8.3.2", "minor", [("X03.01", None)], True),
        ("F-8.5.2.2", "observation", [("X01.03", None)], False),
    ]
    # One minor under 8.7.1 next to a major: nothing to raise.
    assert [f["raised"] for f in report["findings"]] == [None] * 4
    summary = report["summary"]
    assert summary["findings"] == {"major": 1, "minor": 2, "observation": 1, "ofi": 0}
    # The gates leave out the waived X03.01 and so its finding.
    assert summary["gated_findings"] == {"major": 1, "minor": 1, "observation": 1, "ofi": 0}


def test_gaps_of_one_item_follow_the_service(make: Any) -> None:
    entries = [{"item": i, "service": s, "status": "not-implemented"}
               for i in ("X02.01", "X02.02") for s in ("infra", "app")]
    gaps = make(entries=entries, waivers=[]).report()["gaps"]
    assert [(g["item"], g["service"]) for g in gaps] == [
        ("X02.02", "app"), ("X02.02", "infra"), ("X02.01", "app"), ("X02.01", "infra")]


def test_opportunities_are_not_gaps(make: Any) -> None:
    report = make(entries=[_clean("X01.01", owner=None)], waivers=[]).report()
    assert find(report, "X01.01")["finding_class"] == "ofi"
    assert "X01.01" not in [g["item"] for g in report["gaps"]]
    assert report["summary"]["counts"]["classes"]["ofi"] == 1


def test_clause_scores_count_subclauses_and_every_clause_an_item_serves(
        report: dict[str, Any]) -> None:
    clauses = {c["id"]: c for c in report["clauses_2011"]}
    # X01.01 serves 6.1 and 9.2; 6.3.2 is X02.02's: (1.5 x 0.5 + 1.5 x 0) / 3 = 25.0;
    # 6.3 holds 6.3.2 and 6.3.3 (X02.*): (1 + 0.5 + 0.75 + 0) / 5 = 45.0.
    assert (clauses["6.1"]["score"], clauses["9.2"]["score"]) == (100.0, 100.0)
    assert (clauses["6.3.2"]["score"], clauses["6.3.2"]["items"]) == (25.0, 2)
    assert (clauses["6.3"]["score"], clauses["6.3"]["items"]) == (45.0, 4)
    assert clauses["5.3"]["score"] == 50.0  # X01.03 only
    # 7.1: X03.01 (0 x 2); the not-applicable X03.02 and unassessed X03.03 count as items only
    assert (clauses["7.1"]["score"], clauses["7.1"]["items"]) == (0.0, 3)
    assert clauses["4.1.1"]["score"] is None  # no item


def test_a_set_of_only_unassessed_waived_and_not_applicable_has_no_score(make: Any) -> None:
    # A waiver on an item without an entry does not assess it.
    report = make(entries=[{"item": "X03.02", "status": "not-applicable",
                            "justification": "No surveys."}],
                  waivers=[waiver("X03.01", dt.date(2027, 1, 1)),
                           waiver("X03.03", dt.date(2027, 1, 1))]).report()
    assert _scenarios(report)["X03"] is None


def test_weights_and_item_scores_can_be_changed(make: Any) -> None:
    rules = {"weights": {"high": 10, "medium": 1, "low": 1},
             "scores": {"conformant": 0.9, "partially-conformant": 0.25, "nonconformant": 0.1}}
    report = make(rules=rules).report()
    assert [find(report, i)["score"] for i in ("X01.01", "X01.02", "X03.01", "X03.03")] == [
        0.9, 0.25, 0.1, None]
    assert find(report, "X01.01")["weight"] == 10.0
    assert find(report, "X02.02", "app")["weight"] == 5.0
    # X01: (10 x 0.9 + 1 x 0.25 + 1 x 0.25) / 12 = 9.5 / 12
    assert _scenarios(report)["X01"] == 79.2


def test_not_assessed_has_no_score_to_change(make: Any) -> None:
    view = make(rules={"scores": {"not-assessed": 0.05}}).validate_raw()
    assert view.exit_code == 2, view.output
    assert "rules.scores.not-assessed" in view.output
