"""Validation of the ``actions:`` list: the model's rules with file:line, and the checks that
need the checklists, the scope or the as-of date (dates exactly at it and one day over)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .judge import Repo, day


def repo(tmp_path: Path, *actions: dict[str, Any]) -> Repo:
    return Repo(tmp_path / "repo", entries=[{"item": "X01.01", "status": "partial",
                                             "owner": "O"}], actions=list(actions))


def ok(**fields: Any) -> dict[str, Any]:
    return {"finding": "F-8.3.3", "owner": "Owner", "due": day(5), **fields}


def findings(tmp_path: Path, *actions: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in repo(tmp_path, *actions).validate()["findings"]
            if f["code"] != "MISSING_ENTRY"]


@pytest.mark.parametrize(("fields", "message"), [
    ({"finding": "F-8.3.3", "item": "X01.01"}, "exactly one of `finding` or `item`"),
    ({"finding": None}, "exactly one of `finding` or `item`"),
    ({"service": "app"}, "`service` applies only to an action keyed by `item`"),
    ({"status": "closed"}, "a closed action needs an effectiveness review"),
    ({"status": "closed", "effectiveness": {"reviewed": day(-1), "effective": False}},
     "a closed action needs an effectiveness review"),
    ({"status": "done"}, "status"),
    ({"finding": "8.3.3"}, "finding"),
    ({"due": "soon"}, "due"),
    ({"ownr": "typo"}, "ownr"),
])
def test_the_model_refuses_inconsistent_actions(tmp_path: Path, fields: dict[str, Any],
                                                message: str) -> None:
    fields = {k: v for k, v in ok(**fields).items() if v is not None}
    r = repo(tmp_path, fields)
    result = r.validate_raw()
    assert result.exit_code == 2, result.output
    assert "sms20k.yaml:" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output


def test_a_well_formed_action_is_valid(tmp_path: Path) -> None:
    assert findings(tmp_path, ok(id="CA-1", correction="Fixed.", root_cause="No owner.",
                                 corrective_action="Assign owners.", ticket="CAPA-1")) == []


@pytest.mark.parametrize(("offset", "flagged"), [(0, False), (1, True)])
@pytest.mark.parametrize("field", ["completed", "effectiveness"])
def test_dates_after_the_as_of_date(tmp_path: Path, offset: int, flagged: bool,
                                    field: str) -> None:
    when = day(offset)
    fields = ({"completed": when, "status": "implemented"} if field == "completed" else
              {"status": "closed", "effectiveness": {"reviewed": when, "effective": True}})
    found = findings(tmp_path, ok(**fields))
    assert [f["code"] for f in found] == (["DATE_IN_FUTURE"] if flagged else [])
    if flagged:
        assert found[0]["level"] == "error"
        assert f"date {when} is after the as-of date" in found[0]["message"]


def test_duplicate_ids_are_errors_that_point_at_the_first(tmp_path: Path) -> None:
    found = findings(tmp_path, ok(id="CA-1"), ok(id="CA-1", finding="F-7.5.3"), ok())
    (dup,) = found
    assert dup["code"] == "ACTION_DUPLICATE"
    assert "'CA-1' is already used at " in dup["message"] and "sms20k.yaml:" in dup["message"]


def test_unknown_items_and_services(tmp_path: Path) -> None:
    found = findings(tmp_path, ok(finding=None, item="X01.09"),
                     ok(finding=None, item="X02.01", service="ap"),
                     ok(finding=None, item="X01.01", service="app"))
    assert [f["code"] for f in found] == ["UNKNOWN_ITEM", "UNKNOWN_SERVICE",
                                          "SERVICE_NOT_EXPECTED"]
    assert "did you mean" in (found[1]["hint"] or "")


@pytest.mark.parametrize(("status", "drop", "warned"), [
    ("open", "owner", True), ("in-progress", "due", True), ("open", None, False),
    ("implemented", "owner", False), ("implemented", "due", False)])
def test_open_work_needs_an_owner_and_a_due_date(tmp_path: Path, status: str,
                                                 drop: str | None, warned: bool) -> None:
    fields = {k: v for k, v in ok(status=status).items() if k != drop}
    found = findings(tmp_path, fields)
    assert [f["code"] for f in found] == (["ACTION_INCOMPLETE"] if warned else [])
    if warned:
        assert found[0]["level"] == "warning"
        assert drop is not None and found[0]["message"].endswith(
            "owner" if drop == "owner" else "due date")


def test_actions_in_evidence_files_are_read(tmp_path: Path) -> None:
    r = repo(tmp_path)

    def evidence(root: Path) -> None:
        (root / "evidence").mkdir()
        (root / "evidence" / "actions.yaml").write_text(
            "actions:\n  - finding: F-8.3.3\n    owner: O\n    due: 2026-11-20\n"
            "    id: CA-9\n")
        text = (root / "sms20k.yaml").read_text()
        (root / "sms20k.yaml").write_text(text + "include:\n  - evidence/*.yaml\n")

    r.build = evidence
    report = r.report()
    assert [a["id"] for a in report["actions"] if a["id"]] == ["CA-9"]
    assert report["actions"][0]["location"]["path"].endswith("evidence/actions.yaml")
