"""The terminal summary that ``sms20k assess`` always prints (unless --quiet)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sms20k.assessment.model import CLASS_LABELS, Report, ScenarioScore
from sms20k.formats.interface import Format, Renderer, RenderOptions
from sms20k.formats.richtext import plain, to_text
from sms20k.formats.text import (
    action_words,
    coverage_words,
    grade_words,
    plural,
    recorded_actions,
    why,
)
from sms20k.formats.text_tables import delta_text
from sms20k.modelbase import View
from sms20k.scores import band, filled, score_text

BAR = 20
SCENARIO_BAR = 16
BAND_STYLES = {"good": "green", "fair": "yellow", "poor": "red"}
NOT_ASSESSED = "not assessed"


def bar(score: float | None, width: int = BAR) -> Text:
    if score is None:
        return Text("·" * width, style="dim")
    cells = filled(score, width)
    return Text("█" * cells, style=BAND_STYLES[band(score)]) + Text("░" * (width - cells),
                                                                     style="dim")


def unassessed(scenario: ScenarioScore) -> bool:
    """Nothing in the scenario was assessed (never a score of 0.0%)."""
    return scenario.assessed == 0


def _scenarios(report: Report) -> Table:
    table = Table(title="Scenarios", title_justify="left", header_style="bold")
    # One line per scenario: titles are cut with an ellipsis rather than wrapped.
    table.add_column("ID", no_wrap=True, min_width=3)
    table.add_column("Title", no_wrap=True, overflow="ellipsis", max_width=32)
    table.add_column("Assessed", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True, min_width=6)
    table.add_column("", no_wrap=True, min_width=SCENARIO_BAR)
    for column in ("Maj", "Min", "Obs"):
        table.add_column(column, justify="right", no_wrap=True, min_width=3)
    for s in report.scenarios:
        c = s.counts.classes
        assessed = "" if s.assessed is None else f"{s.assessed}/{s.items}"
        if unassessed(s):
            score, drawn = Text(""), Text(NOT_ASSESSED, style="dim")
        else:
            score, drawn = Text(score_text(s.score)), bar(s.score, SCENARIO_BAR)
        table.add_row(plain(s.id), plain(s.title), assessed, score, drawn,
                      str(c["major"] or ""), str(c["minor"] or ""), str(c["observation"] or ""))
    return table


def _gaps(report: Report, limit: int = 5) -> RenderableType:
    if not report.gaps:
        return Text("No gaps: every assessed item is conformant.", style="green")
    table = Table(title=f"Top gaps (of {len(report.gaps)})", title_justify="left",
                  header_style="bold", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Item", no_wrap=True)
    table.add_column("Class", no_wrap=True)
    # The title leads the "why", so that the width goes to the notes and missing evidence.
    table.add_column("Why", overflow="fold", ratio=1)
    for gap in report.gaps[:limit]:
        style = "bold red" if gap.finding_class == "major" else ""
        table.add_row(str(gap.rank), plain(gap.label),
                      Text(CLASS_LABELS[gap.finding_class], style=style),
                      Text.assemble(plain(gap.title, "bold"), ": ", plain(why(gap))))
    return table


def _figures(report: Report) -> Table:
    s = report.summary
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    coverage = Text(coverage_words(report))
    skipped = s.coverage.not_assessed_scenarios if s.coverage else []
    if skipped:
        titles = {sc.id: sc.title for sc in report.scenarios}
        coverage.append_text(plain(" · not assessed: " + ", ".join(
            f"{sid} {titles.get(sid, '')}".strip() for sid in skipped)))
    table.add_row("Coverage", coverage)
    table.add_row("Overall score", Text.assemble(
        (score_text(s.score), "bold"), "  ", bar(s.score, 30), "  of the assessed items"))
    cited = len({item.label for finding in report.findings for item in finding.items})
    table.add_row("Audit findings", Text(
        grade_words(s.findings) + (f" (with {plural(cited, 'item result', 'item results')} as "
                                   "objective evidence)" if cited else "")))
    if recorded_actions(s.actions):
        table.add_row("Actions", Text(action_words(s.actions),
                                      style="yellow" if s.actions.get("overdue") else ""))
    if s.waived:
        table.add_row("Waived", Text(
            f"{plural(s.waived, 'result', 'results')} under an active waiver: still judged "
            "and counted, exempt only from the CI gates"))
    if s.repository_errors or s.repository_warnings:
        table.add_row("Repository", Text(
            f"{plural(s.repository_errors, 'error', 'errors')}, "
            f"{plural(s.repository_warnings, 'warning', 'warnings')}: problems of the evidence "
            "repository, not audit findings; see the report's Repository problems section",
            style="yellow" if s.repository_errors else ""))
    return table


def summary_text(report: Report, options: RenderOptions) -> str:
    m = report.meta
    content = f" (content {m.content_version})" \
        if m.content_version and m.content_version not in m.checklists else ""
    head = Text.assemble(
        plain(f"{m.organization}: {m.title}", "bold"), "\n",
        plain(f"as of {m.as_of} · assessment date {m.date} · {m.checklists}{content}"),
    )
    parts: list[RenderableType] = [head, _figures(report), _scenarios(report), _gaps(report)]
    if report.baseline is not None:
        parts.append(delta_text(report.baseline))
    for gate in report.gates:
        mark, style = ("passed", "green") if gate.passed else ("FAILED", "bold red")
        parts.append(Text.assemble(("Gate ", "bold"), plain(gate.gate), ": ", (mark, style),
                                   " · ", plain(gate.message)))
    return to_text(Group(*parts), options)


def wrote_text(written: Sequence[Path], options: RenderOptions) -> str:
    """The line after the summary that names the files written; empty if none."""
    return to_text(plain("Wrote " + ", ".join(str(p) for p in written)), options) if written else ""


SUMMARY = Format("summary", "sms20k.formats.summary:SummaryRenderer", ("assessment",))
"""Not a --format choice: ``sms20k assess`` prints it unless --quiet."""


class SummaryRenderer(Renderer):
    def __init__(self, spec: Format = SUMMARY) -> None:
        super().__init__(spec)

    def _render(self, view: View, options: RenderOptions) -> str:
        assert isinstance(view, Report)
        return summary_text(view, options)
