"""Excel: the assessment as a workbook (the optional extra ``sms20k[office]``, openpyxl).

Sheets Summary, Findings, Action plan, Items and Clauses; user text is always a string cell,
never a formula. The same report gives the same bytes: the document properties carry the
report's date and the zip is written again with fixed entry times in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

from sms20k.assessment.model import Meta, Report
from sms20k.errors import UsageError
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.ooxmlsafe import require_office
from sms20k.xlsxcells import clean

if TYPE_CHECKING:
    from openpyxl import Workbook

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The earliest time a zip entry can carry: no clock of the machine that renders gets in."""
SHEETS = ("Summary", "Findings", "Action plan", "Items", "Clauses")
_FIRST = "[Content_Types].xml"


def report_time(meta: Meta) -> dt.datetime:
    """Midnight of the report's date (else its as-of date): the workbook's created and
    modified time."""
    for text in (meta.date, meta.as_of):
        try:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        except ValueError:
            continue
    return dt.datetime(*ZIP_TIME)


def deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, attributes and order (content types first)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != _FIRST, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def build(report: Report, options: RenderOptions) -> Workbook:
    from openpyxl import Workbook

    from sms20k.formats.context import ReportContext
    from sms20k.formats.xlsx_items import clauses, items
    from sms20k.formats.xlsx_sheets import action_plan, findings, summary

    ctx = ReportContext(report, options)
    book = Workbook()
    book.remove(book.worksheets[0])
    for title, fill in zip(SHEETS, (summary, findings, action_plan, items, clauses),
                           strict=True):
        fill(book.create_sheet(title), ctx)
    props = book.properties
    props.creator, props.lastModifiedBy = "sms20k", None
    props.title = clean(f"{report.meta.organization}: {report.meta.title}")
    props.created = props.modified = report_time(report.meta)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the modified time with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return deterministic_zip(raw.getvalue())


class XlsxRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        raise UsageError("the xlsx format is binary; it writes report.xlsx and prints nothing")

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        self.require(view)
        assert isinstance(view, Report)
        require_office("openpyxl", "the xlsx format")
        return workbook_bytes(build(view, options or RenderOptions()))
