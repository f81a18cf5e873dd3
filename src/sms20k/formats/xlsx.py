"""Excel: the assessment as a workbook (the optional extra ``sms20k[office]``, openpyxl).

Sheets Summary, Findings, Action plan, Items and Clauses; user text is always a string cell,
never a formula. The same report gives the same bytes: the document properties carry the
report's date and the zip is written again with fixed entry times in a fixed order
(``sms20k.ooxmlzip``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sms20k.assessment.model import Meta, Report
from sms20k.errors import UsageError
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.ooxmlsafe import require_office
from sms20k.ooxmlzip import ZIP_TIME, workbook_bytes
from sms20k.xlsxcells import clean

if TYPE_CHECKING:
    from openpyxl import Workbook

SHEETS = ("Summary", "Findings", "Action plan", "Items", "Clauses")


def report_time(meta: Meta) -> dt.datetime:
    """Midnight of the report's date (else its as-of date): the workbook's created and
    modified time."""
    for text in (meta.date, meta.as_of):
        try:
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        except ValueError:
            continue
    return dt.datetime(*ZIP_TIME)


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


class XlsxRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        raise UsageError("the xlsx format is binary; it writes report.xlsx and prints nothing")

    def encode(self, view: View, options: RenderOptions | None = None) -> bytes:
        self.require(view)
        assert isinstance(view, Report)
        require_office("openpyxl", "the xlsx format")
        return workbook_bytes(build(view, options or RenderOptions()))
