"""The hidden sheet ``_sms20k``: which repository and rows a questionnaire was exported from,
with the hashes that detect edits since."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sms20k.office.layout import ABSENT, FORMAT_VERSION, MARKER, META_SHEET, RowRecord
from sms20k.xlsxcells import put_row

TABLE_HEADER = ["sheet", "row", "item", "service", "file", "entry_sha256", "locked_sha256",
                "exported"]
TABLE_ROW = 7
_SHA = re.compile(r"^[0-9a-f]{64}$")
MAX_RECORDS = 20_000


@dataclass(frozen=True)
class Exported:
    organization: str
    title: str
    as_of: dt.date
    records: dict[tuple[str, int], RowRecord]


class MetaError(ValueError):
    """The hidden sheet is missing or not one sms20k wrote."""


def write_meta(workbook: Any, organization: str, title: str, as_of: dt.date,
               records: list[RowRecord]) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    put_row(sheet, 1, [MARKER, FORMAT_VERSION])
    put_row(sheet, 2, ["organization", organization])
    put_row(sheet, 3, ["assessment", title])
    put_row(sheet, 4, ["as-of", as_of.isoformat()])
    put_row(sheet, 5, ["rows", len(records)])
    put_row(sheet, TABLE_ROW - 1, list(TABLE_HEADER))
    for number, r in enumerate(records, start=TABLE_ROW):
        put_row(sheet, number, [r.sheet, r.row, r.item, r.service or "", r.file,
                                r.entry_sha256, r.locked_sha256,
                                json.dumps(r.exported, sort_keys=True, ensure_ascii=False)])
    sheet.protection.sheet = True


def read_meta(workbook: Any) -> Exported:
    if META_SHEET not in workbook.sheetnames:
        raise MetaError(f"has no {META_SHEET} sheet")
    rows = list(workbook[META_SHEET].iter_rows(max_row=TABLE_ROW + MAX_RECORDS,
                                               max_col=len(TABLE_HEADER), values_only=True))
    head = {row[0]: row[1] for row in rows[:5] if row and len(row) >= 2}
    if not rows or rows[0][:2] != (MARKER, FORMAT_VERSION):
        raise MetaError(f"its {META_SHEET} sheet is not format {FORMAT_VERSION} of {MARKER}")
    try:
        as_of = dt.date.fromisoformat(str(head.get("as-of")))
        count = int(head["rows"])
    except (KeyError, TypeError, ValueError):
        raise MetaError(f"its {META_SHEET} sheet has no valid as-of date or row count") from None
    if len(rows) < TABLE_ROW - 1 or list(rows[TABLE_ROW - 2]) != TABLE_HEADER:
        raise MetaError(f"its {META_SHEET} sheet has no row table")
    table = rows[TABLE_ROW - 1:]
    if count != len([row for row in table if any(cell is not None for cell in row)]):
        raise MetaError(f"its {META_SHEET} sheet does not list {count:,} rows")
    records: dict[tuple[str, int], RowRecord] = {}
    for row in table[:count]:
        record = _record(row)
        records[(record.sheet, record.row)] = record
    return Exported(str(head.get("organization") or ""), str(head.get("assessment") or ""),
                    as_of, records)


def _record(row: tuple[Any, ...]) -> RowRecord:
    sheet, number, item, service, file, entry_sha, locked_sha, exported = row
    try:
        values = json.loads(exported) if isinstance(exported, str) else None
    except ValueError:
        values = None
    if not (isinstance(sheet, str) and isinstance(number, int) and isinstance(item, str)
            and isinstance(locked_sha, str) and _SHA.match(locked_sha)
            and isinstance(entry_sha, str) and (entry_sha == ABSENT or _SHA.match(entry_sha))
            and isinstance(values, dict)
            and all(isinstance(v, str) for v in values.values())):
        raise MetaError(f"its {META_SHEET} sheet has a malformed row record {list(row)!r:.80}")
    return RowRecord(sheet, number, item, service if isinstance(service, str) and service
                     else None, file if isinstance(file, str) else "", entry_sha, locked_sha,
                     values)
