"""Markdown for the audit plan: objectives, scope, criteria, team, timetable, then each
session's clauses and items, every item once."""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.auditplan_model import KindStatus, PlanClause, PlanItem, Session
from sms20k.formats.markdown_syntax import escape, table
from sms20k.formats.text import NOT_APPLICABLE, plural

NOTICE = ("Evidence to request and questions to ask come from the sms20k checklists "
          "(ISO/IEC TR 20000-9 scenarios); the wording is sms20k's own.")


def status_of(item: PlanItem) -> str:
    """"crm: implemented (owner); compute: no entry", or "" in the generic plan."""
    parts = []
    for row in item.services:
        text = (row.status or "no entry") + (f" ({row.owner})" if row.owner else "")
        parts.append(f"{row.service}: {text}" if row.service else text)
    return "; ".join(parts)


def cell(kind: KindStatus) -> str:
    text = escape(kind.note)
    if kind.state in ("missing", "stale", "unusable"):
        word, _, rest = text.partition(":")
        text = f"**{word}**" + (f":{rest}" if rest else "")
    if kind.references:
        text += " \u2014 " + escape("; ".join(kind.references))
    return text


def _item(item: PlanItem) -> list[str]:
    meta = [f"Scenario {item.scenario}", f"criticality {item.criticality}"]
    meta += [escape(item.beside)] if item.beside else []
    status = status_of(item)
    meta += [f"status: {escape(status)}"] if status else []
    header = ["Evidence", "Max. age", "Sampling"]
    header += [escape(row.service or "Shown") for row in item.services]
    rows = []
    for index, ev in enumerate(item.evidence):
        row = [f"{ev.kind}{' (supporting)' * (ev.level == 'supporting')}: "
               f"{escape(ev.description)}", ev.max_age, escape(ev.sampling or "")]
        row += [cell(s.evidence[index]) if s.evidence else "not requested"
                for s in item.services]
        rows.append(row)
    lines = [f"#### {item.id} {escape(item.title)}", "", " \u00b7 ".join(meta), ""]
    lines += table(header, rows)
    notes = [f"{row.service}: {n}" if row.service else n
             for row in item.services for n in row.notes]
    notes += [w.text for w in item.waivers]
    if notes:
        lines += [*(f"- {escape(n)}" for n in notes), ""]
    lines += [*(f"- [ ] {escape(q)}" for q in item.questions), ""]
    return lines


def _clause(clause: PlanClause) -> list[str]:
    lines = [f"### {clause.id} {escape(clause.title)}", ""]
    if clause.also:
        lines += [f"Also relevant: {', '.join(clause.also)} (listed under their primary "
                  "clause).", ""]
    if not clause.items and not clause.also:
        lines += ["No checklist item serves this clause; plan it from the standard.", ""]
    for item in clause.items:
        lines += _item(item)
    return lines


def _session(session: Session) -> list[str]:
    covers = f" ({', '.join(session.covers)})" if session.covers else ""
    lines = [f"## {session.number} {escape(session.title)}{covers}", ""]
    when = f" \u00b7 {session.when}" if session.when else ""
    time = session.time if session.minutes else "none (no checklist item in scope)"
    count = "" if session.kind == "meeting" else (
        f" \u00b7 {session.items} item{'s' * (session.items != 1)}")
    lines += [f"Time: {time}{when}{count}", ""]
    if session.purpose:
        lines += [escape(session.purpose), ""]
    if session.auditees:
        lines += ["Auditees: " + escape(", ".join(f"{a.name} ({a.items})"
                                                  for a in session.auditees)), ""]
    for clause in session.clauses:
        lines += _clause(clause)
    return lines


