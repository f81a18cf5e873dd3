"""Markdown for the audit plan: a printable evidence request list and interview guide."""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView, PlanItem
from sms20k.formats.markdown_syntax import escape, table


def _item(item: PlanItem, with_repo: bool) -> list[str]:
    status = f" · status: {escape(', '.join(item.status))}" if item.status else ""
    lines = [f"### {item.id} {escape(item.title)}", "",
             f"Scenario {item.scenario} · criticality {item.criticality}{status}", ""]
    header = ["Request", "Max. age", "Sampling"] + (["Provided", "Missing"] if with_repo else [])
    rows = []
    for ev in item.evidence:
        row = [f"{ev.kind}: {escape(ev.description)}", ev.cadence, escape(ev.sampling or "")]
        if with_repo:
            provided = "; ".join(f"{escape(p.target)} ({p.reviewed or 'undated'})"
                                 for p in ev.provided)
            row += [provided or "-", "**missing**" if ev.missing else ""]
        rows.append(row)
    lines += table(header, rows)
    lines += ["Ask:", "", *(f"- [ ] {escape(q)}" for q in item.questions), ""]
    return lines


def render_plan(view: AuditPlanView) -> str:
    who = escape(view.organization) if view.organization else "any cloud service provider"
    lines = [
        f"# Audit plan: ISO/IEC 20000-1:{view.edition}, {who}", "",
        "Evidence to request and questions to ask, clause by clause. Items come from the sms20k "
        "checklists (ISO/IEC TR 20000-9 scenarios); the wording is sms20k's own.", "",
    ]
    if view.repository:
        lines += [f"Evidence already provided comes from {escape(view.repository)}.", ""]
    else:
        lines += ["Generic plan: no evidence repository was read.", ""]
    lines += ["| Clause | Title | Items |", "| --- | --- | ---: |"]
    lines += [f"| {c.id} | {escape(c.title)} | {len(c.items)} |" for c in view.clauses]
    lines.append("")
    for clause in view.clauses:
        lines += [f"## {clause.id} {escape(clause.title)}", ""]
        if not clause.items:
            lines += ["No checklist item serves this clause; plan it from the standard.", ""]
        for item in clause.items:
            lines += _item(item, view.repository is not None)
    return "\n".join(lines).rstrip() + "\n"
