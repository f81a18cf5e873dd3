"""The terminal summary that ``sms20k assess`` always prints (unless --quiet)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sms20k.assessment.model import CLASS_LABELS, Report
from sms20k.formats.interface import Format, Renderer, RenderOptions
from sms20k.formats.richtext import plain, to_text
from sms20k.formats.text_tables import delta_text
from sms20k.modelbase import View
from sms20k.scores import band, filled, score_text

BAR = 20
BAND_STYLES = {"good": "green", "fair": "yellow", "poor": "red"}


def bar(score: float | None, width: int = BAR) -> Text:
    if score is None:
        return Text("·" * width, style="dim")
    cells = filled(score, width)
    return Text("█" * cells, style=BAND_STYLES[band(score)]) + Text("░" * (width - cells),
                                                                     style="dim")


def _scenarios(report: Report) -> Table:
    table = Table(title="Scenarios", title_justify="left", header_style="bold")
    # One line per scenario: titles are cut with an ellipsis rather than wrapped.
    table.add_column("ID", no_wrap=True, min_width=3)
    table.add_column("Title", no_wrap=True, overflow="ellipsis", max_width=38)
    table.add_column("Score", justify="right", no_wrap=True, min_width=6)
    table.add_column("", no_wrap=True, min_width=BAR)
    for column in ("Maj", "Min", "Obs"):
        table.add_column(column, justify="right", no_wrap=True, min_width=3)
    for s in report.scenarios:
        c = s.counts.classes
        table.add_row(plain(s.id), plain(s.title), score_text(s.score), bar(s.score),
                      str(c["major"] or ""), str(c["minor"] or ""), str(c["observation"] or ""))
    return table


def _gaps(report: Report, limit: int = 5) -> RenderableType:
    if not report.gaps:
        return Text("No gaps: every assessed item is conformant.", style="green")
    table = Table(title=f"Top gaps (of {len(report.gaps)})", title_justify="left",
                  header_style="bold")
    for column in ("#", "Item", "Class", "Title", "Why"):
        table.add_column(column, overflow="fold")
    for gap in report.gaps[:limit]:
        style = "bold red" if gap.finding_class == "major" else ""
        table.add_row(str(gap.rank), plain(gap.label),
                      Text(CLASS_LABELS[gap.finding_class], style=style), plain(gap.title),
                      plain(gap.reason))
    return table


def summary_text(report: Report, options: RenderOptions) -> str:
    s = report.summary
    c = s.counts.classes
    head = Text.assemble(
        plain(f"{report.meta.organization}: {report.meta.title}", "bold"), "\n",
        f"as of {report.meta.as_of} · {s.items_in_scope} items in scope, {s.assessed} assessed",
    )
    overall = Text.assemble(("Overall score ", "bold"), (score_text(s.score), "bold"), "  ",
                            bar(s.score, 30), "\n",
                            f"{c['major']} major · {c['minor']} minor · "
                            f"{c['observation']} observations · {c['ofi']} opportunities")
    parts: list[RenderableType] = [head, overall, _scenarios(report), _gaps(report)]
    if s.validation_errors or s.validation_warnings:
        parts.append(Text(f"Validation: {s.validation_errors} errors, {s.validation_warnings} "
                          "warnings (run `sms20k validate` for details)", style="yellow"))
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