def _scope(view: AuditPlanView) -> list[str]:
    scope = view.scope
    lines = ["## Scope", ""]
    if scope.organization is None:
        return [*lines, "Generic plan: no evidence repository was read, so the scope is "
                "every checklist item for any cloud service provider "
                f"({plural(scope.items, 'item', 'items')}).", ""]
    about = f": {escape(scope.description)}" if scope.description else ""
    lines += [f"{escape(scope.organization)}{about}", ""]
    lines += table(["Service", "Id", "Categories", "Deployment models", "Tenancy",
                    "Infrastructure"],
                   [[escape(s.name), escape(s.id), ", ".join(s.categories),
                     ", ".join(s.deployment_models), ", ".join(s.tenancy or []) or "—",
                     ", ".join(s.infrastructure or []) or "—"] for s in scope.services])
    if scope.per_service:
        lines += ["Assessed once per service: " + "; ".join(
            f"{escape(c.id)} {escape(c.title)}" for c in scope.per_service) + ".", ""]
    if scope.exclusions:
        lines += table(["Excluded", "Title", "Justification"],
                       [[escape(e.id), escape(e.title), escape(e.justification)]
                        for e in scope.exclusions])
    if scope.not_applicable:
        lines += [f"{NOT_APPLICABLE}: "
                  f"{', '.join(scope.not_applicable)}.", ""]
    return [*lines, f"The plan covers {plural(scope.items, 'item', 'items')}.", ""]


def _team(view: AuditPlanView) -> list[str]:
    team = view.team
    hours = f"{team.hours_per_day:g} hours"
    dates = (f"{team.start} to {team.end}" if team.start and team.end != team.start
             else team.start or "not set (`--start` or `assessment.audit.start`)")
    lines = ["## Audit team and dates", "",
             f"- Lead auditor: {escape(team.lead or 'to be appointed')}",
             f"- Team: {escape(', '.join(team.team) or 'the lead auditor alone')}",
             f"- Dates: {dates}; {team.days} day{'s' * (team.days != 1)} of {hours}",
             f"- Time for the sessions: {team.available}, {team.planned} planned", ""]
    if team.overbooked:
        lines += ["**The sessions need more time than the audit has**: each session with "
                  "items gets at least 15 minutes. Add days or hours.", ""]
    return lines


def _timetable(view: AuditPlanView) -> list[str]:
    rows = [[str(s.number), escape(s.title), ", ".join(s.covers), s.when or "",
             s.time if s.minutes else "none",
             str(s.items) if s.kind == "process" else "",
             escape(", ".join(a.name for a in s.auditees[:3])
                    + (f" and {len(s.auditees) - 3} more" if len(s.auditees) > 3 else ""))]
            for s in view.sessions]
    return ["## Timetable", "",
            *table(["#", "Session", "Clauses", "When", "Time", "Items", "Auditees"], rows,
                   "r...rr."),
            escape(view.allocation), ""]


def front_matter(view: AuditPlanView) -> list[str]:
    """Everything before the sessions: header, objectives, scope, criteria, team, timetable."""
    who = escape(view.organization) if view.organization else "any cloud service provider"
    facts = ["Against ISO/IEC 20000-1:2018"]
    facts += [f"as of {view.as_of}"] if view.as_of else []
    facts += [f"evidence from {escape(view.repository)}"] if view.repository else []
    facts.append(f"clause numbers beside items: {view.edition} edition")
    lines = [f"# Audit plan: {who}", ""]
    lines += [escape(view.title), ""] if view.title else []
    lines += [" \u00b7 ".join(facts), "", NOTICE, ""]
    if view.repository_problems:
        lines += [f"The repository checks found {view.repository_problems} error-level "
                  "problems (`sms20k validate` lists them); evidence behind a broken "
                  "reference is marked unusable.", ""]
    lines += ["## Objectives", "", *(f"{n}. {escape(o)}" for n, o in
                                      enumerate(view.objectives, 1)), ""]
    lines += _scope(view)
    lines += ["## Criteria", "", *(f"- {escape(c)}" for c in view.criteria), ""]
    return lines + _team(view) + _timetable(view)


def render_plan(view: AuditPlanView) -> str:
    lines = front_matter(view)
    for session in view.sessions:
        lines += _session(session)
    return "\n".join(lines).rstrip() + "\n"
