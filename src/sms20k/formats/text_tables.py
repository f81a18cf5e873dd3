"""The text format's drawings of the browsing views and of a diff: rich tables, plain (no
escape codes) when colour is off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sms20k.assessment.model import Change, Delta
from sms20k.checklists.browse_views import (
    ClauseTreeView,
    ClauseView,
    ItemDetail,
    ItemView,
    MatrixView,
    ScenarioList,
    ScenarioView,
)
from sms20k.formats.interface import RenderOptions
from sms20k.formats.richtext import plain, to_text
from sms20k.modelbase import View, plural
from sms20k.scores import score_text, signed

CRITICALITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _crit(value: str) -> Text:
    return plain(value, CRITICALITY_STYLE.get(value, ""))


def _scenarios(view: ScenarioList) -> RenderableType:
    table = _table("ID", "TR 20000-9", "Title", "Items", title="Scenarios")
    for row in view.scenarios:
        table.add_row(plain(row.id), plain(row.section or "-"), plain(row.title), str(row.items))
    total = sum(row.items for row in view.scenarios)
    legend = "; ".join(f"{abbr} {name}" for abbr, name in view.categories.items())
    return Group(table, Text(f"{plural(len(view.scenarios), 'scenario', 'scenarios')}, "
                                     f"{plural(total, 'item', 'items')}"),
                 plain(f"Service categories (ISO/IEC 17788): {legend}", "dim"))


def _item_block(item: ItemDetail) -> RenderableType:
    head = Text.assemble(plain(f"{item.id} ", "bold cyan"), plain(item.title, "bold"), "  ",
                         _crit(item.criticality))
    c11 = ", ".join(f"{c.id} {c.title}" for c in item.clauses_2011)
    c18 = ", ".join(f"{c.id} {c.title}" for c in item.clauses_2018) or "-"
    source = "via crosswalk" if item.clauses_2018_derived else "set by the item"
    lines: list[RenderableType] = [
        head,
        _indent(item.guidance, 2, lines=True),
        _indent(f"2011: {c11}", 2),
        _indent(f"2018: {c18} ({source})", 2),
        _indent(f"Applies to: {item.applies_to}", 2),
    ]
    if item.references:
        lines.append(_indent("Companion standards: " + "; ".join(
            f"{r.citation} ({r.topic})" for r in item.references), 2))
    if item.aliases:
        lines.append(_indent("Merged into this item: " + ", ".join(item.aliases)
                             + " (evidence under those ids is read as this item)", 2))
    if item.see_also:
        lines.append(_indent("See also: " + "; ".join(f"{r.id} {r.title}"
                                                      for r in item.see_also), 2))
    if recs := item.recommendations:
        lines.append(_indent("Recommendations:", 2, "bold"))
        lines.extend(_indent(f"{status}: {text}", 4) for status, text in (
            ("partial", recs.partial), ("planned", recs.planned),
            ("not implemented", recs.not_implemented)) if text)
    lines.append(_indent("Evidence:", 2, "bold"))
    for ev in item.evidence:
        lines.append(_indent(f"- [{ev.kind}, {ev.cadence}] {ev.description}", 4))
        if ev.sampling:
            lines.append(_indent(f"sampling: {ev.sampling}", 6, "dim"))
    lines.append(_indent("Questions:", 2, "bold"))
    lines.extend(_indent(f"? {q}", 4) for q in item.questions)
    if item.tags:
        lines.append(_indent("Tags: " + ", ".join(item.tags), 2, "dim"))
    return Group(*lines)


def _indent(text: str, left: int, style: str = "", *, lines: bool = False) -> RenderableType:
    return Padding(plain(text, style, lines=lines), (0, 0, 0, left))


def _scenario(view: ScenarioView) -> RenderableType:
    s = view.scenario
    section = f"TR 20000-9 {s.section} · " if s.section else ""
    parts: list[RenderableType] = [
        Text.assemble(plain(f"{s.id} ", "bold cyan"), plain(s.title, "bold")),
        plain(f"{section}{plural(len(s.items), 'item', 'items')} · {s.source}", "dim"),
        plain(s.summary, lines=True),
        Text("Outcomes:", style="bold"),
        *(_indent(f"- {o}", 2) for o in s.outcomes),
        plain("Applies to: " + s.applies_to),
        Text(""),
    ]
    for item in s.items:
        parts.extend([_item_block(item), Text("")])
    return Group(*parts)


def _clause(view: ClauseView) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(plain(f"ISO/IEC 20000-1:{view.edition} {view.id} ", "bold cyan"),
                      plain(view.title, "bold")),
    ]
    if view.parent:
        parts.append(plain(f"Parent: {view.parent}", "dim"))
    if view.subclauses:
        parts.append(plain("Subclauses: " + ", ".join(f"{c.id} {c.title}"
                                                      for c in view.subclauses)))
    if view.new_in_2018:
        parts.append(plain(f"New in 2018: {view.new_in_2018}"))
    if view.crosswalk:
        walk = _table("Edition", "Clause", "Title", "Relationship", "Rationale",
                      title="Crosswalk")
        for link in view.crosswalk:
            walk.add_row(plain(link.edition), plain(link.id), plain(link.title),
                         plain(link.relationship), plain(link.rationale))
        parts.append(walk)
    items = _table("Item", "Title", "Criticality", "Via",
                   title=plural(len(view.items), "item", "items"))
    for row in view.items:
        items.add_row(plain(row.id), plain(row.title), _crit(row.criticality), plain(row.via))
    parts.append(items)
    return Group(*parts)


def _clauses(view: ClauseTreeView) -> RenderableType:
    table = _table("Clause", "Title", "Items", title=f"ISO/IEC 20000-1:{view.edition}")
    for row in view.clauses:
        label = plain("  " * row.depth + row.id, "bold" if row.depth == 0 else "")
        count = Text(str(len(row.items)))
        if row.leaf and not row.covered:
            count = Text("0 uncovered", style="bold red")
        table.add_row(label, plain(row.title), count)
    summary = f"{view.covered_leaves}/{view.leaves} leaf clauses covered"
    if view.uncovered:
        summary += "; uncovered: " + ", ".join(view.uncovered)
    return Group(table, plain(summary, "bold"))


def _matrix(view: MatrixView) -> RenderableType:
    table = Table(title=f"ISO/IEC 20000-1:{view.edition} leaf clauses x scenarios (item counts)",
                  title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                  padding=(0, 0), pad_edge=False, collapse_padding=True)
    table.add_column("Clause", no_wrap=True)
    for sid in [*view.scenarios, "All"]:
        table.add_column(plain(sid), justify="right", no_wrap=True, min_width=len(sid) + 1)
    for row in view.rows:
        cells = [str(row.counts[s]) if row.counts[s] else "·" for s in view.scenarios]
        total = Text(str(row.total)) if row.total else Text("0", style="bold red")
        table.add_row(plain(row.clause), *cells, total)
    return table


def _change_rows(title: str, changes: list[Change]) -> RenderableType:
    table = _table("Item", "Title", "Result", "Finding", title=f"{title} ({len(changes)})")
    for c in changes:
        table.add_row(plain(c.label), plain(c.title),
                      plain(f"{c.old_result or '-'} → {c.new_result or '-'}"),
                      plain(f"{c.old_class or 'none'} → {c.new_class or 'none'}"))
    return table


def delta_text(delta: Delta) -> Text:
    """One line on the changes since a baseline, also under the summary of ``assess``."""
    overall = delta.overall
    return Text.assemble(
        ("Since ", "bold"), plain(delta.old), ": overall ", score_text(overall.old), " → ",
        score_text(overall.new), f" ({signed(overall.delta)}); ",
        f"{len(delta.improved)} improved, {len(delta.regressed)} regressed, "
        f"{plural(len(delta.new_findings), 'new finding', 'new findings')}, "
        f"{len(delta.resolved_findings)} resolved",
    )


def _delta(view: Delta) -> RenderableType:
    scores = _table("Scenario", "Title", "Old", "New", "Change", title="Scores")
    for row in [view.overall, *view.scenarios]:
        change = signed(row.delta)
        style = "red" if (row.delta or 0) < 0 else "green" if (row.delta or 0) > 0 else ""
        scores.add_row(plain(row.id), plain(row.title), score_text(row.old), score_text(row.new),
                       Text(change, style=style))
    parts: list[RenderableType] = [plain(f"{view.old} → {view.new}", "bold"),
                                   delta_text(view), scores]
    for title, changes in (("Regressed", view.regressed), ("New findings", view.new_findings),
                           ("Improved", view.improved), ("Resolved findings",
                                                         view.resolved_findings)):
        if changes:
            parts.append(_change_rows(title, changes))
    return Group(*parts)


def _item(view: ItemView) -> RenderableType:
    if view.merged is None:
        return _item_block(view.item)
    return Group(plain(f"{view.merged} was merged into {view.item.id}; evidence under "
                       f"{view.merged} is read as {view.item.id}.", "yellow"), Text(""),
                 _item_block(view.item))


DRAWINGS: dict[type[View], Callable[[Any], RenderableType]] = {
    ScenarioList: _scenarios,
    ScenarioView: _scenario,
    ItemView: _item,
    ClauseView: _clause,
    ClauseTreeView: _clauses,
    MatrixView: _matrix,
    Delta: _delta,
}


def render_table_view(view: View, options: RenderOptions) -> str:
    return to_text(DRAWINGS[type(view)](view), options)
