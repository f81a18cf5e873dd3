"""Writing user text into a spreadsheet cell so that it stays text.

openpyxl stores a string that starts with ``=`` as a formula; text from an evidence repository
or a checklist must never become one (formula injection). Every string goes in as a string
cell, control characters that the file format cannot hold are replaced, and the length is
bounded by what Excel keeps in a cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
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


ZIP_STAMP = (1980, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """An Office package with the same bytes for the same content: the core properties'
    created and modified dates set to ``stamp`` (openpyxl writes the clock at save time) and
    every zip entry dated 1980-01-01."""
    out = io.BytesIO()
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info)
            if info.filename == "docProps/core.xml":
                payload = _CORE_DATES.sub(rb"\g<1>" + when + rb"\g<2>", payload)
            entry = zipfile.ZipInfo(info.filename, ZIP_STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, payload)
    return out.getvalue()
