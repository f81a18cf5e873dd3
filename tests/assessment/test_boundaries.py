"""Date rules at their boundaries, seen in the verdicts of ``sms20k assess``.

As of 2026-11-15; X01.01 expects a procedure every year (P1Y), X01.02 a record every three
months (P3M), and the manifest caps ages at max_evidence_age when given.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import day, find, ref, verdict, waiver

D = dt.date
PROCEDURE = "procedure (Approved export procedure with formats and times.)"
RECORD = "record (Export log with requester and delivery date.)"


def _implemented(item: str, **reference: Any) -> dict[str, Any]:
    return {"item": item, "status": "implemented", "owner": "O", "evidence": [ref(**reference)]}


@pytest.mark.parametrize(("item", "kind", "reviewed", "expected"), [
    ("X01.01", "procedure", D(2025, 11, 15), ("conformant", None, [])),
    ("X01.01", "procedure", D(2025, 11, 14),  # high: a minor
     ("partially-conformant", "minor", [f"{PROCEDURE} stale since 2026-11-14"])),
    ("X01.02", "record", D(2026, 8, 15), ("conformant", None, [])),
    ("X01.02", "record", D(2026, 8, 14),  # medium: an observation
     ("partially-conformant", "observation", [f"{RECORD} stale since 2026-11-14"])),
])
def test_evidence_exactly_at_its_cadence_and_one_day_over(
        make: Any, item: str, kind: str, reviewed: D,
        expected: tuple[str, str | None, list[str]]) -> None:
    got = make(entries=[_implemented(item, kind=kind, reviewed=reviewed)]).result(item)
    assert verdict(got) == expected


@pytest.mark.parametrize(("reviewed", "expected"), [
    (D(2026, 5, 15), ("conformant", None, [])),
    (D(2026, 5, 14), ("partially-conformant", "minor", [f"{PROCEDURE} stale since 2026-11-14"])),
])
def test_max_evidence_age_at_its_boundary(make: Any, reviewed: D,
                                          expected: tuple[str, str | None, list[str]]) -> None:
    got = make(options={"max_evidence_age": "P6M"},
               entries=[_implemented("X01.01", kind="procedure", reviewed=reviewed)]
               ).result("X01.01")
    assert verdict(got) == expected


def test_the_same_evidence_ages_with_the_as_of_date(make: Any) -> None:
    repo = make(entries=[_implemented("X01.01", kind="procedure", reviewed=D(2026, 1, 31))])
    assert repo.result("X01.01", as_of=D(2027, 1, 31))["result"] == "conformant"
    assert verdict(repo.result("X01.01", as_of=D(2027, 2, 1))) == (
        "partially-conformant", "minor", [f"{PROCEDURE} stale since 2027-01-31"])


def _future(report: dict[str, Any]) -> list[str]:
    return [f["message"] for f in report["validation"] if f["code"] == "DATE_IN_FUTURE"]


@pytest.mark.parametrize("field", ["reviewed", "approved"])
def test_a_reference_dated_on_the_as_of_date(make: Any, field: str) -> None:
    # A date after the as-of date is a repository problem (exit 1), never a finding.
    today = make(entries=[_implemented("X01.01", kind="procedure", **{field: day(0)})])
    report = today.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert (_future(report), report["summary"]["repository_errors"], today.last_exit) == (
        [], 0, 0)
    tomorrow = make(entries=[_implemented("X01.01", kind="procedure", **{field: day(1)})])
    report = tomorrow.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert _future(report) == [f"{field} date 2026-11-16 is after the as-of date 2026-11-15"]
    assert (report["summary"]["repository_errors"], report["findings"], tomorrow.last_exit) == (
        1, [], 1)


def test_an_entry_reviewed_on_the_as_of_date(make: Any) -> None:
    entry = _implemented("X01.01", kind="procedure")
    today = make(entries=[{**entry, "reviewed": day(0)}])
    report = today.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert (_future(report), today.last_exit) == ([], 0)
    tomorrow = make(entries=[{**entry, "reviewed": day(1)}])
    report = tomorrow.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert _future(report) == ["reviewed date 2026-11-16 is after the as-of date 2026-11-15"]
    assert (report["summary"]["repository_errors"], tomorrow.last_exit) == (1, 1)


def test_a_waiver_ages_with_the_as_of_date(make: Any) -> None:
    repo = make(entries=[{"item": "X01.02", "status": "planned"}],
                waivers=[waiver("X01.02", D(2027, 3, 31))])
    on_the_day = repo.result("X01.02", as_of=D(2027, 3, 31))
    assert verdict(on_the_day) == ("nonconformant", "minor", [
        "planned, not yet implemented", "waived until 2027-03-31 by CEO"])
    assert on_the_day["waived"] is True
    after = repo.result("X01.02", as_of=D(2027, 4, 1))
    assert verdict(after) == (
        "nonconformant", "minor", ["planned, not yet implemented", "waiver expired 2027-03-31"])
    assert after["waived"] is False


def test_a_waiver_expiring_the_day_before_fails_validation_in_the_report(make: Any) -> None:
    report = make(waivers=[waiver("X01.02", day(-1))]).report()
    expired = [p for r in report["results"] for p in r["problems"]
               if p["code"] == "WAIVER_EXPIRED"]
    assert report["summary"]["validation_errors"] == 1
    assert [v["code"] for v in report["validation"] if v["level"] == "error"] == [
        "WAIVER_EXPIRED"]
    assert len(expired) == 1
    # An expired waiver is the client's to renew, not a fault of the repository.
    assert report["summary"]["repository_errors"] == 0


# --- the systemic-minors rule: minors under one clause add up to a major --------------------


def _one_clause(root: Path) -> None:
    """Every X01 and X03 item cites 8.7.1 first, as X02's items do."""
    for name in ("X01", "X03"):
        path = root / "checklists" / f"{name}.yaml"
        text = path.read_text()
        path.write_text(text.replace("    criticality:", "    clauses_2018: [\"8.7.1\"]\n"
                                     "    primary_2018: \"8.7.1\"\n    criticality:"))


