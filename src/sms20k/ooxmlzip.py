"""Office packages (docx, xlsx) with the same bytes for the same content.

Office writers date each zip entry with the clock and order entries as they happened to be
written. Re-zipping with one fixed date, mode and order leaves only the content to differ.
The order is ``[Content_Types].xml`` first, where Word, Excel and LibreOffice look for it,
then every other part by name.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest date a zip entry can carry: no clock of the machine that renders gets in."""
CONTENT_TYPES = "[Content_Types].xml"
_UNIX = 3
"""The creating system written into every entry, else it would be the platform's own."""
_MODE = 0o100644
"""A regular file, readable by all and writable by its owner, whatever the umask."""
_LEVEL = 6


def entry_order(names: Iterable[str]) -> list[str]:
    """The parts of a package in the order ``stable_zip`` writes them."""
    return sorted(set(names), key=lambda name: (name != CONTENT_TYPES, name))


def stable_zip(data: bytes) -> bytes:
    """``data``, an Office package, written again in entry order with fixed dates and modes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in entry_order(source.namelist()):
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = _UNIX
            entry.external_attr = _MODE << 16
            target.writestr(entry, source.read(name), compresslevel=_LEVEL)
    return out.getvalue()


def workbook_bytes(book: Any) -> bytes:
    """An openpyxl workbook as a stable package. It goes through ``ExcelWriter`` rather than
    ``Workbook.save``, which sets the modified date to the clock, so the core properties keep
    the dates the caller gave them."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return stable_zip(raw.getvalue())
