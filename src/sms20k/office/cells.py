"""One questionnaire cell read back: text, a status, a date or evidence lines, each with the
message that says why a value cannot be used."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sms20k.evidence.models import STATUSES


class CellError(ValueError):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f"


def text(cell: Any) -> str | None:
    """The cell as text: None when blank; a formula is refused rather than evaluated."""
    value = cell.value
    if is_formula(cell):
        raise CellError("is a formula; sms20k reads typed values only",
                        "type the text itself; start it with an apostrophe if it begins with =")
    if value is None:
        return None
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, dt.datetime):
        value = value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    elif isinstance(value, (dt.date, dt.time)):
        value = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    result = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return result or None


def status(cell: Any) -> str | None:
    value = text(cell)
    if value is None:
        return None
    if value.lower() in STATUSES:
        return value.lower()
    raise CellError(f"unknown status {value!r}", "choose one of " + ", ".join(STATUSES))


def date(cell: Any, as_of: dt.date) -> dt.date | None:
    value = cell.value
    if is_formula(cell):
        raise CellError("is a formula; sms20k reads typed values only", "type the date itself")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            day = None
    if day is None:
        raise CellError(f"{str(value)[:40]!r} is not a date", "enter a date as YYYY-MM-DD")
    if day > as_of:
        raise CellError(f"review date {day.isoformat()} is after the as-of date "
                        f"{as_of.isoformat()}", "a review cannot be in the future")
    return day