def _not(item: str, status: str = "not-implemented", **fields: Any) -> dict[str, Any]:
    return {"item": item, "status": status, "owner": "O", **fields}


def _findings(report: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    return [(f["id"], f["grade"], f["worst_item"], f["raised"]) for f in report["findings"]]


# X01.02 and X03.01 are medium (not implemented: minor), X01.03 low (not implemented: minor),
# X01.01 high (partial: minor).
TWO_SCENARIOS_2 = [_not("X01.02"), _not("X03.01")]
TWO_SCENARIOS_3 = [_not("X01.02"), _not("X01.03"), _not("X03.01")]
ONE_SCENARIO_3 = [_not("X01.01", "partial"), _not("X01.02"), _not("X01.03")]
SYSTEMIC = ("3 minor results across 2 scenarios show a systemic failure "
            "(rule systemic.minors: 3)")


@pytest.mark.parametrize(("entries", "rules", "expected"), [
    (TWO_SCENARIOS_2, None, ("F-8.7.1", "minor", "minor", None)),
    (TWO_SCENARIOS_3, None, ("F-8.7.1", "major", "minor", SYSTEMIC)),
    (ONE_SCENARIO_3, None, ("F-8.7.1", "minor", "minor", None)),  # one scenario, no services
    (TWO_SCENARIOS_3, {"systemic": {"minors": None}}, ("F-8.7.1", "minor", "minor", None)),
    (TWO_SCENARIOS_2, {"systemic": {"minors": 2}}, (
        "F-8.7.1", "major", "minor",
        "2 minor results across 2 scenarios show a systemic failure (rule systemic.minors: 2)")),
    (ONE_SCENARIO_3, {"systemic": {"minors": 2}}, ("F-8.7.1", "minor", "minor", None)),
])
def test_systemic_minors_at_their_boundary(make: Any, entries: list[dict[str, Any]],
                                           rules: dict[str, Any] | None,
                                           expected: tuple[str, str, str, str | None]) -> None:
    report = make(entries=entries, rules=rules, build=_one_clause).report()
    assert _findings(report) == [expected]
    assert [i["finding_class"] for i in report["findings"][0]["items"]] == ["minor"] * len(
        entries)
    # The item results keep their own class; only the audit finding is raised.
    assert report["summary"]["counts"]["classes"]["minor"] == len(entries)
    assert report["summary"]["findings"][expected[1]] == 1


def test_three_minors_across_two_services_are_systemic(make: Any) -> None:
    # X02.01 (medium, not implemented) for both services and X02.02 (high, partial) for app:
    # three minors in one scenario, across two services.
    report = make(entries=[_not("X02.01", service="app"), _not("X02.01", service="infra"),
                           _not("X02.02", "partial", service="app")]).report()
    assert _findings(report) == [(
        "F-8.7.1", "major", "minor",
        "3 minor results across 2 services show a systemic failure (rule systemic.minors: 3)")]
    assert report["findings"][0]["services"] == ["app", "infra"]


def test_a_waived_minor_does_not_count_towards_a_systemic_gate(make: Any) -> None:
    # The finding is raised on all three minors; the gates see only the two not waived.
    report = make(entries=TWO_SCENARIOS_3, build=_one_clause,
                  waivers=[waiver("X03.01", day(30))]).report()
    assert _findings(report) == [("F-8.7.1", "major", "minor", SYSTEMIC)]
    summary = report["summary"]
    assert (summary["findings"]["major"], summary["findings"]["minor"]) == (1, 0)
    assert (summary["gated_findings"]["major"], summary["gated_findings"]["minor"]) == (0, 1)


@pytest.mark.parametrize("minors", [1, 0, -3, "three"])
def test_a_systemic_threshold_below_two_is_refused(make: Any, minors: Any) -> None:
    view = make(rules={"systemic": {"minors": minors}}).validate_raw()
    assert view.exit_code == 2, view.output
    assert "rules.systemic.minors" in view.output
