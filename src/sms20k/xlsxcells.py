"""Writing user text into a spreadsheet cell so that it stays text.

openpyxl stores a string that starts with ``=`` as a formula; text from an evidence repository
or a checklist must never become one (formula injection). Every string goes in as a string
cell, control characters that the file format cannot hold are replaced, and the length is
bounded by what Excel keeps in a cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

MAX_CELL_CHARS = 32_767
"""Excel's limit; longer text is cut with a marker rather than silently truncated by Excel."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CellValue = str | int | float | bool | dt.date | None


def clean(text: str) -> str:
    """Text a cell can hold: no XML-illegal control characters, at most Excel's length."""
    text = _ILLEGAL.sub("\N{REPLACEMENT CHARACTER}", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "\N{HORIZONTAL ELLIPSIS}"
    return text


def put(sheet: Any, row: int, column: int, value: CellValue) -> Any:
    """Set one cell; a string is always stored as a string, never as a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def put_row(sheet: Any, row: int, values: list[CellValue], start: int = 1) -> list[Any]:
    return [put(sheet, row, start + n, value) for n, value in enumerate(values)]

