from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sms20k.assessment.model import ItemResult, Report

from .conftest import MakeReport

DOC = {"docs/a.md": "# A\n"}


def _ev(**extra: Any) -> list[dict[str, Any]]:
    return [{"path": "docs/a.md", "description": "Document A.", **extra}]


def _get(report: Report, item: str, service: str | None = None) -> ItemResult:
    return next(r for r in report.results if r.item == item and r.service == service)


@pytest.mark.parametrize(
    ("status", "criticality_item", "result", "klass"),
    [
        ("not-implemented", "X01.01", "nonconformant", "major"),  # high
        ("not-implemented", "X01.02", "nonconformant", "minor"),  # medium
        ("planned", "X01.03", "nonconformant", "observation"),  # low
        ("partial", "X01.01", "partially-conformant", "minor"),
        ("partial", "X01.03", "partially-conformant", "observation"),
    ],
)
def test_status_and_criticality_give_result_and_class(
    make_report: MakeReport, status: str, criticality_item: str, result: str, klass: str
) -> None:
    report = make_report([{"item": criticality_item, "status": status, "owner": "Owner"}])
    got = _get(report, criticality_item)
    assert (got.result, got.finding_class) == (result, klass)


def test_implemented_without_evidence(make_report: MakeReport) -> None:
    got = _get(make_report([{"item": "X01.01", "status": "implemented"}]), "X01.01")
    assert (got.result, got.finding_class) == ("nonconformant", "major")
    assert got.reasons == ["claimed implemented but no evidence"]


def test_stale_evidence_on_an_implemented_item_is_minor(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "implemented", "owner": "O",
                           "evidence": _ev(reviewed=dt.date(2024, 1, 10), kind="procedure")}],
                         docs=DOC)
    got = _get(report, "X01.01")
    assert (got.result, got.finding_class) == ("partially-conformant", "minor")
    # Reviewed 2024-01-10 with a yearly cadence: stale from 2025-01-10.
    assert got.reasons == ["procedure (Approved export procedure with formats and times.) "
                           "stale since 2025-01-10"]
    assert got.score == 0.5


def test_hash_changed_after_approval(make_report: MakeReport) -> None:
    # A changed document is the repository's problem and one document-control observation;
    # the item citing it is judged on its evidence as usual.
    report = make_report([{"item": "X01.01", "status": "implemented", "owner": "O",
                           "evidence": _ev(reviewed=dt.date(2026, 10, 1), sha256="ab" * 32,
                                           kind="procedure")}],
                         docs=DOC)
    got = _get(report, "X01.01")
    assert (got.result, got.finding_class, got.reasons) == ("conformant", None, [])
    assert [p.code for p in got.problems] == ["HASH_MISMATCH"]
    assert [(f.kind, f.grade, f.clause.id, f.document) for f in report.findings
            if f.kind == "document-control"] == [
        ("document-control", "observation", "7.5.3", "docs/a.md")]
    assert report.summary.repository_errors == 1


def test_clean_implemented_item_is_conformant(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "implemented", "owner": "O",
                           "evidence": _ev(reviewed=dt.date(2026, 10, 1), kind="procedure")}],
                         docs=DOC)
    got = _get(report, "X01.01")
    assert (got.result, got.finding_class, got.reasons, got.score) == ("conformant", None, [], 1)


def test_missing_owner_is_an_opportunity_for_improvement(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "implemented",
                           "evidence": _ev(reviewed=dt.date(2026, 10, 1), kind="procedure")}],
                         docs=DOC)
    got = _get(report, "X01.01")
    assert (got.result, got.finding_class, got.reasons) == ("conformant", "ofi",
                                                            ["no owner recorded"])


def test_waivers(make_report: MakeReport) -> None:
    valid = {"item": "X01.01", "reason": "Being replaced.", "approved_by": "CEO",
             "approved": dt.date(2026, 1, 1), "expires": dt.date(2027, 1, 1)}
    expired = {**valid, "item": "X01.02", "expires": dt.date(2026, 10, 1)}
    unapproved = {**valid, "item": "X01.03", "approved_by": None}
    report = make_report([{"item": i, "status": "not-implemented"} for i in
                          ("X01.01", "X01.02", "X01.03")],
                         waivers=[valid, expired, unapproved])
    # An active waiver keeps the true verdict: it exempts the item from the gates only.
    waived = _get(report, "X01.01")
    assert (waived.result, waived.finding_class, waived.score, waived.waived) == (
        "nonconformant", "major", 0.0, True)
    assert waived.reasons == ["not implemented", "waived until 2027-01-01 by CEO"]
    assert waived.waiver is not None and waived.waiver.active
    lapsed = _get(report, "X01.02")
    assert (lapsed.result, lapsed.finding_class, lapsed.waived) == (
        "nonconformant", "minor", False)
    assert lapsed.reasons == ["not implemented", "waiver expired 2026-10-01"]
    unapproved = _get(report, "X01.03")
    assert unapproved.reasons == ["not implemented", "waiver not approved"]
    assert not unapproved.waived and report.summary.waived == 1


def test_rules_can_be_adjusted(make_report: MakeReport) -> None:
    rules = {"not-implemented": {"high": "minor", "medium": "observation", "low": "none"},
             "weights": {"high": 10}}
    report = make_report([{"item": "X01.01", "status": "not-implemented"},
                          {"item": "X01.03", "status": "not-implemented"}], rules=rules)
    assert _get(report, "X01.01").finding_class == "minor"
    assert _get(report, "X01.03").finding_class is None
    assert _get(report, "X01.01").weight == 10
    assert report.rules["weights"]["high"] == 10


