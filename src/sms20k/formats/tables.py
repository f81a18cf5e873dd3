"""Rich tables for the browsing views; plain (no escape codes) when colour is off."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sms20k.assessment.model import Change, Delta
from sms20k.formats.interface import RenderOptions
from sms20k.views import (
    ClauseTreeView,
    ClauseView,
    ItemDetail,
    ItemView,
    MatrixView,
    ScenarioList,
    ScenarioView,
    View,
)

CRITICALITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _crit(value: str) -> Text:
    return Text(value, style=CRITICALITY_STYLE.get(value, ""))


def _scenarios(view: ScenarioList) -> RenderableType:
    table = _table("ID", "TR 20000-9", "Title", "Items", title="Scenarios")
    for row in view.scenarios:
        table.add_row(Text(row.id), Text(row.section or "-"), Text(row.title), str(row.items))
    total = sum(row.items for row in view.scenarios)
    return Group(table, Text(f"{len(view.scenarios)} scenarios, {total} items"))


def _item_block(item: ItemDetail) -> RenderableType:
    head = Text.assemble((f"{item.id} ", "bold cyan"), (item.title, "bold"), "  ",
                         _crit(item.criticality))
    c11 = ", ".join(f"{c.id} {c.title}" for c in item.clauses_2011)
    c18 = ", ".join(f"{c.id} {c.title}" for c in item.clauses_2018) or "-"
    source = "via crosswalk" if item.clauses_2018_derived else "set by the item"
    lines: list[RenderableType] = [
        head,
        _indent(item.guidance, 2),
        _indent(f"2011: {c11}", 2),
        _indent(f"2018: {c18} ({source})", 2),
        _indent("Evidence:", 2, "bold"),
    ]
    for ev in item.evidence:
        lines.append(_indent(f"- [{ev.kind}, {ev.cadence}] {ev.description}", 4))
        if ev.sampling:
            lines.append(_indent(f"sampling: {ev.sampling}", 6, "dim"))
    lines.append(_indent("Questions:", 2, "bold"))
    lines.extend(_indent(f"? {q}", 4) for q in item.questions)
    if item.tags:
        lines.append(_indent("Tags: " + ", ".join(item.tags), 2, "dim"))
    return Group(*lines)


def _indent(text: str, left: int, style: str = "") -> RenderableType:
    return Padding(Text(text, style=style), (0, 0, 0, left))


def _scenario(view: ScenarioView) -> RenderableType:
    s = view.scenario
    section = f"TR 20000-9 {s.section} · " if s.section else ""
    app = s.applicability
    parts: list[RenderableType] = [
        Text.assemble((f"{s.id} ", "bold cyan"), (s.title, "bold")),
        Text(f"{section}{len(s.items)} items · {s.source}", style="dim"),
        Text(s.summary),
        Text("Outcomes:", style="bold"),
        *(_indent(f"- {o}", 2) for o in s.outcomes),
        Text("Applies to: " + ", ".join(app.service_categories) + " · "
             + ", ".join(app.deployment_models) + " · " + ", ".join(app.roles)),
        Text(""),
    ]
    for item in s.items:
        parts.extend([_item_block(item), Text("")])
    return Group(*parts)


def _clause(view: ClauseView) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble((f"ISO/IEC 20000-1:{view.edition} {view.id} ", "bold cyan"),
                      (view.title, "bold")),
    ]
    if view.parent:
        parts.append(Text(f"Parent: {view.parent}", style="dim"))
    if view.subclauses:
        parts.append(Text("Subclauses: " + ", ".join(f"{c.id} {c.title}" for c in view.subclauses)))
    if view.new_in_2018:
        parts.append(Text(f"New in 2018: {view.new_in_2018}"))
    if view.crosswalk:
        walk = _table("Edition", "Clause", "Title", "Relationship", title="Crosswalk")
        for link in view.crosswalk:
            walk.add_row(link.edition, link.id, Text(link.title), link.relationship)
        parts.append(walk)
    items = _table("Item", "Title", "Criticality", "Via", title=f"{len(view.items)} items")
    for row in view.items:
        items.add_row(Text(row.id), Text(row.title), _crit(row.criticality), row.via)
    parts.append(items)
    return Group(*parts)


def _clauses(view: ClauseTreeView) -> RenderableType:
    table = _table("Clause", "Title", "Items", title=f"ISO/IEC 20000-1:{view.edition}")
    for row in view.clauses:
        label = Text("  " * row.depth + row.id, style="bold" if row.depth == 0 else "")
        count = Text(str(len(row.items)))
        if row.leaf and not row.covered:
            count = Text("0 uncovered", style="bold red")
        table.add_row(label, Text(row.title), count)
    summary = f"{view.covered_leaves}/{view.leaves} leaf clauses covered"
    if view.uncovered:
        summary += "; uncovered: " + ", ".join(view.uncovered)
    return Group(table, Text(summary, style="bold"))


def _matrix(view: MatrixView) -> RenderableType:
    table = Table(title=f"ISO/IEC 20000-1:{view.edition} leaf clauses x scenarios (item counts)",
                  title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                  padding=(0, 0), pad_edge=False, collapse_padding=True)
    table.add_column("Clause", no_wrap=True)
    for sid in [*view.scenarios, "All"]:
        table.add_column(sid, justify="right", no_wrap=True, min_width=len(sid) + 1)
    for row in view.rows:
        cells = [str(row.counts[s]) if row.counts[s] else "·" for s in view.scenarios]
        total = Text(str(row.total)) if row.total else Text("0", style="bold red")
        table.add_row(row.clause, *cells, total)
    return table


def _change_rows(title: str, changes: list[Change]) -> RenderableType:
    table = _table("Item", "Title", "Result", "Finding", title=f"{title} ({len(changes)})")
    for c in changes:
        item = f"{c.item} ({c.service})" if c.service else c.item
        table.add_row(Text(item), Text(c.title),
                      Text(f"{c.old_result or '-'} → {c.new_result or '-'}"),
                      Text(f"{c.old_class or 'none'} → {c.new_class or 'none'}"))
    return table


def _delta(view: Delta) -> RenderableType:
    from sms20k.formats.numbers import score_text, signed
    from sms20k.formats.summary import delta_text

    scores = _table("Scenario", "Title", "Old", "New", "Change", title="Scores")
    for row in [view.overall, *view.scenarios]:
        change = signed(row.delta)
        style = "red" if (row.delta or 0) < 0 else "green" if (row.delta or 0) > 0 else ""
        scores.add_row(Text(row.id), Text(row.title), score_text(row.old), score_text(row.new),
                       Text(change, style=style))
    parts: list[RenderableType] = [Text(f"{view.old} → {view.new}", style="bold"),
                                   delta_text(view), scores]
    for title, changes in (("Regressed", view.regressed), ("New findings", view.new_findings),
                           ("Improved", view.improved), ("Resolved findings",
                                                         view.resolved_findings)):
        if changes:
            parts.append(_change_rows(title, changes))
    return Group(*parts)


def _item(view: ItemView) -> RenderableType:
    return _item_block(view.item)


_DISPATCH: dict[type[View], Callable[[Any], RenderableType]] = {
    ScenarioList: _scenarios,
    ScenarioView: _scenario,
    ItemView: _item,
    ClauseView: _clause,
    ClauseTreeView: _clauses,
    MatrixView: _matrix,
    Delta: _delta,
}


def render_table_view(view: View, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                      width=options.width, highlight=False, emoji=False,
                      color_system="standard" if options.color else None)
    console.print(_DISPATCH[type(view)](view))
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
