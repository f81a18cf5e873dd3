"""Markdown: the catalog as a printable audit checklist, and the assessment report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import quote

from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.model import Delta, Report
from sms20k.checklists.browse_views import (
    CatalogView,
    ItemDetail,
    MatrixView,
    ScenarioDetail,
    ScenarioView,
)
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.safetext import visible

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LIST_MARKER = re.compile(r"^(?:([-+])|(\d{1,9})([.)])(?=\s|$))")


_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#~"})


@lru_cache(maxsize=65536)
def escape(text: str) -> str:
    """Neutralise Markdown and HTML in free text so it shows as written, on one line.

    Whitespace runs become one space; other controls, bidi and invisible characters are shown
    escaped (sms20k.safetext.visible). One line keeps table rows whole; the leading escapes
    stop list markers when the text starts a line, and entity references would otherwise
    show as the characters they name.
    Cached: large reports repeat the same titles and labels thousands of times.
    """
    out = _ENTITY.sub(r"\\&", visible(" ".join(text.split())).translate(_ESCAPES))
    return _LIST_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", out)


def quote_href(target: str) -> str:
    """Percent-encode whatever could end a link destination or split a table row."""
    return quote(target, safe="/:?#&=+;,@!$%*~._-")


def table(header: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> list[str]:
    """A table and a blank line; ``align`` has one letter per column, r to align right."""
    rule = ["---:" if align[i:i + 1] == "r" else "---" for i in range(len(header))]
    return ["| " + " | ".join(str(c) for c in row) + " |"
            for row in (header, rule, *rows)] + [""]


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
    app = s.applicability
    lines = [
        f"## {s.id} {escape(s.title)}{section}",
        "",
        escape(s.summary),
        "",
        "**Outcomes**",
        "",
        *(f"- {escape(o)}" for o in s.outcomes),
        "",
        f"Applies to: {', '.join(app.service_categories)}; {', '.join(app.deployment_models)}"
        f" clouds; roles: {', '.join(app.roles)}.",
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


class MarkdownRenderer(Renderer):
    name = "md"
    filename = "report.md"
    views = (CatalogView, ScenarioView, MatrixView, Report, Delta, AuditPlanView)

    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, AuditPlanView):
            from sms20k.formats.markdown_plan import render_plan

            return render_plan(view)
        if isinstance(view, Delta):
            from sms20k.formats.markdown_delta import render_delta

            return render_delta(view)
        if isinstance(view, Report):
            from sms20k.formats.markdown_report import render_report

            return render_report(view, options)
        if isinstance(view, MatrixView):
            return "\n".join(_matrix(view)) + "\n"
        if isinstance(view, ScenarioView):
            return "\n".join(_scenario(view.scenario)).rstrip() + "\n"
        assert isinstance(view, CatalogView)
        lines = [
            "# sms20k checklist: ISO/IEC 20000-1 for cloud services",
            "",
            f"{len(view.scenarios)} scenarios and {view.items} items, following the scenarios of "
            "ISO/IEC TR 20000-9:2015. The guidance is sms20k's own wording; clause numbers "
            "refer to ISO/IEC 20000-1:2011 and, through sms20k's crosswalk, to "
            "ISO/IEC 20000-1:2018.",
            "",
            "## Contents",
            "",
        ]
        lines += [f"- {s.id} {escape(s.title)} ({len(s.items)} items)" for s in view.scenarios]
        lines.append("")
        for scenario in view.scenarios:
            lines += _scenario(scenario)
        return "\n".join(lines).rstrip() + "\n"
