"""Every row of the rules table in docs/assessment-rules.md, in its documented order.

Small fixture items: X01.01 high, X01.02 medium, X01.03 low, X02.* per service (app,
infra). Judged as of 2026-11-15; expected results, classes and reasons written by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import DOC, day, find, ref, verdict, waiver

A_DOC_HASH = "aa1237b773c38dbddef583c4868aaea7a44c5237ea7923aecca5513764b42d80"  # "# A\n"
FRESH = dt.date(2026, 10, 1)
LEVEL = {"X01.01": "high", "X01.02": "medium", "X01.03": "low"}


def clean(item: str = "X01.01", **fields: Any) -> dict[str, Any]:
    """An implemented entry with an owner and fresh, dated, sound evidence."""
    return {"item": item, "status": "implemented", "owner": "O",
            "evidence": [ref(kind="procedure", reviewed=FRESH)], **fields}


@pytest.mark.parametrize(("status", "item", "expected"), [
    ("not-implemented", "X01.01", ("nonconformant", "major", ["not implemented"])),
    ("not-implemented", "X01.02", ("nonconformant", "minor", ["not implemented"])),
    ("not-implemented", "X01.03", ("nonconformant", "minor", ["not implemented"])),
    ("planned", "X01.01", ("nonconformant", "major", ["planned, not yet implemented"])),
    ("planned", "X01.02", ("nonconformant", "minor", ["planned, not yet implemented"])),
    ("planned", "X01.03", ("nonconformant", "observation", ["planned, not yet implemented"])),
    ("partial", "X01.01", ("partially-conformant", "minor", ["partially implemented"])),
    ("partial", "X01.02", ("partially-conformant", "minor", ["partially implemented"])),
    ("partial", "X01.03", ("partially-conformant", "observation", ["partially implemented"])),
    ("implemented", "X01.01",
     ("nonconformant", "major", ["claimed implemented but no evidence"])),
    ("implemented", "X01.02",
     ("nonconformant", "minor", ["claimed implemented but no evidence"])),
    ("implemented", "X01.03",
     ("nonconformant", "minor", ["claimed implemented but no evidence"])),
])
def test_status_and_criticality(make: Any, status: str, item: str,
                                expected: tuple[str, str, list[str]]) -> None:
    got = make(entries=[{"item": item, "status": status, "owner": "O"}]).result(item)
    assert verdict(got) == expected
    assert got["status"] == status and got["criticality"] == LEVEL[item]
    assert got["score"] == (0.5 if status == "partial" else 0.0)


def test_no_entry_is_not_assessed(make: Any) -> None:
    got = make().result("X01.02")
    assert verdict(got) == ("not-assessed", "observation", ["no evidence entry"])
    assert (got["status"], got["score"], got["weight"]) == (None, 0.0, 2.0)


def test_not_applicable_has_no_class_and_no_score(make: Any) -> None:
    got = make(entries=[{"item": "X01.01", "status": "not-applicable",
                         "justification": "No exports."}]).result("X01.01")
    assert verdict(got) == ("not-applicable", None, ["not applicable: No exports."])
    assert got["score"] is None


def test_clean_implemented_is_conformant(make: Any) -> None:
    got = make(entries=[clean()]).result("X01.01")
    assert verdict(got) == ("conformant", None, [])
    assert got["score"] == 1.0


def _fifo(root: Path) -> None:
    os.mkfifo(root / "docs" / "pipe")


@pytest.mark.parametrize(("reference", "reason"), [
    ({"path": "docs/gone.md"}, "evidence file missing"),
    ({"path": "docs"}, "evidence path is a directory"),
    ({"path": "docs/pipe"}, "evidence path is not a regular file"),
    ({"path": "/etc/hostname"}, "evidence path is absolute"),
    ({"path": "../outside.md"}, "evidence path leaves the repository"),
    ({"path": "docs/*.md"}, "evidence path is invalid"),
    ({"path": None, "url": "ftp://example.com/a"}, "evidence URL is malformed"),
    ({"path": None, "record": "no-colon"}, "record id is malformed"),
    ({"sha256": "ab" * 32}, "hash changed after approval"),
    ({"reviewed": dt.date(2026, 11, 16)}, "evidence dated in the future"),
])
def test_evidence_errors_make_it_partially_conformant(make: Any, reference: dict[str, Any],
                                                      reason: str) -> None:
    evidence = {**ref(kind="procedure", reviewed=FRESH), **reference}
    evidence = {k: v for k, v in evidence.items() if v is not None}
    got = make(entries=[clean(evidence=[evidence])], build=_fifo).result("X01.01")
    assert (got["result"], got["finding_class"], got["score"]) == (
        "partially-conformant", "minor", 0.5)
    assert len(got["reasons"]) == 1 and got["reasons"][0].startswith(f"{reason} (")


def test_a_file_changed_since_it_was_locked(make: Any) -> None:
    got = make(entries=[clean()], lock={DOC: "cd" * 32}).result("X01.01")
    assert verdict(got) == ("partially-conformant", "minor",
                            [f"hash changed after approval ({DOC} changed since it was locked)"])


def test_a_matching_hash_and_lock_are_clean(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=FRESH, sha256=A_DOC_HASH)])
    got = make(entries=[entry], lock={DOC: A_DOC_HASH}).result("X01.01")
    assert verdict(got) == ("conformant", None, [])


def test_the_same_error_twice_is_one_reason(make: Any) -> None:
    gone = {"path": "docs/gone.md", "description": "Gone.", "reviewed": FRESH}
    got = make(entries=[clean(evidence=[gone, gone])]).result("X01.01")
    assert got["reasons"] == ["evidence file missing (docs/gone.md does not exist)"]


def test_stale_evidence_is_partially_conformant(make: Any) -> None:
    got = make(entries=[clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])]
               ).result("X01.01")
    assert verdict(got) == ("partially-conformant", "minor", ["evidence stale since 2026-06-01"])
    assert got["score"] == 0.5


def test_errors_and_staleness_take_the_worse_class(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1)),
                            {"url": "ftp://example.com/a", "description": "FTP."}])
    rules = {"evidence-errors": "observation", "stale-evidence": "major"}
    got = make(entries=[entry], rules=rules).result("X01.01")
    assert got["finding_class"] == "major"
    assert got["reasons"][0] == "evidence stale since 2026-06-01"
    assert got["reasons"][1].startswith("evidence URL is malformed (")
    flipped = make(entries=[entry], rules={"evidence-errors": "major",
                                           "stale-evidence": "observation"}).result("X01.01")
    assert flipped["finding_class"] == "major"


def test_the_worse_class_whichever_problem_comes_first(make: Any) -> None:
    entry = clean(evidence=[{"url": "ftp://example.com/a", "description": "FTP."},
                            ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])
    got = make(entries=[entry], rules={"evidence-errors": "major",
                                       "stale-evidence": "observation"}).result("X01.01")
    assert got["reasons"][0].startswith("evidence URL is malformed (")
    assert got["reasons"][1] == "evidence stale since 2026-06-01"
    assert got["finding_class"] == "major"


def test_evidence_errors_may_have_no_class(make: Any) -> None:
    entry = clean(evidence=[{"url": "ftp://example.com/a", "description": "FTP."}])
    got = make(entries=[entry], rules={"evidence-errors": "none"}).result("X01.01")
    assert (got["result"], got["finding_class"]) == ("partially-conformant", None)


def test_not_applicable_without_justification_is_still_judged(make: Any) -> None:
    got = make(entries=[{"item": "X01.01", "status": "not-applicable"}]).result("X01.01")
    assert verdict(got) == ("not-applicable", None, ["not applicable: no justification"])
    assert [p["code"] for p in got["problems"]] == ["JUSTIFICATION_REQUIRED"]


def test_links_only_for_safe_targets(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=FRESH),
                            {"url": "HTTPS://example.com/a", "description": "Page."},
                            {"url": "javascript:alert(1)", "description": "Script."},
                            {"record": "JIRA:CHG-1", "description": "Ticket."}])
    got = make(entries=[entry]).result("X01.01")
    assert [(e["type"], e["link"]) for e in got["evidence"]] == [
        ("path", DOC), ("url", "HTTPS://example.com/a"), ("url", None), ("record", None)]


@pytest.mark.parametrize(("entry", "lock", "reasons"), [
    (clean(owner=None), None, ["no owner recorded"]),
    (clean(evidence=[ref(kind="procedure")]), None,
     ["no review or approval date on the evidence"]),
    (clean(evidence=[ref(kind="procedure")], reviewed=FRESH), None, []),  # the entry's date
    (clean(evidence=[ref(kind="procedure", approved=FRESH)]), None, []),  # approved counts
    (clean(), {"docs/other.md": A_DOC_HASH}, ["evidence not pinned in the lock file"]),
    (clean(owner=None, evidence=[ref(kind="procedure")]), {},
     ["no owner recorded", "no review or approval date on the evidence",
      "evidence not pinned in the lock file"]),
])
def test_opportunities_for_improvement(make: Any, entry: dict[str, Any],
                                       lock: dict[str, str] | None,
                                       reasons: list[str]) -> None:
    got = make(entries=[{k: v for k, v in entry.items() if v is not None}],
               lock=lock).result("X01.01")
    assert verdict(got) == ("conformant", "ofi" if reasons else None, reasons)
    assert got["score"] == 1.0


def test_an_undated_reference_next_to_a_dated_one_is_enough(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure"), {"record": "JIRA:DOC-1",
                                                    "description": "Review.",
                                                    "reviewed": FRESH}])
    assert verdict(make(entries=[entry]).result("X01.01")) == ("conformant", None, [])


# --- precedence: exclusion, then waiver, then the entry -------------------------------------


def test_exclusion_beats_waiver_and_entry(make: Any) -> None:
    got = make(exclusions=[{"id": "X01.01", "justification": "No exports."}],
               waivers=[waiver("X01.01", day(30))],
               entries=[{"item": "X01.01", "status": "not-implemented"}]).result("X01.01")
    assert verdict(got) == ("not-applicable", None, ["excluded from scope: No exports."])


@pytest.mark.parametrize("entry", [
    None, {"item": "X01.01", "status": "not-implemented"},
    {"item": "X01.01", "status": "not-applicable", "justification": "n/a"}, clean()])
def test_an_approved_waiver_beats_any_entry(make: Any, entry: dict[str, Any] | None) -> None:
    got = make(entries=[entry] if entry else [],
               waivers=[waiver("X01.01", dt.date(2027, 1, 1))]).result("X01.01")
    assert verdict(got) == ("waived", None, ["waived until 2027-01-01: Being replaced."])
    assert got["score"] is None
    assert got["waiver"]["expired"] is False


def test_a_waiver_for_one_service(make: Any) -> None:
    report = make(waivers=[waiver("X02.02", day(30), service="app")]).report()
    assert find(report, "X02.02", "app")["result"] == "waived"
    assert find(report, "X02.02", "infra")["result"] == "not-assessed"
    assert find(report, "X02.01", "app")["result"] == "not-assessed"


def test_a_waiver_without_service_covers_every_service(make: Any) -> None:
    report = make(waivers=[waiver("X02.02", day(30))]).report()
    assert [find(report, "X02.02", s)["result"] for s in ("app", "infra")] == ["waived"] * 2


@pytest.mark.parametrize(("expires", "waived"), [(day(0), True), (day(-1), False),
                                                 (day(1), True)])
def test_waiver_expiry_at_the_as_of_date(make: Any, expires: dt.date, waived: bool) -> None:
    got = make(waivers=[waiver("X01.02", expires)]).result("X01.02")
    if waived:
        assert verdict(got) == ("waived", None,
                                [f"waived until {expires.isoformat()}: Being replaced."])
        assert got["waiver"]["expired"] is False
    else:
        assert verdict(got) == ("not-assessed", "minor",
                                ["no evidence entry", "waiver expired 2026-11-14"])
        assert got["waiver"]["expired"] is True


@pytest.mark.parametrize(("entry", "rules", "expected"), [
    ({"item": "X01.03", "status": "planned"}, None,  # observation raised to minor
     ("nonconformant", "minor", ["planned, not yet implemented", "waiver expired 2026-11-14"])),
    ({"item": "X01.01", "status": "not-implemented"}, None,  # major stays major
     ("nonconformant", "major", ["not implemented", "waiver expired 2026-11-14"])),
    ({"item": "X01.01", "status": "not-implemented"}, {"expired-waiver": "observation"},
     ("nonconformant", "major", ["not implemented", "waiver expired 2026-11-14"])),
    ({"item": "X01.01", "status": "partial"}, {"expired-waiver": "major"},
     ("partially-conformant", "major", ["partially implemented",
                                        "waiver expired 2026-11-14"])),
    (clean("X01.01"), None, ("conformant", None, ["waiver expired 2026-11-14"])),
    (clean("X01.01", owner=None), None,
     ("conformant", "ofi", ["no owner recorded", "waiver expired 2026-11-14"])),
])
def test_an_expired_waiver_judges_the_status_and_raises_the_class(
        make: Any, entry: dict[str, Any], rules: dict[str, str] | None,
        expected: tuple[str, str | None, list[str]]) -> None:
    entry = {k: v for k, v in entry.items() if v is not None}
    got = make(entries=[entry], rules=rules,
               waivers=[waiver(entry["item"], day(-1))]).result(entry["item"])
    assert verdict(got) == expected


def test_an_expired_waiver_on_a_not_applicable_entry_raises_nothing(make: Any) -> None:
    # A not-applicable item has no requirement for a waiver to have covered: nothing to raise.
    got = make(entries=[{"item": "X01.01", "status": "not-applicable", "justification": "n/a"}],
               waivers=[waiver("X01.01", day(-1))]).result("X01.01")
    assert verdict(got) == ("not-applicable", None,
                            ["not applicable: n/a", "waiver expired 2026-11-14"])


@pytest.mark.parametrize("missing", [("approved_by",), ("approved",), ("approved_by", "approved")])
def test_an_unapproved_waiver_is_ignored(make: Any, missing: tuple[str, ...]) -> None:
    unapproved = waiver("X01.02", day(30), **dict.fromkeys(missing))
    got = make(entries=[{"item": "X01.02", "status": "not-implemented"}],
               waivers=[unapproved]).result("X01.02")
    assert verdict(got) == ("nonconformant", "minor", ["not implemented", "waiver not approved"])


def test_an_unapproved_expired_waiver_is_only_unapproved(make: Any) -> None:
    got = make(entries=[{"item": "X01.03", "status": "planned"}],
               waivers=[waiver("X01.03", day(-1), approved_by=None)]).result("X01.03")
    assert verdict(got) == ("nonconformant", "observation",
                            ["planned, not yet implemented", "waiver not approved"])


# --- every rule can be changed -----------------------------------------------------------

RULES = {
    "not-implemented": {"high": "minor", "medium": "observation", "low": "ofi"},
    "planned": {"high": "observation", "medium": "ofi", "low": "none"},
    "partial": {"high": "major", "medium": "observation", "low": "ofi"},
    "no-evidence": {"high": "observation", "medium": "major", "low": "ofi"},
    "evidence-errors": "observation", "stale-evidence": "major", "expired-waiver": "major",
    "not-assessed": "minor", "improvements": "observation",
}


@pytest.mark.parametrize(("entry", "klass"), [
    ({"item": "X01.01", "status": "not-implemented"}, "minor"),
    ({"item": "X01.02", "status": "not-implemented"}, "observation"),
    ({"item": "X01.03", "status": "not-implemented"}, "ofi"),
    ({"item": "X01.01", "status": "planned"}, "observation"),
    ({"item": "X01.02", "status": "planned"}, "ofi"),
    ({"item": "X01.03", "status": "planned"}, None),
    ({"item": "X01.01", "status": "partial"}, "major"),
    ({"item": "X01.02", "status": "partial"}, "observation"),
    ({"item": "X01.03", "status": "partial"}, "ofi"),
    ({"item": "X01.01", "status": "implemented"}, "observation"),
    ({"item": "X01.02", "status": "implemented"}, "major"),
    ({"item": "X01.03", "status": "implemented"}, "ofi"),
    (clean(evidence=[{"url": "ftp://example.com/a", "description": "FTP."}]), "observation"),
    (clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))]), "major"),
    (clean(owner=None), "observation"),
    (None, "minor"),
])
def test_every_rule_can_be_changed(make: Any, entry: dict[str, Any] | None,
                                   klass: str | None) -> None:
    entries = [{k: v for k, v in entry.items() if v is not None}] if entry else []
    got = make(entries=entries, rules=RULES).result(entry["item"] if entry else "X01.01")
    assert got["finding_class"] == klass


def test_the_expired_waiver_rule_can_be_changed(make: Any) -> None:
    got = make(rules=RULES, waivers=[waiver("X01.01", day(-1))]).result("X01.01")
    assert verdict(got) == ("not-assessed", "major",
                            ["no evidence entry", "waiver expired 2026-11-14"])


def test_effective_rules_are_in_the_report(make: Any) -> None:
    rules = make(rules={"planned": {"high": "minor", "medium": "minor", "low": "minor"}}
                 ).report()["rules"]
    assert rules["planned"] == {"high": "minor", "medium": "minor", "low": "minor"}
    assert rules["partial"] == {"high": "minor", "medium": "minor", "low": "observation"}
    assert rules["weights"] == {"high": 3.0, "medium": 2.0, "low": 1.0}
