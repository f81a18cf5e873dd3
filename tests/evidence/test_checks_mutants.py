"""The finding for an id the checklists do not know: its item, place and hint (issue 12), and
the one for a second entry of an item and service (the mutation run of 2026-12-04)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from sms20k.evidence.checks import Checker
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.findings import Finding

from .judge import (
    APP,
    AS_OF,
    DOC,
    INFRA,
    Repo,
    day,
    manifest_col,
    manifest_line,
    ref,
    waiver,
)


def _unknown(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in view["findings"] if f["code"] == "UNKNOWN_ITEM"]


def test_an_unknown_entry_item_names_the_item_and_points_to_the_scenarios(make: Any) -> None:
    view = make(entries=[{"item": "QQQQ", "status": "planned"}]).validate()
    [finding] = _unknown(view)
    assert finding["item"] == "QQQQ"
    assert finding["message"] == "QQQQ is not a scenario or item of the checklists"
    assert finding["hint"] == "see `sms20k scenarios`"


def test_an_unknown_exclusion_names_the_id(make: Any) -> None:
    view = make(exclusions=[{"id": "QQQQ", "justification": "Not ours."}]).validate()
    [finding] = _unknown(view)
    assert (finding["item"], finding["hint"]) == ("QQQQ", "see `sms20k scenarios`")


def test_an_unknown_per_service_id_is_shown_where_the_manifest_lists_it(make: Any) -> None:
    # Checker._manifest (mutation run of 2026-12-04).
    repo = make(per_service=["X02", "QQQQ"])
    view = repo.validate()
    [finding] = _unknown(view)
    line = manifest_line(repo.root, "- QQQQ")
    assert (finding["path"], finding["line"], finding["col"]) == (
        str(repo.root / "sms20k.yaml"), line, manifest_col(repo.root, line, "QQQQ"))
    assert (finding["item"], finding["message"], finding["hint"]) == (
        "QQQQ", "QQQQ is not a scenario or item of the checklists", "see `sms20k scenarios`")


def test_a_second_entry_for_an_item_and_service_names_both(make: Any) -> None:
    # Checker._entries: the duplicate is named with its service.
    entry = {"item": "X02.01", "service": "app", "status": "planned"}
    view = make(entries=[entry, entry]).validate()
    [finding] = [f for f in view["findings"] if f["code"] == "DUPLICATE_ENTRY"]
    assert finding["message"].startswith("second entry for X02.01 (app) (the first is at "), (
        finding["message"])


def test_each_waiver_problem_points_at_its_field_and_names_its_item(make: Any) -> None:
    # Checker._waivers (mutation run of 2026-12-04).
    waivers = [
        waiver("QQQQ", day(30)),
        waiver("X01.02", day(30), approved_by=None),
        waiver("X01.03", day(30), approved=day(1)),
        waiver("X02.01", day(-1), service="app"),
    ]
    repo = make(waivers=waivers)
    view = repo.validate()
    found = {f["code"]: f for f in view["findings"]
             if f["code"] in ("UNKNOWN_ITEM", "WAIVER_UNAPPROVED", "DATE_IN_FUTURE",
                              "WAIVER_EXPIRED")}
    root = repo.root
    unknown = found["UNKNOWN_ITEM"]
    at = manifest_line(root, "- item: QQQQ")
    assert (unknown["line"], unknown["col"], unknown["item"]) == (
        at, manifest_col(root, at, "QQQQ"), "QQQQ")
    unapproved = found["WAIVER_UNAPPROVED"]
    assert (unapproved["item"], unapproved["hint"]) == (
        "X01.02", "add `approved_by:` and `approved:`")
    future = found["DATE_IN_FUTURE"]
    x01_03 = manifest_line(root, "- item: X01.03")
    assert (future["line"], future["item"], future["hint"]) == (
        manifest_line(root, f"approved: {day(1).isoformat()}", after=x01_03), "X01.03",
        "fix the date")
    expired = found["WAIVER_EXPIRED"]
    assert (expired["item"], expired["service"]) == ("X02.01", "app")


@pytest.mark.parametrize(("given", "more"), [(1, " and 2 more"), (2, " and 1 more"), (3, "")])
def test_missing_entries_of_a_scenario_name_five_and_count_the_rest(
        make: Any, given: int, more: str) -> None:
    # Checker._missing: X02 expects 8 results (its 2 items for each of 4 services).
    services = [APP, INFRA, *({**APP, "id": f"app{n}", "name": f"App {n}"} for n in (2, 3))]
    expected = [(f"X02.0{n}", s["id"]) for n in (1, 2) for s in services]
    entries = [{"item": i, "service": s, "status": "planned"} for i, s in expected[:given]]
    view = make(services=services, entries=entries).validate()
    [finding] = [f for f in view["findings"]
                 if f["code"] == "MISSING_ENTRY" and f["item"] == "X02"]
    head = f"X02: {8 - given} of its 8 applicable items have no entry ("
    assert finding["message"].startswith(head), finding["message"]
    inside = finding["message"][len(head):].removesuffix("); they are not assessed")
    assert inside.endswith(more) and not (more == "" and "more" in inside), inside
    names = inside.removesuffix(more).split(", ")
    missing = [f"{i} ({s})" for i, s in expected[given:]]
    assert len(names) == 5 and set(names) <= set(missing), names


def test_an_unreadable_file_is_one_finding_at_its_first_citation(
        make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Checker._hashes (mutation run of 2026-12-07). CI runs the tests as root, which reads
    # every file whatever its mode, so the read error comes from the hashing call itself.
    from sms20k.evidence import checks

    real = checks.hash_files

    def failing(paths: Any, **kwargs: Any) -> dict[Path, Any]:
        digests = real(paths, **kwargs)
        return {p: PermissionError(13, "Permission denied") if p.name == "a.md" else d
                for p, d in digests.items()}

    monkeypatch.setattr(checks, "hash_files", failing)
    digest = hashlib.sha256(b"# A\n").hexdigest()
    repo = make(entries=[{"item": item, "status": "implemented",
                          "evidence": [ref(sha256=digest)]} for item in ("X01.01", "X01.02")])
    view = repo.validate()
    unreadable = [f for f in view["findings"] if f["code"] == "REF_UNREADABLE"]
    first = manifest_line(repo.root, f"- path: {DOC}")
    assert [(f["line"], f["col"], f["item"], f["message"], f["hint"]) for f in unreadable] == [
        (first, manifest_col(repo.root, first, DOC), "X01.01",
         "cannot read a.md: Permission denied", "check permissions")]


def _checked(repo: Repo) -> list[Finding]:
    """The findings of the checks, as models: the subject and fingerprint are not printed."""
    loaded, catalog = load_with_catalog(repo.write(), ())
    return list(Checker(loaded, catalog, AS_OF).run(None))


def test_two_problems_of_one_entry_have_their_own_subject_and_fingerprint(make: Any) -> None:
    # Located.finding and subject_of (mutation run of 2026-12-07): the field path and the
    # offending value are what tell apart two problems of one code in one entry in CI, where
    # the fingerprint must not move with lines or wording.
    repo = make(entries=[{"item": "X01.01", "status": "implemented",
                          "evidence": [ref(path="docs/gone1.md"), ref(path="docs/gone2.md")]}])
    missing = [f for f in _checked(repo) if f.code == "REF_MISSING"]
    assert [f.subject for f in missing] == ["entries[0].evidence[0].path=docs/gone1.md",
                                            "entries[0].evidence[1].path=docs/gone2.md"]
    assert len({f.fingerprint() for f in missing}) == 2


def test_a_problem_at_a_mapping_or_a_missing_field_has_no_value_in_its_subject(
        make: Any) -> None:
    # subject_of: an entry's whole content is no part of its key, or editing its notes would
    # move a duplicate entry's fingerprint; a field the file lacks is named without a value.
    def found(notes: str) -> dict[str, Any]:
        entry = {"item": "X01.01", "status": "planned"}
        return {f.code: f for f in _checked(make(entries=[entry, {**entry, "notes": notes}]))}

    first, edited = found("One."), found("Two.")
    assert first["DUPLICATE_ENTRY"].subject == "entries[1]="
    assert first["DUPLICATE_ENTRY"].fingerprint() == edited["DUPLICATE_ENTRY"].fingerprint()
    assert first["MISSING_ENTRY"].subject == "include="
