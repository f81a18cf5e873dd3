"""Date rules at their boundaries, seen in the verdicts of ``sms20k assess``.

As of 2026-11-15; X01.01 expects a procedure every year (P1Y), X01.02 a record every three
months (P3M), and the manifest caps ages at max_evidence_age when given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ..evidence.judge import day, ref, verdict, waiver

D = dt.date


def _implemented(item: str, **reference: Any) -> dict[str, Any]:
    return {"item": item, "status": "implemented", "owner": "O", "evidence": [ref(**reference)]}


@pytest.mark.parametrize(("item", "kind", "reviewed", "expected"), [
    ("X01.01", "procedure", D(2025, 11, 15), ("conformant", None, [])),
    ("X01.01", "procedure", D(2025, 11, 14),
     ("partially-conformant", "minor", ["evidence stale since 2026-11-14"])),
    ("X01.02", "record", D(2026, 8, 15), ("conformant", None, [])),
    ("X01.02", "record", D(2026, 8, 14),
     ("partially-conformant", "minor", ["evidence stale since 2026-11-14"])),
])
def test_evidence_exactly_at_its_cadence_and_one_day_over(
        make: Any, item: str, kind: str, reviewed: D,
        expected: tuple[str, str | None, list[str]]) -> None:
    got = make(entries=[_implemented(item, kind=kind, reviewed=reviewed)]).result(item)
    assert verdict(got) == expected


@pytest.mark.parametrize(("reviewed", "expected"), [
    (D(2026, 5, 15), ("conformant", None, [])),
    (D(2026, 5, 14), ("partially-conformant", "minor", ["evidence stale since 2026-11-14"])),
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
        "partially-conformant", "minor", ["evidence stale since 2027-01-31"])


@pytest.mark.parametrize("field", ["reviewed", "approved"])
def test_a_reference_dated_on_the_as_of_date(make: Any, field: str) -> None:
    today = make(entries=[_implemented("X01.01", kind="procedure", **{field: day(0)})])
    assert verdict(today.result("X01.01")) == ("conformant", None, [])
    tomorrow = make(entries=[_implemented("X01.01", kind="procedure", **{field: day(1)})])
    assert verdict(tomorrow.result("X01.01")) == (
        "partially-conformant", "minor",
        [f"evidence dated in the future ({field} date 2026-11-16 is after the as-of date "
         "2026-11-15)"])


def test_an_entry_reviewed_on_the_as_of_date(make: Any) -> None:
    entry = _implemented("X01.01", kind="procedure")
    assert verdict(make(entries=[{**entry, "reviewed": day(0)}]).result("X01.01")) == (
        "conformant", None, [])
    assert make(entries=[{**entry, "reviewed": day(1)}]).result("X01.01")["reasons"] == [
        "evidence dated in the future (reviewed date 2026-11-16 is after the as-of date "
        "2026-11-15)"]


def test_a_waiver_ages_with_the_as_of_date(make: Any) -> None:
    repo = make(entries=[{"item": "X01.02", "status": "planned"}],
                waivers=[waiver("X01.02", D(2027, 3, 31))])
    assert verdict(repo.result("X01.02", as_of=D(2027, 3, 31))) == (
        "waived", None, ["waived until 2027-03-31: Being replaced."])
    assert verdict(repo.result("X01.02", as_of=D(2027, 4, 1))) == (
        "nonconformant", "minor", ["planned, not yet implemented", "waiver expired 2027-03-31"])


def test_a_waiver_expiring_the_day_before_fails_validation_in_the_report(make: Any) -> None:
    report = make(waivers=[waiver("X01.02", day(-1))]).report()
    expired = [p for r in report["results"] for p in r["problems"]
               if p["code"] == "WAIVER_EXPIRED"]
    assert report["summary"]["validation_errors"] == 1
    assert [v["code"] for v in report["validation"] if v["level"] == "error"] == [
        "WAIVER_EXPIRED"]
    assert len(expired) == 1
