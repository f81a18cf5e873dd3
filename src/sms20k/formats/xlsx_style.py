"""How every sheet of the Excel report looks: a bold frozen header row, a filter over the table,
bounded column widths, wrapped long text, scores on a colour scale and graded rows filled.

Every value goes in through :mod:`sms20k.xlsxcells`, so user text is never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sms20k.xlsxcells import CellValue, put, put_row

MIN_WIDTH = 6
MAX_WIDTH = 40
WRAP_WIDTH = 60
"""Long text columns: this wide, wrapped, so a row grows down rather than off the screen."""
PERCENT = '0.0"%"'
"""A score of 0 to 100, shown as ``45.8%`` while the cell keeps the number of the report."""
FRACTION = "0%"
"""An item's score of 0 to 1, shown as ``50%``."""
DATE = "yyyy-mm-dd"
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409
"""Excel's tallest row, in points."""
GRADE_FILLS = {
    "major": "F4B6B6",
    "minor": "FCD5B4",
    "observation": "FFF2CC",
    "ofi": "DDEBF7",
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
# Red below half, yellow at half, green at full: the bands the other reports colour.
_SCALE = ("F8696B", "FFEB84", "63BE7B")


@dataclass(frozen=True)
class Column:
    header: str
    wrap: bool = False
    number_format: str | None = None
    score_max: float | None = None
    """A score column, coloured on a scale from 0 to this."""
    width: int = WRAP_WIDTH
    """The width of a wrapped column."""


def lines(values: Sequence[str]) -> str:
    """Several values in one cell, one a line."""
    return "\n".join(values)


def _width(values: Sequence[CellValue], header: str) -> int:
    longest = len(header)
    for value in values:
        if isinstance(value, str):
            longest = max(longest, *(len(line) for line in value.split("\n")))
        elif value is not None:
            longest = max(longest, 10)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def table(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[CellValue]],
          first_column: int = 1) -> None:
    """The header in row 1 and one row per entry below, filtered, frozen and formatted."""
    for n, column in enumerate(columns):
        cell = put(sheet, 1, first_column + n, column.header)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for r, values in enumerate(rows, start=2):
        for n, cell in enumerate(put_row(sheet, r, list(values), first_column)):
            column = columns[n]
            cell.alignment = _WRAP if column.wrap else _TOP
            if column.number_format and not isinstance(values[n], str):
                cell.number_format = column.number_format
    last = len(rows) + 1
    for n, column in enumerate(columns):
        letter = get_column_letter(first_column + n)
        values = [row[n] for row in rows]
        sheet.column_dimensions[letter].width = (
            column.width if column.wrap else _width(values, column.header))
        if column.score_max is not None and rows:
            sheet.conditional_formatting.add(f"{letter}2:{letter}{last}", ColorScaleRule(  # type: ignore[no-untyped-call]
                start_type="num", start_value=0, start_color=_SCALE[0],
                mid_type="num", mid_value=column.score_max / 2, mid_color=_SCALE[1],
                end_type="num", end_value=column.score_max, end_color=_SCALE[2]))
    _row_heights(sheet, columns, rows)
    start, end = get_column_letter(first_column), get_column_letter(first_column + len(columns) - 1)
    sheet.auto_filter.ref = f"{start}1:{end}{last}"
    sheet.freeze_panes = "A2"
    _print_setup(sheet)


def _print_setup(sheet: Worksheet) -> None:
    """Printed (or converted to PDF): landscape, one page wide, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def _row_heights(sheet: Worksheet, columns: Sequence[Column],
                 rows: Sequence[Sequence[CellValue]]) -> None:
    """Heights for rows of several lines: not every spreadsheet fits them when it opens the
    file (LibreOffice keeps the default height and the lines overlap)."""
    for r, values in enumerate(rows, start=2):
        height = max((_lines(value, column.width if column.wrap else None)
                      for column, value in zip(columns, values, strict=True)), default=1)
        if height > 1:
            current = sheet.row_dimensions[r].height or 0
            sheet.row_dimensions[r].height = max(current, min(MAX_ROW_HEIGHT, LINE_HEIGHT * height))


def _lines(value: CellValue, width: int | None) -> int:
    if not isinstance(value, str):
        return 1
    if width is None:
        return value.count("\n") + 1
    # A wrapped line holds a little less than the column's width in characters.
    return sum(-(-max(len(line), 1) // (width - 4)) for line in value.split("\n"))


def fill_grades(sheet: Worksheet, column: int, grades: Sequence[str | None]) -> None:
    """Colour the grade cells of a table (row 2 on) by the grade of their row."""
    for r, grade in enumerate(grades, start=2):
        if grade in GRADE_FILLS:
            sheet.cell(row=r, column=column).fill = PatternFill("solid",
                                                                fgColor=GRADE_FILLS[grade])
