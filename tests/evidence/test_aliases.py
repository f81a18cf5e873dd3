"""Merged items: evidence that still names a merged id is read under the new id, with a
DEPRECATED_ID warning that names it; nothing is silently dropped or double counted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .judge import Repo, day, find, manifest_col, manifest_line, ref, waiver

# Z03.01 absorbed Z03.02 (same scenario) and Y01.03 (another scenario's old id).
Z03 = {"Z03": {
    "id": "Z03", "title": "Merged", "summary": "An item that absorbed two others.",
    "outcomes": ["Old ids keep working."],
    "applicability": {"service_categories": ["SaaS", "IaaS"],
                      "deployment_models": ["public", "private"]},
    "items": [{
        "id": "Z03.01", "title": "Survivor", "guidance": "Do it. It matters.",
        "clauses_2011": ["6.1"], "criticality": "medium", "tags": ["t"],
        "questions": ["Q?", "R?"], "aliases": ["Z03.02", "Y01.03"],
        "evidence": [{"kind": "procedure", "description": "A procedure.", "cadence": "P1Y"}]}],
}}


def _repo(tmp_path: Path, **fields: Any) -> Repo:
    return Repo(tmp_path / "repo", checklists=Z03, per_service=[], **fields)


def _deprecated(view: dict[str, Any]) -> list[tuple[str | None, int | None, str]]:
    return [(f["item"], f["line"], f["message"]) for f in view["findings"]
            if f["code"] == "DEPRECATED_ID"]


def test_an_entry_under_a_merged_id_is_judged_as_the_new_item(tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[
        {"item": "Z03.02", "status": "implemented", "evidence": [ref()]}])
    view = repo.validate()
    assert view["exit"] == 0, view
    assert [(item, msg) for item, _, msg in _deprecated(view)] == [
        ("Z03.01", "Z03.02 was merged into Z03.01; it is read as Z03.01")]
    assert find(repo.report(), "Z03.01")["status"] == "implemented"


def test_the_new_items_own_entry_wins_and_the_old_one_is_set_aside(tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[
        {"item": "Z03.02", "status": "implemented", "evidence": [ref()]},
        {"item": "Z03.01", "status": "partial"}])
    view = repo.validate()
    assert "DUPLICATE_ENTRY" not in [f["code"] for f in view["findings"]]
    [(item, line, message)] = _deprecated(view)
    assert item == "Z03.01" and line is not None
    assert re.fullmatch(r"Z03\.02 was merged into Z03\.01, which has its own entry at "
                        r"\S*sms20k\.yaml:\d+; this entry is set aside", message), message
    assert find(repo.report(), "Z03.01")["status"] == "partial"


def test_two_old_ids_of_one_item_keep_the_first_and_set_the_second_aside(
        tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[
        {"item": "Y01.03", "status": "planned"},
        {"item": "Z03.02", "status": "implemented", "evidence": [ref()]}])
    messages = [m for _, _, m in _deprecated(repo.validate())]
    assert messages[0] == "Y01.03 was merged into Z03.01; it is read as Z03.01"
    assert "set aside" in messages[1]
    assert find(repo.report(), "Z03.01")["status"] == "planned"


def test_waivers_exclusions_and_per_service_follow_the_merge(tmp_path: Path) -> None:
    repo = _repo(tmp_path, exclusions=[{"id": "Z03.02", "justification": "Not offered."}])
    report = repo.report()
    assert find(report, "Z03.01")["result"] == "not-applicable"
    repo = _repo(tmp_path, entries=[{"item": "Z03.01", "service": "app", "status": "partial"},
                                    {"item": "Z03.01", "service": "infra", "status": "partial"}])
    repo.per_service = ["Y01.03"]
    view = repo.validate()
    assert [f["code"] for f in view["findings"] if f["item"] == "Z03.01"] == ["DEPRECATED_ID"]
    assert {r["service"] for r in repo.report()["results"] if r["item"] == "Z03.01"} == {
        "app", "infra"}


def test_an_unknown_id_is_still_unknown(tmp_path: Path) -> None:
    view = _repo(tmp_path, entries=[{"item": "Z03.09", "status": "planned"}]).validate()
    assert "UNKNOWN_ITEM" in [f["code"] for f in view["findings"]]
    assert not _deprecated(view)


def test_per_service_entries_of_an_item_merged_into_a_whole_scope_one(tmp_path: Path) -> None:
    # Y01 was assessed per service; Z03.01, which absorbed Y01.03, is assessed once.
    repo = _repo(tmp_path, entries=[
        {"item": "Y01.03", "service": "app", "status": "planned"},
        {"item": "Y01.03", "service": "infra", "status": "implemented", "evidence": [ref()]}])
    view = repo.validate()
    assert view["exit"] == 0, view
    first, second = (m for _, _, m in _deprecated(view))
    assert first == ("Y01.03 (app) was merged into Z03.01, which is assessed once for the whole "
                     "scope; this entry now stands for it")
    assert second.startswith("Y01.03 (infra) was merged into Z03.01, which has its own entry")
    assert find(repo.report(), "Z03.01")["status"] == "planned"


def test_a_whole_scope_entry_of_an_item_merged_into_a_per_service_one(tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[{"item": "Z03.02", "status": "planned"}])
    repo.per_service = ["Z03"]
    view = repo.validate()
    assert [m for _, _, m in _deprecated(view)] == [
        "Z03.02 was merged into Z03.01, which is assessed per service; this entry names no "
        "service and is set aside"]
    assert "SERVICE_REQUIRED" not in [f["code"] for f in view["findings"]]
    assert {r["result"] for r in repo.report()["results"] if r["item"] == "Z03.01"} == {
        "not-assessed"}


def test_a_per_service_waiver_of_a_merged_item_covers_the_whole_scope_item(
        tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[{"item": "Z03.01", "status": "not-implemented"}],
                 waivers=[waiver("Y01.03", day(30), service="app")])
    view = repo.validate()
    assert [m for _, _, m in _deprecated(view)] == [
        "Y01.03 was merged into Z03.01; it is read as Z03.01"]
    assert find(repo.report(), "Z03.01")["waived"] is True


def test_an_action_keyed_by_a_merged_id_answers_the_new_items_finding(tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[{"item": "Z03.01", "status": "partial", "owner": "O"}],
                 actions=[{"item": "Y01.03", "owner": "O", "due": day(5), "id": "CA-1"}])
    view = repo.validate()
    assert [(item, msg) for item, _, msg in _deprecated(view)] == [
        ("Z03.01", "Y01.03 was merged into Z03.01; it is read as Z03.01")]
    report = repo.report()
    (row,) = [a for a in report["actions"] if a["id"] == "CA-1"]
    assert (row["item"], row["finding"]) == ("Z03.01", report["findings"][0]["id"])


def _manifest_at(repo: Repo, after: str, row: str, text: str) -> tuple[int, int]:
    """Line and column of ``text`` on the first line ``row`` below the line ``after``."""
    line = manifest_line(repo.root, row, manifest_line(repo.root, after))
    return line, manifest_col(repo.root, line, text)


def _deprecated_at(view: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(f["line"], f["col"], f["item"], f["service"], f["message"], f["hint"])
            for f in view["findings"] if f["code"] == "DEPRECATED_ID"]


HINT = "rename the id to Z03.01; the old id keeps working until the next major content version"


def test_a_per_service_waiver_of_a_merged_item_keeps_its_service(tmp_path: Path) -> None:
    # _rename and _renamed (mutation run of 2026-12-07): the service stays when the new item
    # is assessed per service too, in the finding, its label and the waiver itself.
    repo = _repo(tmp_path, entries=[
        {"item": "Z03.01", "service": s, "status": "not-implemented"} for s in ("app", "infra")],
        waivers=[waiver("Y01.03", day(30), service="app")])
    repo.per_service = ["Z03"]
    view = repo.validate()
    assert _deprecated_at(view) == [
        (*_manifest_at(repo, "waivers:", "- item: Y01.03", "Y01.03"), "Z03.01", "app",
         "Y01.03 was merged into Z03.01; it is read as Z03.01 (app)", HINT)]
    report = repo.report()
    assert (find(report, "Z03.01", "app")["waived"], find(report, "Z03.01", "infra")["waived"]
            ) == (True, False)


def test_a_merged_per_service_id_is_shown_where_the_manifest_lists_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    repo.per_service = ["Y01.03"]
    assert _deprecated_at(repo.validate()) == [
        (*_manifest_at(repo, "per_service:", "- Y01.03", "Y01.03"), "Z03.01", None,
         "Y01.03 was merged into Z03.01; it is read as Z03.01", HINT)]


def test_a_set_aside_entry_is_shown_at_its_item_with_what_to_do(tmp_path: Path) -> None:
    # apply_aliases: the entry's own place, the new item, and the fix.
    repo = _repo(tmp_path, entries=[{"item": "Z03.02", "status": "planned"}])
    repo.per_service = ["Z03"]
    assert _deprecated_at(repo.validate()) == [
        (*_manifest_at(repo, "entries:", "- item: Z03.02", "Z03.02"), "Z03.01", None,
         "Z03.02 was merged into Z03.01, which is assessed per service; this entry names no "
         "service and is set aside", "add an entry for Z03.01 for each service")]


def test_old_per_service_entries_keep_their_service_and_the_rest_is_read(tmp_path: Path) -> None:
    # apply_aliases: a set-aside entry ends neither the loop nor the other entries; an old
    # per-service entry keeps its service, and one whose new item has its own entry for that
    # service is set aside under it.
    repo = _repo(tmp_path, entries=[
        {"item": "Z03.02", "status": "planned"},
        {"item": "Z03.02", "service": "app", "status": "implemented", "evidence": [ref()]},
        {"item": "Z03.01", "service": "infra", "status": "partial"},
        {"item": "Y01.03", "service": "infra", "status": "planned"},
        {"item": "X01.01", "status": "partial", "owner": "O"}])
    repo.per_service = ["Z03", "X02"]
    found = [(item, service, message.split(";")[0], hint)
             for *_, item, service, message, hint in _deprecated_at(repo.validate())]
    lines = (repo.root / "sms20k.yaml").read_text().splitlines()
    own = next(n for n, row in enumerate(lines, 1) if row == "- item: Z03.01")
    assert found == [
        ("Z03.01", None, "Z03.02 was merged into Z03.01, which is assessed per service",
         "add an entry for Z03.01 for each service"),
        ("Z03.01", "app", "Z03.02 was merged into Z03.01", HINT),
        ("Z03.01", "infra", "Y01.03 (infra) was merged into Z03.01, which has its own entry at "
         f"{repo.root / 'sms20k.yaml'}:{own}",
         "move its evidence to the Z03.01 entry and delete it"),
    ]
    report = repo.report()
    assert [find(report, "Z03.01", s)["status"] for s in ("app", "infra")] == [
        "implemented", "partial"]
    assert find(report, "X01.01")["status"] == "partial"


def test_a_per_service_entry_that_now_stands_for_the_whole_scope_says_drop_the_service(
        tmp_path: Path) -> None:
    repo = _repo(tmp_path, entries=[{"item": "Y01.03", "service": "app", "status": "planned"}])
    [(*_, item, service, message, hint)] = _deprecated_at(repo.validate())
    assert (item, service, hint) == ("Z03.01", None, HINT + "; drop `service:`")
    assert message.endswith("which is assessed once for the whole scope; this entry now stands "
                            "for it")
