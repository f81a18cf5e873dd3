"""The corrective action plan (issue 16, part 1): actions joined to the findings they answer,
nonconformities without one kept in the plan, worst grade first then by due date, and overdue
judged against the as-of date at its boundary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import AS_OF, Repo, day, ref

ENTRIES = [
    {"item": "X01.01", "status": "partial", "owner": "O"},            # F-8.3.3 minor
    {"item": "X01.02", "status": "not-implemented", "owner": "O"},    # F-7.5.3 minor
    {"item": "X02.01", "service": "app", "status": "planned", "owner": "O"},  # F-8.7.1 minor
    {"item": "X03.01", "status": "implemented", "owner": "O",
     "evidence": [ref(kind="procedure")]},                             # F-8.3.2 observation
]


def action(**fields: Any) -> dict[str, Any]:
    return {"owner": "Service owner", "due": day(10), **fields}


def plan(tmp_path: Path, actions: list[dict[str, Any]],
         as_of: dt.date = AS_OF) -> dict[str, Any]:
    return Repo(tmp_path / "repo", entries=ENTRIES, actions=actions).report(as_of)


def rows(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(r["id"], r["finding"], r["status"]) for r in report["actions"]]


def test_every_nonconformity_without_an_action_has_a_row(tmp_path: Path) -> None:
    report = plan(tmp_path, [])
    assert rows(report) == [(None, "F-7.5.3", "none"), (None, "F-8.3.3", "none"),
                            (None, "F-8.7.1", "none")]  # the observation needs none
    assert {r["state"] for r in report["actions"]} == {"no corrective action recorded"}
    assert report["summary"]["actions"] == {"open": 0, "overdue": 0, "implemented": 0,
                                            "closed": 0, "missing": 3}


def test_actions_answer_findings_by_id_and_by_item(tmp_path: Path) -> None:
    report = plan(tmp_path, [action(id="CA-1", finding="F-8.3.3"),
                             action(item="X02.01", service="app"),
                             action(item="X01.02")])
    by_id = {r["id"]: r for r in report["actions"]}
    assert by_id["CA-1"]["finding"] == "F-8.3.3"
    assert by_id["X02.01@app#1"]["finding"] == "F-8.7.1"
    assert by_id["X01.02#1"]["finding"] == "F-7.5.3"
    assert by_id["X01.02#1"]["grade"] == "minor"
    assert by_id["X01.02#1"]["clause"]["id"] == "7.5.3"
    assert report["summary"]["actions"]["missing"] == 0
    findings = {f["id"]: f["actions"] for f in report["findings"]}
    assert findings == {"F-7.5.3": ["X01.02#1"], "F-8.3.3": ["CA-1"],
                        "F-8.7.1": ["X02.01@app#1"], "F-8.3.2": []}


def test_an_item_action_without_service_answers_the_items_finding(tmp_path: Path) -> None:
    report = plan(tmp_path, [action(id="A", item="X02.01")])
    (row,) = [r for r in report["actions"] if r["id"] == "A"]
    assert row["finding"] == "F-8.7.1"


@pytest.mark.parametrize(("due", "overdue", "days"), [
    (0, False, None), (-1, True, 1), (-15, True, 15), (1, False, None)])
def test_overdue_at_the_boundary_of_the_as_of_date(tmp_path: Path, due: int, overdue: bool,
                                                   days: int | None) -> None:
    report = plan(tmp_path, [action(id="A", finding="F-8.3.3", due=day(due))])
    (row,) = [r for r in report["actions"] if r["id"] == "A"]
    assert (row["overdue"], row["days_overdue"]) == (overdue, days)
    assert report["summary"]["actions"]["overdue"] == int(overdue)
    expected = f"overdue by {days} day{'s' * (days != 1)}" if days else f"due {day(due)}"
    assert expected in row["state"]


@pytest.mark.parametrize("status", ["implemented", "closed"])
def test_done_actions_are_never_overdue(tmp_path: Path, status: str) -> None:
    review = {"effectiveness": {"reviewed": day(-1), "effective": True}} \
        if status == "closed" else {}
    report = plan(tmp_path, [action(id="A", finding="F-8.3.3", due=day(-30), status=status,
                                    **review)])
    (row,) = [r for r in report["actions"] if r["id"] == "A"]
    assert not row["overdue"]
    assert row["days_overdue"] is None


def test_states_say_what_is_left_to_do(tmp_path: Path) -> None:
    report = plan(tmp_path, [
        action(id="A", finding="F-8.3.3", status="implemented"),
        action(id="B", finding="F-7.5.3", status="implemented",
               effectiveness={"reviewed": day(-2), "effective": False}),
        action(id="C", finding="F-8.7.1", status="closed",
               effectiveness={"reviewed": day(-2), "effective": True, "by": "IA"}),
        action(id="D", finding="F-9.9", status="closed",
               effectiveness={"reviewed": day(-2), "effective": True}),
        action(id="E", finding="F-8.3.2", status="open", due=None),
    ])
    state = {r["id"]: r["state"] for r in report["actions"]}
    assert state["A"] == "implemented, awaiting effectiveness review"
    assert state["B"] == f"implemented, found not effective on {day(-2)}: act again"
    assert state["C"].startswith(f"closed as effective on {day(-2)}, but the finding is raised")
    assert state["D"] == f"closed, found effective on {day(-2)}"
    assert state["E"] == "open, no due date"
    (d,) = [r for r in report["actions"] if r["id"] == "D"]
    assert (d["finding"], d["grade"]) == (None, None)
    assert d["statement"] == "F-9.9 is not raised in this assessment"
    assert report["summary"]["actions"] == {"open": 1, "overdue": 0, "implemented": 2,
                                            "closed": 2, "missing": 0}


def test_order_is_grade_then_due_date_then_rows_without_action(tmp_path: Path) -> None:
    report = plan(tmp_path, [
        action(id="late", finding="F-8.3.2", due=day(-5)),     # observation
        action(id="b", finding="F-8.3.3", due=day(20)),        # minor
        action(id="a", finding="F-8.7.1", due=day(3)),         # minor
        action(id="orphan", finding="F-1.1", due=day(-1)),     # no finding: last
    ])
    assert rows(report) == [("a", "F-8.7.1", "open"), ("b", "F-8.3.3", "open"),
                            (None, "F-7.5.3", "none"), ("late", "F-8.3.2", "open"),
                            ("orphan", None, "open")]


def test_only_http_tickets_become_links(tmp_path: Path) -> None:
    report = plan(tmp_path, [
        action(id="A", finding="F-8.3.3", ticket="https://itsm.example.com/CAPA-1"),
        action(id="B", finding="F-7.5.3", ticket="javascript:alert(1)"),
        action(id="C", finding="F-8.7.1", ticket="CAPA-3")])
    links = {r["id"]: r["ticket_link"] for r in report["actions"] if r["id"]}
    assert links == {"A": "https://itsm.example.com/CAPA-1", "B": None, "C": None}


def test_the_plan_leaves_verdicts_and_scores_alone(tmp_path: Path) -> None:
    before = plan(tmp_path, [])
    after = plan(tmp_path, [action(id="A", finding="F-8.3.3", status="implemented")])
    assert before["results"] == after["results"]
    assert before["summary"]["score"] == after["summary"]["score"]
    assert [f["grade"] for f in before["findings"]] == [f["grade"] for f in after["findings"]]


def test_rows_point_at_their_line(tmp_path: Path) -> None:
    report = plan(tmp_path, [action(id="A", finding="F-8.3.3")])
    (row,) = [r for r in report["actions"] if r["id"] == "A"]
    assert row["location"]["path"].endswith("sms20k.yaml")
    lines = (tmp_path / "repo" / "sms20k.yaml").read_text().splitlines()
    line = row["location"]["line"]
    assert lines[line - 2] == "actions:"
    assert lines[line - 1].startswith("- ")
