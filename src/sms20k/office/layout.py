"""The questionnaire's shape: its columns, sheet names, and the hashes that tie a row to what
was exported."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from sms20k.xlsxcells import clean

FORMAT_VERSION = 1
MARKER = "sms20k questionnaire"
META_SHEET = "_sms20k"
INSTRUCTIONS_SHEET = "Instructions"
HEADER_ROW = 1
FIRST_ROW = 2
ABSENT = "absent"
MAX_SHEET_NAME = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\']")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    locked: bool


COLUMNS: tuple[Column, ...] = (
    Column("item", "Item", 10, True),
    Column("service", "Service", 12, True),
    Column("title", "Title", 36, True),
    Column("status", "Status", 16, False),
    Column("owner", "Owner", 24, False),
    Column("reviewed", "Review date", 13, False),
    Column("notes", "Notes", 50, False),
    Column("evidence", "Evidence references", 50, False),
    Column("guidance", "Guidance", 60, True),
    Column("expected", "Expected evidence", 50, True),
    Column("questions", "Audit questions", 50, True),
)
INDEX = {column.key: number for number, column in enumerate(COLUMNS, start=1)}
LOCKED = tuple(column.key for column in COLUMNS if column.locked)
INPUTS = tuple(column.key for column in COLUMNS if not column.locked)


def letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(INDEX[key]))


def sheet_name(scenario_id: str, title: str, taken: set[str]) -> str:
    """``S01 Context…``: at most 31 characters, none Excel forbids, unique in the workbook."""
    words = _SHEET_UNSAFE.sub(" ", title).split()
    name = scenario_id
    for word in words:
        if len(name) + 1 + len(word) > MAX_SHEET_NAME:
            break
        name = f"{name} {word}"
    base, number = name, 2
    while name.lower() in {t.lower() for t in taken} or name.lower() == META_SHEET:
        suffix = f" ({number})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(entry: Any | None) -> str:
    """The sha256 of an entry's canonical JSON, or ``absent`` when there is none."""
    return ABSENT if entry is None else _digest(entry.model_dump(mode="json"))


def locked_hash(values: dict[str, str]) -> str:
    """The sha256 of a row's locked cells, as the cells hold them."""
    return _digest([clean(values.get(key, "")) for key in LOCKED])


@dataclass(frozen=True)
class RowRecord:
    """What the hidden sheet says about one data row."""

    sheet: str
    row: int
    item: str
    service: str | None
    file: str
    entry_sha256: str
    locked_sha256: str
    exported: dict[str, str]
    """The input cells as exported (blank ones left out): a cell still holding this value
    was not answered, so it never overwrites a change made in the repository since."""
