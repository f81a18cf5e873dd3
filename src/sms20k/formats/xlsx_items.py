"""The detail sheets of the Excel report: Items (one row per item result) and Clauses (the
scores of both editions' clauses)."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, ClauseScore, ItemResult
from sms20k.formats.context import ReportContext
from sms20k.formats.xlsx_sheets import cited, day
from sms20k.formats.xlsx_style import DATE, FRACTION, PERCENT, Column, fill_grades, lines, table
from sms20k.xlsxcells import CellValue

ITEM_COLUMNS = (
    Column("Item"), Column("Service"), Column("Scenario"), Column("Title", wrap=True, width=36),
    Column("Criticality"), Column("Clauses 2018", wrap=True, width=44),
    Column("Clauses 2011", wrap=True, width=44), Column("Status"), Column("Result"),
    Column("Reasons", wrap=True, width=44), Column("Finding class"),
    Column("Score", number_format=FRACTION, score_max=1), Column("Audit findings"),
    Column("Notes", wrap=True), Column("Evidence", wrap=True), Column("Owner"),
    Column("Review date", number_format=DATE),
)
CLAUSE_COLUMNS = (
    Column("Edition"), Column("Clause"), Column("Title", wrap=True, width=50), Column("Parent"),
    Column("Depth"), Column("Items"), Column("Score", number_format=PERCENT, score_max=100),
    *(Column(label) for label in CLASS_LABELS.values()),
)


def evidence(result: ItemResult) -> str:
    """The references, one a line, as the findings quote them: ``description (target)``."""
    return lines([f"{e.description} ({e.target})" for e in result.evidence])


def _item_row(ctx: ReportContext, r: ItemResult) -> list[CellValue]:
    return [
        r.item, r.service, r.scenario, r.title, r.criticality, cited(r.clauses_2018),
        cited(r.clauses_2011), r.status, RESULT_LABELS[r.result], lines(r.reasons),
        CLASS_LABELS[r.finding_class] if r.finding_class else None, r.score,
        lines([f.id for f in ctx.findings_of(r)]), r.notes, evidence(r), r.owner,
        day(r.reviewed),
    ]


def items(sheet: Worksheet, ctx: ReportContext) -> None:
    results = ctx.report.results
    table(sheet, ITEM_COLUMNS, [_item_row(ctx, r) for r in results])
    fill_grades(sheet, ITEM_COLUMNS.index(Column("Finding class")) + 1,
                [r.finding_class for r in results])


def _clause_row(edition: str, c: ClauseScore) -> list[CellValue]:
    return [edition, c.id, c.title, c.parent, c.depth, c.items, c.score,
            *(c.counts.classes.get(k, 0) for k in CLASS_LABELS)]


def clauses(sheet: Worksheet, ctx: ReportContext) -> None:
    """Both editions in one table, the report's edition first, a title indented by depth."""
    editions = [("2018", ctx.report.clauses_2018), ("2011", ctx.report.clauses_2011)]
    if ctx.edition == "2011":
        editions.reverse()
    scores = [(edition, c) for edition, rows in editions for c in rows]
    table(sheet, CLAUSE_COLUMNS, [_clause_row(edition, c) for edition, c in scores])
    for r, (_, c) in enumerate(scores, start=2):
        if c.depth:
            sheet.cell(row=r, column=3).alignment = Alignment(vertical="top", wrap_text=True,
                                                                indent=c.depth)
