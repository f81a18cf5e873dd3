"""The sheets of the Excel report that sum it up: Summary, Findings and Action plan."""

from __future__ import annotations

import datetime as dt

from openpyxl.worksheet.worksheet import Worksheet

from sms20k.assessment.action_plan import plan_view
from sms20k.assessment.model import CLASS_LABELS, FINDING_CLASSES, RESULT_LABELS, CitedClause
from sms20k.formats.context import ReportContext
from sms20k.formats.csv_actions import ACTION_COLUMNS, action_rows
from sms20k.formats.text import items_in_scope
from sms20k.formats.xlsx_style import DATE, PERCENT, Column, fill_grades, lines, table
from sms20k.safetext import safe_href
from sms20k.xlsxcells import CellValue

ACTION_STATES = ("open", "overdue", "implemented", "closed", "missing")
_DATE_COLUMNS = ("due", "completed", "effectiveness_reviewed", "as_of")
_WIDE_COLUMNS = ("correction", "root_cause", "corrective_action", "effectiveness_notes")
_NARROW_COLUMNS = ("clause_title", "state")


def day(text: str | None) -> dt.date | str | None:
    """An ISO date as a date cell; anything else stays the text it is."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def cited(clauses: list[CitedClause]) -> str:
    return lines([f"{c.id} {c.title}" for c in clauses])


def summary(sheet: Worksheet, ctx: ReportContext) -> None:
    """What the assessment found, as label and value, beside the table of scenario scores."""
    report, meta, s = ctx.report, ctx.report.meta, ctx.report.summary
    facts: list[tuple[str, CellValue]] = [
        ("Organization", meta.organization), ("Title", meta.title),
        ("Assessor", meta.assessor), ("Reference", meta.reference),
        ("Date", day(meta.date)), ("As of", day(meta.as_of)),
        ("Marking", ctx.options.issue_marking), ("Standard", ctx.standard),
        ("Checklists", meta.checklists), ("Content version", meta.content_version),
        ("Overall score", s.score), ("Coverage", ctx.coverage_text),
        ("Item results in scope", ctx.coverage.in_scope),
        ("Item results assessed", ctx.coverage.assessed),
        ("Items in scope", items_in_scope(ctx.report)),
    ]
    facts += [(f"Results: {RESULT_LABELS[k]}", s.counts.results.get(k, 0))
              for k in RESULT_LABELS]
    facts += [(f"Audit findings: {CLASS_LABELS[k]}", s.findings.get(k, 0))
              for k in FINDING_CLASSES]
    facts += [(f"Actions: {k}", s.actions.get(k, 0)) for k in ACTION_STATES]
    facts += [("Tool", meta.tool)]
    columns = [Column("Scenario"), Column("Title"), Column("Score", number_format=PERCENT,
                                                            score_max=100),
               Column("Items"), Column("Assessed"),
               *(Column(CLASS_LABELS[k]) for k in FINDING_CLASSES)]
    rows: list[list[CellValue]] = [
        [sc.id, sc.title, sc.score, sc.items, sc.assessed,
         *(sc.counts.classes.get(k, 0) for k in FINDING_CLASSES)]
        for sc in report.scenarios]
    table(sheet, columns, rows, first_column=4)
    # The facts share the frozen header row; the filter stays on the scenario table.
    table_filter = sheet.auto_filter.ref
    table(sheet, [Column("Assessment"), Column("Value")], [list(f) for f in facts])
    sheet.auto_filter.ref = table_filter
    for r, (name, value) in enumerate(facts, start=2):
        cell = sheet.cell(row=r, column=2)
        cell.number_format = DATE if isinstance(value, dt.date) else (
            PERCENT if name == "Overall score" else cell.number_format)


FINDING_COLUMNS = (
    Column("Finding"), Column("Grade"), Column("Clause"),
    Column("Clause title", wrap=True, width=30),
    Column("Clauses 2011", wrap=True), Column("Statement", wrap=True),
    Column("Evidence seen", wrap=True), Column("Missing evidence", wrap=True),
    Column("Recommendations", wrap=True), Column("Services"), Column("Items"),
    Column("Actions"),
)


def findings(sheet: Worksheet, ctx: ReportContext) -> None:
    rows: list[list[CellValue]] = [
        [f.id, CLASS_LABELS[f.grade], f.clause.id, f.clause.title, cited(f.clauses_2011),
         f.statement, lines(f.evidence_seen), lines(f.missing), lines(f.recommendations),
         lines(f.services), lines([i.label for i in f.items]), lines(f.actions)]
        for f in ctx.report.findings]
    table(sheet, FINDING_COLUMNS, rows)
    fill_grades(sheet, 2, [f.grade for f in ctx.report.findings])


def _action_column(name: str) -> Column:
    header = name.replace("_", " ").capitalize()
    if name in _DATE_COLUMNS:
        return Column(header, number_format=DATE)
    if name in _NARROW_COLUMNS:
        return Column(header, wrap=True, width=30)
    return Column(header, wrap=name in _WIDE_COLUMNS)


def _action_value(name: str, text: str) -> CellValue:
    if name in _DATE_COLUMNS:
        return day(text)
    if name == "days_overdue":
        return int(text) if text else None
    return text or None


def action_plan(sheet: Worksheet, ctx: ReportContext) -> None:
    """The corrective action plan with the columns of ``export actions -f csv``."""
    plan = action_rows(plan_view(ctx.report))[1:]
    rows = [[_action_value(name, text) for name, text in zip(ACTION_COLUMNS, row, strict=True)]
            for row in plan]
    table(sheet, [_action_column(name) for name in ACTION_COLUMNS], rows)
    fill_grades(sheet, ACTION_COLUMNS.index("grade") + 1,
                [a.grade for a in ctx.report.actions])
    ticket = ACTION_COLUMNS.index("ticket") + 1
    for r, action in enumerate(ctx.report.actions, start=2):
        # The one hyperlink of the workbook: a ticket that is a web address.
        link = safe_href("url", action.ticket_link)
        if link and link.lower().startswith(("https://", "http://")):
            sheet.cell(row=r, column=ticket).hyperlink = link
