"""Every row of the rules table in docs/assessment-rules.md, in its documented order.

Small fixture items: X01.01 high, X01.02 medium, X01.03 low, X02.* per service (app,
infra). Judged as of 2026-11-15; expected results, classes and reasons written by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.assessment.verdicts import WaiverIndex
from sms20k.evidence.models import Waiver

from ..counting import Compared
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
    assert verdict(got) == ("not-assessed", None, ["not assessed: no evidence entry"])
    assert (got["status"], got["score"], got["weight"]) == (None, None, 2.0)


def test_status_not_assessed_is_not_assessed(make: Any) -> None:
    got = make(entries=[{"item": "X01.01", "status": "not-assessed"}]).result("X01.01")
    assert verdict(got) == ("not-assessed", None, ["not assessed"])
    assert (got["status"], got["score"]) == ("not-assessed", None)


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


@pytest.mark.parametrize(("reference", "code"), [
    ({"path": "docs/gone.md"}, "REF_MISSING"),
    ({"path": "docs"}, "REF_DIRECTORY"),
    ({"path": "docs/pipe"}, "REF_NOT_FILE"),
    ({"path": "/etc/hostname"}, "REF_ABSOLUTE"),
    ({"path": "../outside.md"}, "REF_ESCAPE"),
    ({"path": "docs/*.md"}, "REF_INVALID"),
    ({"path": None, "url": "ftp://example.com/a"}, "REF_URL"),
    ({"path": None, "record": "no-colon"}, "REF_RECORD"),
])
def test_a_broken_reference_is_a_repository_problem_not_a_finding(
        make: Any, reference: dict[str, Any], code: str) -> None:
    evidence = {**ref(kind="procedure", reviewed=FRESH), **reference}
    evidence = {k: v for k, v in evidence.items() if v is not None}
    repo = make(entries=[clean(evidence=[evidence])], build=_fifo)
    report = repo.report()
    got = find(report, "X01.01")
    assert verdict(got) == ("not-assessed", None, [
        "not assessed: procedure (Approved export procedure with formats and times.) cannot "
        "be used: its reference is broken (see repository problems)"])
    assert got["score"] is None
    assert [p["code"] for p in got["problems"]] == [code]
    assert report["findings"] == []
    assert report["summary"]["repository_errors"] == 1
    assert repo.last_exit == 1


def test_a_broken_reference_next_to_a_sound_one_changes_nothing(make: Any) -> None:
    gone = {"path": "docs/gone.md", "description": "Gone.", "kind": "procedure"}
    repo = make(entries=[clean(evidence=[ref(kind="procedure", reviewed=FRESH), gone])])
    report = repo.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert report["summary"]["repository_errors"] == 1 and repo.last_exit == 1


def test_a_date_in_the_future_is_a_repository_problem(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=dt.date(2026, 11, 16))])
    repo = make(entries=[entry])
    report = repo.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert report["summary"]["repository_errors"] == 1 and report["findings"] == []


@pytest.mark.parametrize(("reference", "lock"), [
    ({"sha256": "ab" * 32}, None), ({}, {DOC: "cd" * 32})])
def test_a_changed_document_is_one_document_control_observation(
        make: Any, reference: dict[str, Any], lock: dict[str, str] | None) -> None:
    entries = [clean(evidence=[ref(kind="procedure", reviewed=FRESH, **reference)]),
               clean("X01.03", evidence=[ref(kind="register", reviewed=FRESH, **reference)])]
    repo = make(entries=entries, lock=lock)
    report = repo.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    (finding,) = report["findings"]
    assert (finding["kind"], finding["grade"], finding["clause"]["id"], finding["document"]) == (
        "document-control", "observation", "7.5.3", DOC)
    assert [i["item"] for i in finding["items"]] == ["X01.01", "X01.03"]
    assert finding["id"].startswith("DC-") and report["summary"]["findings"]["observation"] == 1
    assert report["summary"]["repository_errors"] == 2 and repo.last_exit == 1


def test_a_matching_hash_and_lock_are_clean(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=FRESH, sha256=A_DOC_HASH)])
    repo = make(entries=[entry], lock={DOC: A_DOC_HASH})
    report = repo.report()
    assert verdict(find(report, "X01.01")) == ("conformant", None, [])
    assert report["findings"] == [] and repo.last_exit == 0


def test_the_same_broken_reference_twice_is_one_reason(make: Any) -> None:
    gone = {"path": "docs/gone.md", "description": "Gone.", "kind": "procedure"}
    got = make(entries=[clean(evidence=[gone, gone])]).result("X01.01")
    assert len(got["reasons"]) == 1 and got["result"] == "not-assessed"


STALE = "procedure (Approved export procedure with formats and times.) stale since 2026-06-01"


def test_stale_required_evidence_of_a_high_item_is_a_minor(make: Any) -> None:
    got = make(entries=[clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])]
               ).result("X01.01")
    assert verdict(got) == ("partially-conformant", "minor", [STALE])
    assert got["score"] == 0.5
    (check,) = got["evidence_checks"]
    assert (check["state"], check["stale_since"], check["dated"]) == (
        "stale", "2026-06-01", "2025-06-01")


def test_stale_required_evidence_of_a_medium_item_is_an_observation(make: Any) -> None:
    old = {"path": DOC, "description": "Log.", "kind": "record", "reviewed": dt.date(2026, 8, 1)}
    got = make(entries=[clean("X01.02", evidence=[old])]).result("X01.02")
    assert got["result"] == "partially-conformant" and got["finding_class"] == "observation"


def test_one_fresh_reference_of_the_kind_is_enough(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1)),
                            ref(kind="procedure", reviewed=FRESH)])
    assert verdict(make(entries=[entry]).result("X01.01")) == ("conformant", None, [])


@pytest.mark.parametrize(("item", "kind", "klass"), [
    ("X01.01", "record", "minor"), ("X01.02", "procedure", "observation"),
    ("X01.03", "record", "observation")])
def test_a_missing_required_kind_is_minor_when_high_else_an_observation(
        make: Any, item: str, kind: str, klass: str) -> None:
    got = make(entries=[clean(item, evidence=[ref(kind=kind, reviewed=FRESH)])]).result(item)
    assert (got["result"], got["finding_class"], got["score"]) == (
        "partially-conformant", klass, 0.5)
    assert got["reasons"][0].startswith("implemented, but no ")
    assert [c["state"] for c in got["evidence_checks"]] == ["missing"]


def test_a_reference_without_kind_shows_no_kind(make: Any) -> None:
    got = make(entries=[clean(evidence=[ref(reviewed=FRESH)])]).result("X01.01")
    assert verdict(got) == ("partially-conformant", "minor", [
        "implemented, but no procedure (Approved export procedure with formats and times.)",
        "1 of the references give no `kind`, so they show no expected kind"])


def _with_supporting(root: Path) -> None:
    path = root / "checklists" / "X01.yaml"
    first = "      - {kind: procedure, description: Approved export procedure with formats and times., cadence: P1Y}\n"  # noqa: E501
    text = path.read_text()
    assert first in text
    path.write_text(text.replace(first, first + "      - {kind: record, description: Export "
                                 "log., cadence: P3M, level: supporting}\n", 1))


def test_a_missing_supporting_kind_is_an_opportunity(make: Any) -> None:
    got = make(entries=[clean()], build=_with_supporting).result("X01.01")
    assert verdict(got) == ("conformant", "ofi",
                            ["supporting evidence: no record (Export log.)"])
    assert [(c["level"], c["state"]) for c in got["evidence_checks"]] == [
        ("required", "provided"), ("supporting", "missing")]


def test_missing_and_stale_take_the_worse_class(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])
    got = make(entries=[entry], build=_with_supporting,
               rules={"stale-evidence": "major"}).result("X01.01")
    assert verdict(got) == ("partially-conformant", "major", [STALE])


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


WAIVED = "waived until 2027-01-01 by CEO"


@pytest.mark.parametrize(("entry", "expected"), [
    (None, ("not-assessed", None, ["not assessed: no evidence entry", WAIVED])),
    ({"item": "X01.01", "status": "not-implemented"},
     ("nonconformant", "major", ["not implemented", WAIVED])),
    ({"item": "X01.01", "status": "not-applicable", "justification": "n/a"},
     ("not-applicable", None, ["not applicable: n/a", WAIVED])),
    (clean(), ("conformant", None, [WAIVED])),
])
def test_an_approved_waiver_keeps_the_true_verdict(
        make: Any, entry: dict[str, Any] | None,
        expected: tuple[str, str | None, list[str]]) -> None:
    # Certification auditors do not recognize waivers: the finding stands, marked waived.
    got = make(entries=[entry] if entry else [],
               waivers=[waiver("X01.01", dt.date(2027, 1, 1))]).result("X01.01")
    assert verdict(got) == expected
    assert got["waiver"]["expired"] is False and got["waiver"]["active"] is True
    # A waiver exempts a judged result from the gates; nothing judged, nothing waived.
    assert got["waived"] is (expected[0] not in ("not-applicable", "not-assessed"))


def test_a_waived_major_is_still_a_finding_but_not_gated(make: Any) -> None:
    repo = make(entries=[{"item": "X01.01", "status": "not-implemented"}],
                waivers=[waiver("X01.01", dt.date(2027, 1, 1))])
    report = repo.report()
    (finding,) = report["findings"]
    assert (finding["grade"], finding["waived"], finding["items"][0]["waived"]) == (
        "major", True, True)
    summary = report["summary"]
    assert summary["findings"]["major"] == 1 and summary["gated_findings"]["major"] == 0
    assert summary["waived"] == 1
    assert summary["score"] == 0.0 and summary["gated_score"] is None


PLANNED = [{"item": "X02.02", "service": s, "status": "planned"} for s in ("app", "infra")]


def test_a_waiver_for_one_service(make: Any) -> None:
    report = make(entries=PLANNED,
                  waivers=[waiver("X02.02", day(30), service="app")]).report()
    assert find(report, "X02.02", "app")["waived"] is True
    assert find(report, "X02.02", "infra")["waived"] is False
    assert find(report, "X02.01", "app")["waiver"] is None


def test_a_waiver_without_service_covers_every_service(make: Any) -> None:
    report = make(entries=PLANNED, waivers=[waiver("X02.02", day(30))]).report()
    assert [find(report, "X02.02", s)["waived"] for s in ("app", "infra")] == [True] * 2



@pytest.mark.parametrize("order", ["service first", "all services first"])
def test_the_first_waiver_in_file_order_applies(make: Any, order: str) -> None:
    own = waiver("X02.02", day(30), service="app", reason="Only app.")
    every = waiver("X02.02", day(30), reason="Every service.")
    given = [own, every] if order == "service first" else [every, own]
    report = make(entries=PLANNED, waivers=given).report()
    app = find(report, "X02.02", "app")["waiver"]
    assert app is not None and app["reason"] == given[0]["reason"]
    infra = find(report, "X02.02", "infra")["waiver"]
    assert infra is not None and infra["reason"] == "Every service."





@pytest.mark.parametrize(("files", "app_reason"), [
    ({"a.yaml": "app", "b.yaml": None}, "In a.yaml."),
    ({"z.yaml": "app", "b.yaml": None}, "In b.yaml."),
    ({"a.yaml": "app", "b.yaml": None, "manifest": None}, "In the manifest."),
])
def test_waivers_in_several_files_apply_in_reading_order(
        make: Any, files: dict[str, str | None], app_reason: str) -> None:
    """The manifest first, then the included files sorted by path (docs/assessment-rules.md)."""
    manifest = ([waiver("X02.02", day(30), reason="In the manifest.")]
                if "manifest" in files else [])

    def evidence(root: Path) -> None:
        doc = yaml.safe_load((root / "sms20k.yaml").read_text())
        doc["include"] = ["evidence/*.yaml"]
        (root / "sms20k.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
        (root / "evidence").mkdir()
        for name, service in files.items():
            if name != "manifest":
                given = waiver("X02.02", day(30), reason=f"In {name}.",
                               **({"service": service} if service else {}))
                (root / "evidence" / name).write_text(yaml.safe_dump({"waivers": [given]}))

    report = make(entries=PLANNED, waivers=manifest, build=evidence).report()
    app = find(report, "X02.02", "app")["waiver"]
    assert app is not None and app["reason"] == app_reason
    infra = find(report, "X02.02", "infra")["waiver"]
    expected = "In the manifest." if "manifest" in files else "In b.yaml."
    assert infra is not None and infra["reason"] == expected

def _waivers(services: Sequence[str | None]) -> list[Waiver]:
    """Approved waivers of X02.02, one per service (None: for all), comparing countably."""
    return [Waiver.model_construct(item="X02.02", service=None if s is None else Compared(s),
                                   reason="r", approved_by="CEO", approved=day(-1),
                                   expires=day(30))
            for s in services]


@pytest.mark.parametrize("services", [500, 2_000])
def test_finding_the_waiver_of_each_service_is_linear_in_the_waivers(services: int) -> None:
    ids = [f"svc-{n}" for n in range(services)]
    index = WaiverIndex([*_waivers(ids), *_waivers(["svc-0"])])  # a later duplicate: ignored
    Compared.comparisons = 0
    found = [index.find("X02.02", s) for s in ids]
    assert [w.service if w else None for w in found] == ids
    assert index.find("X02.02", "svc-0") is found[0] and index.find("X02.01", "svc-0") is None
    assert Compared.comparisons <= 4 * services  # a scan per result is services**2 / 2


def test_a_result_for_the_whole_scope_takes_only_a_waiver_for_all_services() -> None:
    own, every = _waivers(["app", None])
    assert WaiverIndex([own]).find("X02.02", None) is None
    assert WaiverIndex([own, every]).find("X02.02", None) is every
    assert WaiverIndex([own, every]).find("X02.02", "app") is own
    assert WaiverIndex([every, own]).find("X02.02", "app") is every

@pytest.mark.parametrize(("expires", "waived"), [(day(0), True), (day(-1), False),
                                                 (day(1), True)])
def test_waiver_expiry_at_the_as_of_date(make: Any, expires: dt.date, waived: bool) -> None:
    got = make(entries=[{"item": "X01.02", "status": "not-implemented"}],
               waivers=[waiver("X01.02", expires)]).result("X01.02")
    assert got["waived"] is waived and got["waiver"]["expired"] is not waived
    if waived:
        assert verdict(got) == ("nonconformant", "minor", [
            "not implemented", f"waived until {expires.isoformat()} by CEO"])
    else:
        assert verdict(got) == ("nonconformant", "minor",
                                ["not implemented", "waiver expired 2026-11-14"])


def test_an_expired_waiver_on_an_unassessed_item_raises_nothing(make: Any) -> None:
    got = make(waivers=[waiver("X01.02", day(-1))]).result("X01.02")
    assert verdict(got) == ("not-assessed", None,
                            ["not assessed: no evidence entry", "waiver expired 2026-11-14"])


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
    "missing-evidence": {"high": "major", "medium": "minor", "low": "none"},
    "stale-evidence": "major", "expired-waiver": "major", "improvements": "observation",
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
    (clean(evidence=[ref(kind="record", reviewed=FRESH)]), "major"),
    (clean("X01.02", evidence=[ref(kind="procedure", reviewed=FRESH)]), "minor"),
    (clean("X01.03", evidence=[ref(kind="procedure", reviewed=FRESH)]), None),
    (clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))]), "major"),
    (clean(owner=None), "observation"),
    (None, None),
])
def test_every_rule_can_be_changed(make: Any, entry: dict[str, Any] | None,
                                   klass: str | None) -> None:
    entries = [{k: v for k, v in entry.items() if v is not None}] if entry else []
    got = make(entries=entries, rules=RULES).result(entry["item"] if entry else "X01.01")
    assert got["finding_class"] == klass


def test_the_expired_waiver_rule_can_be_changed(make: Any) -> None:
    got = make(rules=RULES, entries=[{"item": "X01.03", "status": "planned"}],
               waivers=[waiver("X01.03", day(-1))]).result("X01.03")
    assert verdict(got) == ("nonconformant", "major",
                            ["planned, not yet implemented", "waiver expired 2026-11-14"])


@pytest.mark.parametrize("key", ["evidence-errors", "not-assessed"])
def test_rules_of_format_1_that_no_longer_exist_are_refused(make: Any, key: str) -> None:
    view = make(rules={key: "minor"}).validate_raw()
    assert view.exit_code == 2, view.output
    assert f"rules.{key}" in view.output


def test_effective_rules_are_in_the_report(make: Any) -> None:
    rules = make(rules={"planned": {"high": "minor", "medium": "minor", "low": "minor"}}
                 ).report()["rules"]
    assert rules["planned"] == {"high": "minor", "medium": "minor", "low": "minor"}
    assert rules["partial"] == {"high": "minor", "medium": "minor", "low": "observation"}
    assert rules["weights"] == {"high": 3.0, "medium": 2.0, "low": 1.0}
