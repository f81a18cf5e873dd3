"""Every date rule of docs/evidence-format.md at its boundary against the as-of date.

The as-of date is 2026-11-15 unless a test says otherwise. Cadences of the small
fixture: X01.01 procedure P1Y, X01.02 record P3M. Expected dates are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .judge import Repo, day, ref, waiver

D = dt.date
TWO_KINDS = {"Y01": {
    "id": "Y01", "title": "Two kinds", "summary": "An item expecting two kinds of evidence.",
    "outcomes": ["Both are kept."],
    "applicability": {"service_categories": ["SaaS", "IaaS"],
                      "deployment_models": ["public", "private"],
                      "roles": ["cloud-service-provider"]},
    "items": [{"id": "Y01.01", "title": "Backups", "guidance": "Keep both. Auditors ask.",
               "clauses_2011": ["6.3.2"], "criticality": "medium", "tags": ["continuity"],
               "questions": ["Show me both."],
               "evidence": [
                   {"kind": "procedure", "description": "Backup procedure.", "cadence": "P1Y"},
                   {"kind": "record", "description": "Backup log.", "cadence": "P3M"}]}],
}}


def _entry(item: str = "X01.01", **fields: Any) -> dict[str, Any]:
    return {"item": item, "status": "implemented", "owner": "O", **fields}


def _stale(repo: Repo, as_of: D = D(2026, 11, 15)) -> list[str]:
    """The messages of the EVIDENCE_STALE findings."""
    return [f["message"] for f in repo.validate(as_of)["findings"]
            if f["code"] == "EVIDENCE_STALE"]


@pytest.mark.parametrize(("item", "kind", "dated", "stale_since"), [
    ("X01.01", "procedure", D(2025, 11, 15), None),  # exactly one year: still fresh
    ("X01.01", "procedure", D(2025, 11, 14), "2026-11-14"),  # one day over
    ("X01.02", "record", D(2026, 8, 15), None),  # exactly three months
    ("X01.02", "record", D(2026, 8, 14), "2026-11-14"),
    ("X01.01", "procedure", D(2026, 11, 15), None),  # dated on the as-of date
])
def test_staleness_at_the_cadence(make: Any, item: str, kind: str, dated: D,
                                  stale_since: str | None) -> None:
    repo = make(entries=[_entry(item, evidence=[ref(kind=kind, reviewed=dated)])])
    expected = ([f"evidence dated {dated.isoformat()} is older than its review cadence; "
                 f"stale since {stale_since}"] if stale_since else [])
    assert _stale(repo) == expected


def test_staleness_clamps_to_the_end_of_a_shorter_month(make: Any) -> None:
    # 2027-05-31 minus three months is 2027-02-28 (no 31 February).
    fresh = make(entries=[_entry("X01.02", evidence=[ref(kind="record", reviewed=D(2027, 2, 28))])])
    assert _stale(fresh, D(2027, 5, 31)) == []
    old = make(entries=[_entry("X01.02", evidence=[ref(kind="record", reviewed=D(2027, 2, 27))])])
    assert _stale(old, D(2027, 5, 31)) == [
        "evidence dated 2027-02-27 is older than its review cadence; stale since 2027-05-27"]


@pytest.mark.parametrize(("reference", "entry_reviewed", "stale"), [
    ({"reviewed": D(2026, 1, 1), "approved": D(2024, 1, 1)}, None, False),  # reviewed first
    ({"reviewed": D(2024, 1, 1), "approved": D(2026, 1, 1)}, None, True),
    ({"approved": D(2024, 1, 1)}, None, True),  # then approved
    ({"approved": D(2026, 1, 1)}, D(2024, 1, 1), False),  # the reference's date wins
    ({}, D(2024, 1, 1), True),  # then the entry's reviewed date
    ({}, D(2026, 1, 1), False),
    ({}, None, False),  # undated: not checked for age
])
def test_the_age_comes_from_reviewed_then_approved_then_the_entry(
        make: Any, reference: dict[str, D], entry_reviewed: D | None, stale: bool) -> None:
    entry = _entry(evidence=[ref(kind="procedure", **reference)])
    if entry_reviewed:
        entry["reviewed"] = entry_reviewed
    assert bool(_stale(make(entries=[entry]))) is stale


@pytest.mark.parametrize(("kind", "dated", "stale"), [
    ("record", D(2026, 8, 15), False),  # the record's own cadence, P3M
    ("record", D(2026, 8, 14), True),
    ("procedure", D(2026, 8, 14), False),  # the procedure's, P1Y
    ("procedure", D(2025, 11, 14), True),
    (None, D(2026, 8, 14), False),  # no kind: the longest cadence, P1Y
    (None, D(2025, 11, 15), False),
    (None, D(2025, 11, 14), True),
])
def test_the_cadence_is_that_of_the_kind(make: Any, kind: str | None, dated: D,
                                         stale: bool) -> None:
    reference = ref(reviewed=dated, **({"kind": kind} if kind else {}))
    repo = make(checklists=TWO_KINDS, entries=[_entry("Y01.01", evidence=[reference])])
    assert bool(_stale(repo)) is stale


@pytest.mark.parametrize(("max_age", "dated", "stale"), [
    ("P6M", D(2026, 5, 15), False),  # the cap, exactly
    ("P6M", D(2026, 5, 14), True),  # over the cap, well within the P1Y cadence
    (None, D(2026, 5, 14), False),
    ("P2Y", D(2025, 11, 14), True),  # a longer cap does not lengthen the cadence
    ("P2Y", D(2025, 11, 15), False),
])
def test_max_evidence_age_caps_the_cadence(make: Any, max_age: str | None, dated: D,
                                           stale: bool) -> None:
    options = {"max_evidence_age": max_age} if max_age else {}
    repo = make(options=options,
                entries=[_entry(evidence=[ref(kind="procedure", reviewed=dated)])])
    assert bool(_stale(repo)) is stale


def test_stale_evidence_is_a_warning(make: Any) -> None:
    view = make(entries=[_entry(evidence=[ref(kind="procedure", reviewed=D(2024, 1, 1))])]
                ).validate()
    stale = [f for f in view["findings"] if f["code"] == "EVIDENCE_STALE"]
    assert [(f["level"], f["item"]) for f in stale] == [("warning", "X01.01")]
    assert view["exit"] == 0


def _future(repo: Repo) -> list[str]:
    return [f["message"] for f in repo.validate()["findings"] if f["code"] == "DATE_IN_FUTURE"]


@pytest.mark.parametrize("where", ["entry", "approved", "reviewed"])
def test_a_date_on_the_as_of_date_is_not_in_the_future(make: Any, where: str) -> None:
    for offset, expected in ((0, []), (1, [f"{where if where != 'entry' else 'reviewed'} "
                                          "date 2026-11-16 is after the as-of date 2026-11-15"])):
        if where == "entry":
            entry = _entry(reviewed=day(offset), evidence=[ref()])
        else:
            entry = _entry(evidence=[ref(**{where: day(offset)})])
        assert _future(make(entries=[entry])) == expected, offset


def test_a_future_date_is_an_error_and_not_also_stale(make: Any) -> None:
    view = make(entries=[_entry(evidence=[ref(kind="procedure", reviewed=day(1))])]).validate()
    assert [(f["code"], f["level"]) for f in view["findings"]
            if f["item"] == "X01.01"] == [("DATE_IN_FUTURE", "error")]
    assert view["exit"] == 1


@pytest.mark.parametrize(("approved", "future"), [(day(0), False), (day(1), True)])
def test_a_waiver_approved_after_the_as_of_date(make: Any, approved: D, future: bool) -> None:
    repo = make(waivers=[waiver("X01.01", day(30), approved=approved)])
    assert _future(repo) == (["approved date is after the as-of date"] if future else [])


@pytest.mark.parametrize(("expires", "expired"), [
    (day(0), False),  # expiring on the as-of date: still valid that day
    (day(-1), True),
    (day(1), False),
])
def test_waiver_expiry(make: Any, expires: D, expired: bool) -> None:
    view = make(waivers=[waiver("X01.01", expires)]).validate()
    found = [(f["level"], f["message"]) for f in view["findings"] if f["code"] == "WAIVER_EXPIRED"]
    assert found == ([("error", f"waiver for X01.01 expired {expires.isoformat()}")]
                     if expired else [])
    assert view["exit"] == (1 if expired else 0)


def test_expired_waivers_may_be_warnings(make: Any) -> None:
    view = make(options={"expired_waivers": "warning"},
                waivers=[waiver("X01.01", day(-1))]).validate()
    assert [f["level"] for f in view["findings"] if f["code"] == "WAIVER_EXPIRED"] == ["warning"]
    assert view["exit"] == 0


@pytest.mark.parametrize(("missing", "unapproved"), [
    ((), False), (("approved_by",), True), (("approved",), True),
    (("approved_by", "approved"), True),
])
def test_a_waiver_needs_both_approver_and_date(make: Any, missing: tuple[str, ...],
                                              unapproved: bool) -> None:
    view = make(waivers=[waiver("X01.01", day(30), **dict.fromkeys(missing))]).validate()
    found = [f["message"] for f in view["findings"] if f["code"] == "WAIVER_UNAPPROVED"]
    assert found == (["waiver for X01.01 has no recorded approval"] if unapproved else [])
    assert view["exit"] == (1 if unapproved else 0)
