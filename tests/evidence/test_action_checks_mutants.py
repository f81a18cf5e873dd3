"""Each finding on an action points at the field it is about and names its item, service and
fix: the unknown item, a service on an item assessed once, an unknown service (mutation run
of 2026-12-07, ``action_checks``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .judge import Repo, day, manifest_col, manifest_line


def _view(tmp_path: Path, *actions: dict[str, Any]) -> tuple[Path, dict[str, dict[str, Any]]]:
    repo = Repo(tmp_path / "repo", entries=[{"item": "X01.01", "status": "partial",
                                             "owner": "O"}], actions=list(actions))
    view = repo.validate()
    found = {f["code"]: f for f in view["findings"] if f["code"] != "MISSING_ENTRY"}
    return repo.root, found


def _at(root: Path, text: str) -> tuple[str, int, int]:
    """Path, line and column of the value on the line ``text`` below ``actions:``."""
    line = manifest_line(root, text, manifest_line(root, "actions:"))
    value = text.split(": ", 1)[1]
    return str(root / "sms20k.yaml"), line, manifest_col(root, line, f": {value}") + 2


def _place(finding: dict[str, Any]) -> tuple[str, int, int]:
    return finding["path"], finding["line"], finding["col"]


def action(**fields: Any) -> dict[str, Any]:
    return {"item": "X01.01", "owner": "Owner", "due": day(5), **fields}


def test_an_unknown_item_is_shown_at_the_actions_item(tmp_path: Path) -> None:
    root, found = _view(tmp_path, action(item="X01.09"))
    unknown = found["UNKNOWN_ITEM"]
    assert _place(unknown) == _at(root, "- item: X01.09"), unknown
    assert unknown["item"] == "X01.09"


@pytest.mark.parametrize(("fields", "code", "message", "hint"), [
    ({"item": "X01.01", "service": "app"}, "SERVICE_NOT_EXPECTED",
     "X01.01 is assessed once for the whole scope",
     "remove `service:` or add the item to scope.per_service"),
    ({"item": "X02.01", "service": "zzz"}, "UNKNOWN_SERVICE", "'zzz' is not a service in scope",
     "add it to scope.services"),
])
def test_a_service_the_action_cannot_have_is_shown_at_the_service(
        tmp_path: Path, fields: dict[str, str], code: str, message: str, hint: str) -> None:
    root, found = _view(tmp_path, action(**fields))
    finding = found[code]
    assert _place(finding) == _at(root, f"service: {fields['service']}"), finding
    assert (finding["item"], finding["message"], finding["hint"]) == (
        fields["item"], message, hint)


def test_a_second_action_with_an_id_is_shown_at_its_id_with_its_subject(tmp_path: Path) -> None:
    first = action(id="CA-1", item="X02.01", service="app")
    root, found = _view(tmp_path, first, {**first, "due": day(6)})
    duplicate = found["ACTION_DUPLICATE"]
    start = manifest_line(root, "- item: X02.01", manifest_line(root, "actions:"))
    second_id = manifest_line(root, "id: CA-1", manifest_line(root, "id: CA-1", start))
    path = str(root / "sms20k.yaml")
    assert (duplicate["path"], duplicate["line"]) == (path, second_id), duplicate
    assert (duplicate["item"], duplicate["service"], duplicate["hint"]) == (
        "X02.01", "app", "give each action its own id")
    # The first action is named by where it starts.
    assert duplicate["message"] == f"action id 'CA-1' is already used at {path}:{start}"



def test_a_date_after_the_as_of_date_is_shown_at_the_date(tmp_path: Path) -> None:
    over = day(1)
    repo = Repo(tmp_path / "repo", actions=[action(
        item="X02.01", service="app", status="closed", completed=day(1),
        effectiveness={"reviewed": day(1), "effective": True})])  # two objects: no YAML alias
    found = [f for f in repo.validate()["findings"] if f["code"] == "DATE_IN_FUTURE"]
    assert [(_place(f), f["item"], f["service"], f["message"], f["hint"]) for f in found] == [
        (_at(repo.root, f"{key}: {over}"), "X02.01", "app",
         f"{name} date {over} is after the as-of date {day(0)}", "fix the date")
        for key, name in (("completed", "completed"), ("reviewed", "effectiveness.reviewed"))]


@pytest.mark.parametrize(("key", "named", "item", "service"), [
    ({"item": "X02.01", "service": "app"}, "X02.01 (app)", "X02.01", "app"),
    ({"item": "X01.01"}, "X01.01", "X01.01", None),
    ({"finding": "F-8.3.3"}, "F-8.3.3", None, None),
])
def test_open_work_without_owner_or_due_date_names_its_subject(
        tmp_path: Path, key: dict[str, str], named: str, item: str | None,
        service: str | None) -> None:
    _, found = _view(tmp_path, {**key, "status": "open"})
    incomplete = found["ACTION_INCOMPLETE"]
    assert (incomplete["item"], incomplete["service"], incomplete["hint"]) == (
        item, service, "add `owner:` and `due:`")
    # The item named as results label it, not as the key of the action's generated id.
    assert incomplete["message"] == f"corrective action for {named} has no owner and due date"
