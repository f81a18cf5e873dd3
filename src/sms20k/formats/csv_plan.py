"""CSV of the audit plan: one row per item and expected kind of evidence."""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView

PLAN_COLUMNS = (
    "clause", "clause_title", "item", "item_title", "criticality", "status", "evidence_kind",
    "evidence", "max_age", "sampling", "provided", "missing", "questions",
)


def plan_rows(view: AuditPlanView) -> list[list[str]]:
    """The header row, then one row per item and expected kind of evidence."""
    rows = [list(PLAN_COLUMNS)]
    for clause in view.clauses:
        for item in clause.items:
            for ev in item.evidence:
                provided = "; ".join(f"{p.target} ({p.reviewed or 'undated'})"
                                     for p in ev.provided)
                rows.append([clause.id, clause.title, item.id, item.title, item.criticality,
                             "; ".join(item.status), ev.kind, ev.description, ev.cadence,
                             ev.sampling or "", provided, "yes" if ev.missing else "",
                             " | ".join(item.questions)])
    return rows
