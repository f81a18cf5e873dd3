"""CSV of the corrective action plan: one row per action, and one per nonconformity that has
none (``status`` none), in the plan's order."""

from __future__ import annotations

from sms20k.assessment.action_plan import ActionPlanView
from sms20k.assessment.model import CLASS_LABELS
from sms20k.findings import where

ACTION_COLUMNS = (
    "id", "finding", "grade", "clause", "clause_title", "item", "service", "correction",
    "root_cause", "corrective_action", "owner", "due", "status", "state", "overdue",
    "days_overdue", "ticket", "completed", "effectiveness_reviewed", "effectiveness_by",
    "effective", "effectiveness_notes", "location", "as_of",
)


def action_rows(view: ActionPlanView) -> list[list[str]]:
    rows = [list(ACTION_COLUMNS)]
    for a in view.actions:
        review = a.effectiveness
        loc = a.location
        rows.append([
            a.id or "", a.finding or "", CLASS_LABELS[a.grade] if a.grade else "",
            a.clause.id if a.clause else "", a.clause.title if a.clause else "",
            a.item or "", a.service or "", a.correction or "", a.root_cause or "",
            a.corrective_action or "", a.owner or "", a.due or "", a.status, a.state,
            "yes" if a.overdue else "no", "" if a.days_overdue is None else str(a.days_overdue),
            a.ticket or "", a.completed or "", review.reviewed if review else "",
            (review.by or "") if review else "",
            ("yes" if review.effective else "no") if review else "",
            (review.notes or "") if review else "",
            where(loc.path, loc.line, None) if loc else "", view.meta.as_of,
        ])
    return rows
