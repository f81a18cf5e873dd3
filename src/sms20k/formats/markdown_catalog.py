"""Markdown for the checklists: the catalog as a printable audit checklist, a scenario, and
the scenario x clause matrix."""

from __future__ import annotations

from sms20k.checklists.browse_views import CatalogView, ItemDetail, MatrixView, ScenarioDetail
from sms20k.formats.markdown_syntax import escape
from sms20k.formats.text import plural


def _item(item: ItemDetail) -> list[str]:
    c11 = ", ".join(f"{c.id} {escape(c.title)}" for c in item.clauses_2011)
    c18 = ", ".join(f"{c.id} {escape(c.title)}" for c in item.clauses_2018) or "none"
    lines = [
        f"### {item.id} {escape(item.title)}",
        "",
        f"- [ ] **Assessed** · criticality: **{item.criticality}**"
        + (f" · tags: {', '.join(escape(t) for t in item.tags)}" if item.tags else ""),
        f"- ISO/IEC 20000-1:2011: {c11}",
        f"- ISO/IEC 20000-1:2018: {c18}",
        f"- Applies to: {escape(item.applies_to)}",
        *(["- Companion standards: " + "; ".join(
            f"{escape(r.citation)} ({escape(r.topic)})" for r in item.references)]
          if item.references else []),
        *([f"- Merged into this item: {', '.join(item.aliases)}"] if item.aliases else []),
        *(["- See also: " + "; ".join(f"{r.id} {escape(r.title)}" for r in item.see_also)]
          if item.see_also else []),
        "",
        escape(item.guidance),
        "",
        "**Evidence to request**",
        "",
        "| Kind | Evidence | Max. age | Sampling |",
        "|---|---|---|---|",
    ]
    for ev in item.evidence:
        sampling = escape(ev.sampling) if ev.sampling else ""
        lines.append(f"| {ev.kind} | {escape(ev.description)} | {ev.cadence} | {sampling} |")
    lines += ["", "**Interview questions**", ""]
    lines += [f"{n}. {escape(q)}" for n, q in enumerate(item.questions, 1)]
    lines += ["", "Notes: ______________________________________________", ""]
    return lines


def _scenario(s: ScenarioDetail) -> list[str]:
    section = f" (TR 20000-9 {s.section})" if s.section else ""
    lines = [
        f"## {s.id} {escape(s.title)}{section}",
        "",
        escape(s.summary),
        "",
        "**Outcomes**",
        "",
        *(f"- {escape(o)}" for o in s.outcomes),
        "",
        f"Applies to: {escape(s.applies_to)}.",
        "",
        "| Item | Title | Criticality | 2011 clauses |",
        "|---|---|---|---|",
    ]
    for item in s.items:
        clauses = ", ".join(c.id for c in item.clauses_2011)
        lines.append(f"| {item.id} | {escape(item.title)} | {item.criticality} | {clauses} |")
    lines.append("")
    for item in s.items:
        lines += _item(item)
    return lines


def _matrix(view: MatrixView) -> list[str]:
    lines = [
        "| Clause | Title | " + " | ".join(view.scenarios) + " | Items |",
        "|---|---|" + "---:|" * (len(view.scenarios) + 1),
    ]
    for row in view.rows:
        cells = [str(row.counts[s]) if row.counts[s] else "" for s in view.scenarios]
        total = str(row.total) if row.total else "**0**"
        lines.append(f"| {row.clause} | {escape(row.title)} | " + " | ".join(cells)
                     + f" | {total} |")
    return lines


def render_matrix(view: MatrixView) -> str:
    return "\n".join(_matrix(view)) + "\n"


def render_scenario(scenario: ScenarioDetail) -> str:
    return "\n".join(_scenario(scenario)).rstrip() + "\n"


def render_catalog(view: CatalogView) -> str:
    lines = [
        "# sms20k checklist: ISO/IEC 20000-1 for cloud services",
        "",
        f"{plural(len(view.scenarios), 'scenario', 'scenarios')} and "
        f"{plural(view.items, 'item', 'items')}, following the scenarios of "
        "ISO/IEC TR 20000-9:2015. The guidance is sms20k's own wording; clause numbers "
        "refer to ISO/IEC 20000-1:2011 and, through sms20k's crosswalk, to "
        "ISO/IEC 20000-1:2018.",
        "",
        "## Contents",
        "",
    ]
    lines += [f"- {s.id} {escape(s.title)} ({plural(len(s.items), 'item', 'items')})"
              for s in view.scenarios]
    lines.append("")
    for scenario in view.scenarios:
        lines += _scenario(scenario)
    return "\n".join(lines).rstrip() + "\n"
