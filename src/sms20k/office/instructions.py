"""The first sheet of the questionnaire: how to fill it in and send it back, in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sms20k.office.reflines import KINDS, RECORD_PREFIX, SYNTAX

STATUS_MEANINGS: tuple[tuple[str, str], ...] = (
    ("implemented", "in place and working, and you can show evidence of it"),
    ("partial", "in place for part of the scope, or done but not consistently"),
    ("planned", "not in place yet, but decided and scheduled"),
    ("not-implemented", "not in place and not scheduled"),
    ("not-applicable", "does not apply to your service; the assessor records why (a "
                       "justification is needed, so tell them in the notes)"),
    ("not-assessed", "not looked at yet"),
)


def instruction_lines(organization: str, title: str, as_of: dt.date,
                      repo_hint: str) -> list[tuple[str, str]]:
    """(heading, text) pairs; a heading alone starts a section."""
    lines: list[tuple[str, str]] = [
        ("Questionnaire", f"{title} - {organization}"),
        ("As of", as_of.isoformat()),
        ("", ""),
        ("How to fill it in", "Each scenario has its own sheet, with one row per checklist "
         "item that applies to your services (one row per service where an item is judged "
         "for each service separately). Read the guidance, the expected evidence and the "
         "audit questions on the right, then answer in the highlighted columns."),
        ("Locked columns", "The grey columns (item, service, title, guidance, expected "
         "evidence, audit questions) are locked. Do not unprotect the sheets, rename them, "
         "or insert, delete or sort rows: sms20k matches each row to its item when the file "
         "comes back, and refuses a workbook whose locked cells were changed."),
        ("Blank means no answer", "Leave a cell empty when you have nothing to add. An empty "
         "cell never clears what the assessor already recorded; to remove something, tell "
         "the assessor."),
        ("", ""),
        ("Status", "Choose one value from the drop-down list:"),
    ]
    lines += [(f"  {name}", meaning) for name, meaning in STATUS_MEANINGS]
    lines += [
        ("", ""),
        ("Owner", "The role or person responsible for the item, e.g. Head of Service Desk."),
        ("Review date", f"The day the answer was last checked, as a date (YYYY-MM-DD, e.g. "
         f"{as_of.isoformat()}). It cannot be later than {as_of.isoformat()}."),
        ("Notes", "What is in place, what is missing, and anything the assessor should know. "
         "Text is kept exactly as typed; nothing in it is calculated."),
        ("Evidence references", f"One document or record per line, written as {SYNTAX}."),
        ("  TARGET", "a path in the evidence repository (docs/policies/change.md), a web "
         f"address starting with https:// or http://, or {RECORD_PREFIX}SYSTEM:ID for a "
         "record in another system (record:JIRA:CHG-1234)"),
        ("  DESCRIPTION", "what the document shows, in a few words"),
        ("  KIND", "optional: " + ", ".join(KINDS)),
        ("  Example", "docs/policies/change-management.md | Change management policy v3, "
         "approved May 2026 | policy"),
        ("  Existing lines", "References already recorded are listed; keep them. A new line "
         "adds a reference; changing a description updates it."),
        ("", ""),
        ("Sending it back", "Save the workbook as .xlsx (not .xlsm or .csv) and return it to "
         "the assessor, who merges it into the evidence repository with:"),
        ("", f"sms20k import FILE.xlsx {repo_hint} --dry-run   (shows every change)"),
        ("", f"sms20k import FILE.xlsx {repo_hint}             (applies them)"),
        ("", "An answer to an entry that changed in the repository since this workbook was "
         "made is refused unless the assessor passes --force."),
    ]
    return lines


def fill_instructions(sheet: Any, lines: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment, Font

    from sms20k.xlsxcells import put_row

    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100
    for number, (heading, text) in enumerate(lines, start=1):
        left, right = put_row(sheet, number, [heading, text])
        left.font = Font(bold=not heading.startswith(" "))
        right.alignment = Alignment(wrap_text=True, vertical="top")
        left.alignment = Alignment(vertical="top")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.protection.sheet = True
