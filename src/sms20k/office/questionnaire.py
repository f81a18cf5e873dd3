"""Build the questionnaire workbook: instructions, one protected sheet per scenario, and the
hidden sheet that records what was exported."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sms20k.checklists.catalog import Catalog
from sms20k.evidence.models import STATUSES
from sms20k.evidence.repo import Repository
from sms20k.office.instructions import fill_instructions, instruction_lines
from sms20k.office.layout import (
    COLUMNS,
    FIRST_ROW,
    HEADER_ROW,
    INDEX,
    INSTRUCTIONS_SHEET,
    RowRecord,
    entry_hash,
    letter,
    locked_hash,
    sheet_name,
)
from sms20k.office.meta import write_meta
from sms20k.office.rows import QuestionRow, question_rows
from sms20k.ooxmlsafe import require_office
from sms20k.ooxmlzip import workbook_bytes
from sms20k.xlsxcells import put

DATE_FORMAT = "yyyy-mm-dd"
MAX_VALIDATED_ROWS = 20_000
_LOCKED_FILL = "E7E6E6"
_INPUT_FILL = "FFF2CC"
_HEADER_FILL = "D9D9D9"


def build_questionnaire(repo: Repository, catalog: Catalog, repo_hint: str = ".") -> bytes:
    """The workbook's bytes; the same repository gives the same bytes."""
    openpyxl = require_office("openpyxl", "the questionnaire")
    manifest = repo.manifest
    as_of = manifest.assessment.date
    workbook = openpyxl.Workbook()
    intro = workbook.active
    intro.title = INSTRUCTIONS_SHEET
    fill_instructions(intro, instruction_lines(manifest.organization.name,
                                               manifest.assessment.title, as_of, repo_hint))
    by_scenario: dict[str, list[QuestionRow]] = {}
    for row in question_rows(repo, catalog):
        by_scenario.setdefault(row.citem.scenario.id, []).append(row)
    taken = {INSTRUCTIONS_SHEET}
    records: list[RowRecord] = []
    for loaded in catalog.scenarios:
        rows = by_scenario.get(loaded.scenario.id)
        if rows:
            name = sheet_name(loaded.scenario.id, loaded.scenario.title, taken)
            records += _scenario_sheet(workbook.create_sheet(name), rows, as_of)
    write_meta(workbook, manifest.organization.name, manifest.assessment.title, as_of, records)
    workbook.security = _workbook_protection()
    stamp = dt.datetime.combine(as_of, dt.time())
    workbook.properties.creator = "sms20k"
    workbook.properties.title = f"Questionnaire: {manifest.assessment.title}"[:255]
    workbook.properties.created = workbook.properties.modified = stamp
    return workbook_bytes(workbook)


def _workbook_protection() -> Any:
    from openpyxl.workbook.protection import WorkbookProtection

    return WorkbookProtection(lockStructure=True)


def _scenario_sheet(sheet: Any, rows: list[QuestionRow], as_of: dt.date) -> list[RowRecord]:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    locked_fill = PatternFill("solid", fgColor=_LOCKED_FILL)
    input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)
    for column in COLUMNS:
        cell = put(sheet, HEADER_ROW, INDEX[column.key], column.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill if column.locked else input_fill
        sheet.column_dimensions[letter(column.key)].width = column.width
    records = []
    for number, row in enumerate(rows, start=FIRST_ROW):
        locked = row.locked()
        answers: dict[str, Any] = dict(row.answers())
        answers["reviewed"] = row.entry.value.reviewed if row.entry else None
        for column in COLUMNS:
            value = locked[column.key] if column.locked else answers[column.key]
            cell = put(sheet, number, INDEX[column.key], value)
            cell.alignment = wrap
            if column.locked:
                cell.fill = locked_fill
            else:
                cell.fill = input_fill
                cell.protection = unlocked
        sheet.cell(number, INDEX["reviewed"]).number_format = DATE_FORMAT
        exported = {key: value.isoformat() if isinstance(value, dt.date) else value
                    for key, value in answers.items() if value is not None}
        records.append(RowRecord(sheet.title, number, row.citem.id, row.service, row.file,
                                 entry_hash(row.entry.value if row.entry else None),
                                 locked_hash(locked), exported))
    last = FIRST_ROW + len(rows) - 1
    _validations(sheet, last, as_of)
    sheet.freeze_panes = f"{letter('status')}{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    return records


def _validations(sheet: Any, last: int, as_of: dt.date) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"',
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="Status", error="Choose a status from the list.")
    reviewed = DataValidation(
        type="date", operator="between", allow_blank=True, showErrorMessage=True,
        formula1="DATE(1990,1,1)",
        formula2=f"DATE({as_of.year},{as_of.month},{as_of.day})",
        errorTitle="Review date",
        error=f"A date (YYYY-MM-DD) no later than {as_of.isoformat()}.")
    for validation, key in ((status, "status"), (reviewed, "reviewed")):
        column = letter(key)
        validation.add(f"{column}{FIRST_ROW}:{column}{max(last, FIRST_ROW)}")
        sheet.add_data_validation(validation)