def test_per_service_items_share_their_weight(make_report: MakeReport) -> None:
    report = make_report([{"item": "X02.02", "service": "app", "status": "not-implemented"}])
    app, infra = _get(report, "X02.02", "app"), _get(report, "X02.02", "infra")
    assert app.weight == infra.weight == 1.5
    assert (infra.result, infra.finding_class, infra.score) == ("not-assessed", None, None)


def test_scores_exclude_not_applicable_and_not_assessed_but_keep_waived(
        make_report: MakeReport) -> None:
    waiver = {"item": "X01.02", "reason": "r", "approved_by": "CEO",
              "approved": dt.date(2026, 1, 1), "expires": dt.date(2027, 1, 1)}
    report = make_report(
        [{"item": "X01.01", "status": "implemented", "owner": "O",
          "evidence": _ev(reviewed=dt.date(2026, 10, 1), kind="procedure")},
         {"item": "X01.02", "status": "not-implemented"},
         {"item": "X01.03", "status": "not-applicable", "justification": "No formats."}],
        waivers=[waiver], docs=DOC)
    x01 = next(s for s in report.scenarios if s.id == "X01")
    # X01.01 conformant (w3, 1.0), the waived X01.02 nonconformant (w2, 0.0), X01.03 not
    # applicable (no score): 100 * 3 / 5 = 60.0.
    assert x01.score == 60.0
    # Every other result is not assessed and stays out of the denominator: the same 60.0.
    assert report.summary.score == 60.0
    # The gates leave the waived X01.02 out: 100 * 3 / 3.
    assert report.summary.gated_score == 100.0


def test_everything_excluded(make_report: MakeReport) -> None:
    exclusions = [{"id": s, "justification": "Out of scope."} for s in
                  ("X01", "X02", "X03", "X04")]
    report = make_report([], exclusions=exclusions)
    assert report.summary.score is None
    assert report.summary.items_in_scope == 0
    assert all(r.result == "not-applicable" for r in report.results)
    assert report.gaps == []
    assert all(s.score is None for s in report.scenarios)


def test_no_evidence_at_all(make_report: MakeReport) -> None:
    report = make_report([])
    # Nothing assessed is nothing scored, not 0 %: no score, no class, no gap, no finding.
    assert report.summary.score is None
    assert report.summary.assessed == 0
    assert {r.result for r in report.results} == {"not-assessed"}
    assert {r.finding_class for r in report.results} == {None}
    assert report.gaps == [] and report.findings == []
    assert report.summary.counts.classes == {"major": 0, "minor": 0, "observation": 0, "ofi": 0}
    assert report.summary.coverage is not None
    assert (report.summary.coverage.assessed, report.summary.coverage.percent) == (0, 0.0)
    assert report.summary.coverage.not_assessed_scenarios == ["X01", "X02", "X03", "X04"]


def test_all_waived(make_report: MakeReport) -> None:
    items = ["X01.01", "X01.02", "X01.03", "X02.01", "X02.02", "X03.01", "X03.02", "X03.03",
             "X04.01"]
    waivers = [{"item": i, "reason": "r", "approved_by": "CEO",
                "approved": dt.date(2026, 1, 1), "expires": dt.date(2027, 1, 1)} for i in items]
    report = make_report([], waivers=waivers)
    # A waiver does not make an item assessed, and exempts nothing that was not judged.
    assert report.summary.score is None and report.summary.gated_score is None
    assert {r.result for r in report.results} == {"not-assessed"}
    assert not any(r.waived for r in report.results)
    assert all(r.waiver is not None and r.waiver.active for r in report.results)
    assert report.summary.waived == 0
    assert report.summary.counts.results["waived"] == 0


def test_gap_order_majors_then_criticality_then_clause_count(make_report: MakeReport) -> None:
    report = make_report([
        {"item": "X01.03", "status": "not-implemented"},  # low -> minor, 1 clause
        {"item": "X01.02", "status": "not-implemented"},  # medium -> minor, 1 clause
        {"item": "X01.01", "status": "not-implemented"},  # high -> major, 2 clauses
        {"item": "X02.01", "service": "app", "status": "not-implemented"},  # medium, 2 clauses
    ])
    order = [(g.item, g.service) for g in report.gaps][:4]
    assert order[0] == ("X01.01", None)
    assert order.index(("X02.01", "app")) < order.index(("X01.02", None))
    assert order.index(("X01.02", None)) < order.index(("X01.03", None))
    assert [g.rank for g in report.gaps] == list(range(1, len(report.gaps) + 1))


def test_clause_scores_follow_the_crosswalk(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "implemented", "owner": "O",
                           "evidence": _ev(reviewed=dt.date(2026, 10, 1), kind="procedure")}],
                         docs=DOC)
    c2011 = {c.id: c for c in report.clauses_2011}
    c2018 = {c.id: c for c in report.clauses_2018}
    assert c2011["9.2"].score == 100.0 and c2011["9.2"].items == 1
    assert c2018["8.5.1.3"].score == 100.0
    assert c2011["9"].items >= 1 and c2011["4.1.1"].score is None
