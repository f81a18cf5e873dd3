"""CSV of the audit plan: one row per fact, typed by the ``record`` column.

``objective``, ``criterion``, ``scope``, ``exclusion`` and ``team`` rows carry their text;
``session`` rows the timetable; ``evidence`` rows one expected kind of one item for one
service (each once); ``note``, ``waiver`` and ``question`` rows the rest of an item. A
spreadsheet filters on ``record`` to get, say, the evidence request list.
"""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.auditplan_model import PlanClause, PlanItem, ServiceStatus, Session

PLAN_COLUMNS = (
    "record", "session", "session_title", "when", "time", "clause", "clause_title", "item",
    "item_title", "scenario", "criticality", "other_clauses", "service", "status", "owner",
    "evidence_kind", "evidence_level", "evidence", "max_age", "sampling", "state", "shown",
    "references", "text",
)


def _row(**cells: str) -> list[str]:
    unknown = set(cells) - set(PLAN_COLUMNS)
    assert not unknown, unknown
    return [cells.get(name, "") for name in PLAN_COLUMNS]


def _front(view: AuditPlanView) -> list[list[str]]:
    rows = [_row(record="objective", text=o) for o in view.objectives]
    rows += [_row(record="criterion", text=c) for c in view.criteria]
    scope = view.scope
    rows += [_row(record="scope", service=s.id, text=f"{s.name}: {', '.join(s.categories)}; "
                  f"{', '.join(s.deployment_models)}") for s in scope.services]
    rows += [_row(record="scope", item=c.id, item_title=c.title, text="assessed per service")
             for c in scope.per_service]
    rows += [_row(record="exclusion", item=e.id, item_title=e.title, text=e.justification)
             for e in scope.exclusions]
    team = view.team
    rows += [_row(record="team", text=f"lead auditor: {team.lead or 'to be appointed'}")]
    rows += [_row(record="team", text=f"team member: {name}") for name in team.team]
    rows += [_row(record="team", text=f"{team.days} days of {team.hours_per_day:g} hours"
                  + (f" from {team.start} to {team.end}" if team.start else ""))]
    return rows


def _session(session: Session) -> list[str]:
    return _row(record="session", session=str(session.number), session_title=session.title,
                when=session.when, time=str(session.minutes), clause=", ".join(session.covers),
                text=session.purpose or "; ".join(f"{a.name} ({a.items})"
                                                  for a in session.auditees))


def _item(session: Session, clause: PlanClause, item: PlanItem) -> list[list[str]]:
    base = {"session": str(session.number), "session_title": session.title,
            "clause": clause.id, "clause_title": clause.title, "item": item.id,
            "item_title": item.title, "scenario": item.scenario,
            "criticality": item.criticality, "other_clauses": item.beside}
    rows = []
    services: list[ServiceStatus | None] = [*item.services] or [None]
    for row in services:
        who = {} if row is None else {"service": row.service or "",
                                      "status": row.status or "no entry",
                                      "owner": row.owner or ""}
        kinds = item.evidence if row is None or row.evidence else []
        for index, ev in enumerate(kinds):
            shown = row.evidence[index] if row is not None else None
            rows.append(_row(record="evidence", **base, **who, evidence_kind=ev.kind,
                             evidence_level=ev.level, evidence=ev.description,
                             max_age=ev.max_age, sampling=ev.sampling or "",
                             state=shown.state if shown else "",
                             shown=shown.note if shown else "",
                             references="; ".join(shown.references) if shown else ""))
        rows += [_row(record="note", **base, **who, text=note)
                 for note in (row.notes if row else [])]
    rows += [_row(record="waiver", **base, service=w.service or "", text=w.text)
             for w in item.waivers]
    rows += [_row(record="question", **base, text=q) for q in item.questions]
    return rows


def plan_rows(view: AuditPlanView) -> list[list[str]]:
    """The header row, then the plan's rows in the order the Markdown shows them."""
    rows = [list(PLAN_COLUMNS), *_front(view)]
    rows += [_session(s) for s in view.sessions]
    for session in view.sessions:
        for clause in session.clauses:
            for item in clause.items:
                rows += _item(session, clause, item)
    return rows
