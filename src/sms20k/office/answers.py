"""Read a filled questionnaire, a hostile file, into answers: every cell checked, every problem
reported as ``FILE.xlsx:Sheet!C12``, all of them at once."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from sms20k import codes
from sms20k.codes import Code
from sms20k.errors import InputError, ProblemsError
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, Level
from sms20k.office import cells
from sms20k.office.identity import HINT, scope_misfit
from sms20k.office.layout import (
    COLUMNS,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    LOCKED,
    META_SHEET,
    RowRecord,
    letter,
    locked_hash,
)
from sms20k.office.meta import Exported, MetaError, read_meta
from sms20k.office.reflines import SYNTAX, parse_cell
from sms20k.office.rows import QuestionRow
from sms20k.ooxmlsafe import check_package, require_office
from sms20k.xlsxcells import clean

MAX_ROWS = 20_000
_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")


@dataclass
class Answer:
    sheet: str
    row: int
    item: str
    service: str | None
    record: RowRecord
    given: dict[str, Any] = field(default_factory=dict)
    """The non-blank input cells: status, owner, notes, reviewed, evidence (a list)."""

    def place(self, key: str) -> str:
        return f"{self.sheet}!{letter(key)}{self.row}"


class Problems:
    def __init__(self, display: str) -> None:
        self.display = display
        self.found: list[Finding] = []

    def add(self, code: Code, place: str, message: str, hint: str | None = None,
            item: str | None = None, service: str | None = None) -> None:
        self.found.append(code.at(f"{self.display}:{place}", None, None, message,
                                  level=Level.ERROR, hint=hint, item=item, service=service))


def open_workbook(data: bytes, display: str) -> Any:
    """Check the package, then let openpyxl parse it with defusedxml, or refuse."""
    require_office("defusedxml", "import")
    check_package(data, display, _REQUIRED, HINT)
    openpyxl = require_office("openpyxl", "import")
    xml = require_office("openpyxl.xml", "import")
    if not getattr(xml, "DEFUSEDXML", False):
        raise InputError("cannot be read safely: openpyxl is not using defusedxml", path=display,
                         hint="install defusedxml (`pip install 'sms20k[office]'`)")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False,
                                      keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed package
        raise InputError(f"cannot be read as a workbook ({type(exc).__name__}: {exc})",
                         path=display, hint=HINT) from None


def read_answers(data: bytes, display: str, organization: str, scope: ScopeIndex,
                 as_of: dt.date) -> tuple[Exported, list[Answer]]:
    """The answered rows; a ProblemsError lists every bad cell."""
    workbook = open_workbook(data, display)
    try:
        try:
            exported = read_meta(workbook)
        except MetaError as exc:
            raise InputError(f"is not a questionnaire from sms20k: {exc}", path=display,
                             hint=HINT) from None
        if exported.organization != organization:
            raise InputError(f"was exported for {exported.organization!r}, not for "
                             f"{organization!r}", path=display,
                             hint="import it into the repository it was exported from")
        problems = Problems(display)
        reader = _Reader(scope, exported, problems, as_of)
        for name in workbook.sheetnames:
            if name not in (INSTRUCTIONS_SHEET, META_SHEET):
                reader.sheet(workbook[name])
    finally:
        workbook.close()
    if problems.found:
        raise ProblemsError(problems.found)
    return exported, reader.answers


class _Reader:
    def __init__(self, scope: ScopeIndex, exported: Exported, problems: Problems,
                 as_of: dt.date) -> None:
        self.scope = scope
        self.as_of = as_of
        self.exported = exported
        self.problems = problems
        self.sheets = {sheet for sheet, _ in exported.records}
        self.seen: dict[tuple[str, str | None], str] = {}
        self.answers: list[Answer] = []
        self.rows = 0

    def sheet(self, sheet: Any) -> None:
        if sheet.title not in self.sheets:
            self.problems.add(codes.SCHEMA, f"{sheet.title}!A1", "this sheet is not part of "
                              "the exported questionnaire", "remove it")
            return
        width = len(COLUMNS)
        rows = sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW + MAX_ROWS + 1,
                               max_col=width)
        for number, row in enumerate(rows, start=HEADER_ROW):
            cells_ = (tuple(row) + (None,) * width)[:width]
            if number == HEADER_ROW:
                self._header(sheet.title, cells_)
                continue
            if all(_raw(c) == "" for c in cells_):
                continue
            self.rows += 1
            if self.rows > MAX_ROWS:
                self.problems.add(codes.SCHEMA, f"{sheet.title}!A{number}",
                                  f"more than {MAX_ROWS:,} rows; the rest are not read")
                return
            self.row(sheet.title, number, cells_)

    def _header(self, title: str, row: tuple[Any, ...]) -> None:
        for column, cell in zip(COLUMNS, row, strict=True):
            if _raw(cell) != column.header:
                self.problems.add(codes.SCHEMA, f"{title}!{letter(column.key)}{HEADER_ROW}",
                                  f"the header {_raw(cell)!r:.40} was {column.header!r}; "
                                  "locked cells were edited", HINT)

    def row(self, title: str, number: int, row: tuple[Any, ...]) -> None:
        cell = {column.key: c for column, c in zip(COLUMNS, row, strict=True)}
        item, service = _raw(cell["item"]).strip(), _raw(cell["service"]).strip() or None
        identity = len(self.problems.found)
        record = self._identity(title, number, item, service)
        answer = Answer(title, number, item, service, record or RowRecord(
            title, number, item, service, "", "", "", {}))
        if record is not None and len(self.problems.found) == identity:
            self._locked(answer, cell)
        self._inputs(answer, cell)
        if record is not None and len(self.problems.found) == identity:
            self.answers.append(answer)

    def _identity(self, title: str, number: int, item: str,
                  service: str | None) -> RowRecord | None:
        add = self.problems.add
        at_item = f"{title}!{letter('item')}{number}"
        misfit = scope_misfit(self.scope, item, service)
        if misfit is not None:
            add(misfit.code, f"{title}!{letter(misfit.column)}{number}", misfit.message,
                misfit.hint, item, service)
            return None
        key = (item, service)
        if key in self.seen:
            add(codes.DUPLICATE_ENTRY, at_item, f"{_label(item, service)} is also on "
                f"{self.seen[key]}", "answer each item once", item, service)
            return None
        self.seen[key] = f"{title}!{number}"
        record = self.exported.records.get((title, number))
        if record is None or (record.item, record.service) != key:
            add(codes.SCHEMA, at_item, f"row {number} was not exported for "
                f"{_label(item, service)}; locked cells were edited or rows moved", HINT,
                item, service)
            return None
        return record

    def _locked(self, answer: Answer, cell: dict[str, Any]) -> None:
        values = {key: _raw(cell[key]) for key in LOCKED}
        if locked_hash(values) == answer.record.locked_sha256:
            return
        scope = self.scope
        fresh = QuestionRow(scope.catalog.items[answer.item], answer.service, None,
                            "").locked()
        changed = [key for key in LOCKED if values[key] != fresh[key]]
        for key in changed or ["item"]:
            message = (f"the locked {key} cell was edited" if changed else
                       "the checklist changed since this questionnaire was exported")
            self.problems.add(codes.SCHEMA, answer.place(key), message,
                              "undo the edit, or export a new questionnaire",
                              answer.item, answer.service)

    def _inputs(self, answer: Answer, cell: dict[str, Any]) -> None:
        add = self.problems.add
        readers = {"status": cells.status, "owner": cells.text, "notes": cells.text,
                   "reviewed": lambda c: cells.date(c, self.as_of),
                   "evidence": cells.text}
        for key, read in readers.items():
            try:
                value: Any = read(cell[key])
            except cells.CellError as exc:
                add(codes.SCHEMA, answer.place(key), exc.message, exc.hint, answer.item,
                    answer.service)
                continue
            if value is None or _unanswered(key, value, answer.record.exported.get(key)):
                continue
            if key == "evidence":
                refs, bad = parse_cell(value)
                for message in bad:
                    add(codes.SCHEMA, answer.place(key), f"bad evidence reference, {message}",
                        f"write one reference per line as {SYNTAX}", answer.item,
                        answer.service)
                value = refs
            answer.given[key] = value


def _unanswered(key: str, value: Any, exported: str | None) -> bool:
    """Whether a cell still holds what was exported into it."""
    if exported is None:
        return False
    if isinstance(value, dt.date):
        return value.isoformat() == exported
    if key == "evidence":
        return _lines(value) == _lines(clean(exported))
    return bool(value == clean(exported).replace("\r\n", "\n").strip())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _raw(cell: Any) -> str:
    value = getattr(cell, "value", None)
    return "" if value is None else str(value)


def _label(item: str, service: str | None) -> str:
    return f"{item} ({service})" if service else item

