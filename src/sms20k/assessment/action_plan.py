"""The corrective action plan: the recorded actions joined to the audit findings they answer.

An action keyed by finding id answers that finding; one keyed by item (and service) answers
the finding that cites the item's result. A major or minor nonconformity with no action gets
a row of its own, so that it cannot drop out of the plan. Rows run worst grade first, then by
due date; an open or in-progress action is overdue when its due date is before the as-of
date (due on the as-of date is not yet overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from sms20k.assessment.model import (
    CLASS_RANK,
    AuditFinding,
    Effectiveness,
    Location,
    Meta,
    PlannedAction,
    Report,
)
from sms20k.evidence.actions import OPEN_STATUSES, Action
from sms20k.evidence.repo import Located
from sms20k.modelbase import View

NEEDS_ACTION = ("major", "minor")
"""Nonconformities: 10.1 asks for a correction and, where needed, a corrective action."""
_LAST = len(CLASS_RANK)


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def _finding_for(action: Action, by_id: dict[str, AuditFinding],
                 by_item: dict[tuple[str, str | None], AuditFinding]) -> AuditFinding | None:
    if action.finding is not None:
        return by_id.get(action.finding)
    found = by_item.get((str(action.item), action.service))
    if found is None and action.service is None:
        found = next((f for (item, _), f in by_item.items() if item == action.item), None)
    return found


def _state(action: Action, finding: AuditFinding | None, as_of: dt.date) -> tuple[str, int | None]:
    review = action.effectiveness
    if action.status in OPEN_STATUSES:
        words = action.status.replace("-", " ")
        if action.due is None:
            return f"{words}, no due date", None
        late = (as_of - action.due).days
        if late > 0:
            return f"{words}, overdue by {_days(late)} (due {action.due})", late
        return f"{words}, due {action.due}", None
    if action.status == "implemented":
        if review is not None and not review.effective:
            return f"implemented, found not effective on {review.reviewed}: act again", None
        return "implemented, awaiting effectiveness review", None
    assert review is not None  # the model refuses a closed action without a review
    if finding is not None:
        return (f"closed as effective on {review.reviewed}, but the finding is raised again: "
                "review the action's effectiveness", None)
    return f"closed, found effective on {review.reviewed}", None


def _row(located: Located[Action], number: int, finding: AuditFinding | None,
         as_of: dt.date) -> PlannedAction:
    action = located.value
    state, late = _state(action, finding, as_of)
    review = action.effectiveness
    ticket_link = action.ticket if action.ticket and action.ticket.lower().startswith(
        ("https://", "http://")) else None
    pos = located.doc.locate(located.loc)
    statement = finding.statement if finding is not None else (
        f"{action.finding} is not raised in this assessment" if action.finding else
        f"{action.named} has no audit finding in this assessment")
    return PlannedAction(
        id=action.id or f"{action.subject}#{number}",
        finding=finding.id if finding else None, grade=finding.grade if finding else None,
        clause=finding.clause if finding else None, statement=statement,
        item=action.item, service=action.service, correction=action.correction,
        root_cause=action.root_cause, corrective_action=action.corrective_action,
        owner=action.owner, due=action.due.isoformat() if action.due else None,
        status=action.status, ticket=action.ticket, ticket_link=ticket_link,
        completed=action.completed.isoformat() if action.completed else None,
        effectiveness=Effectiveness(reviewed=review.reviewed.isoformat(), by=review.by,
                                    effective=review.effective, notes=review.notes)
        if review else None,
        overdue=late is not None, days_overdue=late, state=state,
        location=Location(path=located.doc.display, line=pos.line if pos else None,
                          col=pos.col if pos else None))


def _missing(finding: AuditFinding) -> PlannedAction:
    return PlannedAction(
        id=None, finding=finding.id, grade=finding.grade, clause=finding.clause,
        statement=finding.statement, item=None, service=None, correction=None,
        root_cause=None, corrective_action=None, owner=None, due=None, status="none",
        ticket=None, ticket_link=None, completed=None, effectiveness=None, overdue=False,
        days_overdue=None, state="no corrective action recorded", location=None)


def _order(row: PlannedAction) -> tuple[int, str, int, str]:
    rank = CLASS_RANK[row.grade] if row.grade else _LAST
    return rank, row.due or "9999-99-99", row.status == "none", row.id or row.finding or ""


def plan(report: Report, actions: Sequence[Located[Action]], as_of: dt.date) -> Report:
    """The report with its action plan, its findings' action ids and the plan's counts."""
    by_id = {f.id: f for f in report.findings}
    by_item: dict[tuple[str, str | None], AuditFinding] = {}
    # A result cited by a requirement finding and by a document-control one: the former.
    for raised in sorted(report.findings, key=lambda f: f.kind == "document-control"):
        for cited in raised.items:
            by_item.setdefault((cited.item, cited.service), raised)
    rows: list[PlannedAction] = []
    numbers: dict[str, int] = {}
    answered: dict[str, list[str]] = {}
    for located in actions:
        subject = located.value.subject
        numbers[subject] = numbers.get(subject, 0) + 1
        finding = _finding_for(located.value, by_id, by_item)
        row = _row(located, numbers[subject], finding, as_of)
        rows.append(row)
        if finding is not None and row.id is not None:
            answered.setdefault(finding.id, []).append(row.id)
    rows.extend(_missing(f) for f in report.findings
                if f.grade in NEEDS_ACTION and f.id not in answered)
    rows.sort(key=_order)
    counts = {"open": sum(r.status in OPEN_STATUSES for r in rows),
              "overdue": sum(r.overdue for r in rows),
              "implemented": sum(r.status == "implemented" for r in rows),
              "closed": sum(r.status == "closed" for r in rows),
              "missing": sum(r.status == "none" for r in rows)}
    findings = [f.model_copy(update={"actions": answered.get(f.id, [])}) for f in report.findings]
    summary = report.summary.model_copy(update={"actions": counts})
    return report.model_copy(update={"actions": rows, "findings": findings, "summary": summary})


class ActionPlanView(View):
    """The corrective action plan on its own (``sms20k export actions``)."""

    kind: Literal["action-plan"] = "action-plan"
    meta: Meta
    counts: dict[str, int]
    actions: list[PlannedAction]


def plan_view(report: Report) -> ActionPlanView:
    return ActionPlanView(meta=report.meta, counts=report.summary.actions,
                          actions=report.actions)
