"""ISO 8601 durations (``P1Y``, ``P3M``, ``P2W``, ``P1Y6M``) and date arithmetic with them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pydantic_core import PydanticCustomError

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    def before(self, day: dt.date) -> dt.date:
        """``day`` minus this duration, clamping to the end of a shorter month."""
        return self._shift(day, -1)

    def after(self, day: dt.date) -> dt.date:
        """``day`` plus this duration, clamping to the end of a shorter month."""
        return self._shift(day, 1)

    def _shift(self, day: dt.date, sign: int) -> dt.date:
        months = day.year * 12 + (day.month - 1) + sign * (self.years * 12 + self.months)
        year, month = divmod(months, 12)
        month += 1
        if not 1 <= year <= 9999:
            return dt.date.min if sign < 0 else dt.date.max
        last = calendar.monthrange(year, month)[1]
        moved = dt.date(year, month, min(day.day, last))
        try:
            delta = dt.timedelta(weeks=self.weeks, days=self.days)
            return moved + delta if sign > 0 else moved - delta
        except OverflowError:
            return dt.date.min if sign < 0 else dt.date.max

    def approx_days(self) -> int:
        return self.years * 366 + self.months * 31 + self.weeks * 7 + self.days


def parse_duration(text: str) -> Duration:
    match = _DURATION.match(text)
    if match is None or text == "P" or not any(match.groups()):
        raise PydanticCustomError(
            "duration",
            "'{value}' is not an ISO 8601 duration; write it like P1Y, P6M, P2W or P30D",
            {"value": text},
        )
    years, months, weeks, days = (int(group) if group else 0 for group in match.groups())
    return Duration(years, months, weeks, days)


def _phrase(parts: list[tuple[int, str]]) -> str:
    words = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in parts if n]
    if len(words) < 2:
        return words[0] if words else "0 days"
    return ", ".join(words[:-1]) + " and " + words[-1]


def human(duration: Duration | str) -> str:
    """A duration as people write it: ``P1Y`` is "1 year", ``P1Y6M`` "1 year and 6 months"."""
    d = parse_duration(duration) if isinstance(duration, str) else duration
    return _phrase([(d.years, "year"), (d.months, "month"), (d.weeks, "week"), (d.days, "day")])


def between(start: dt.date, end: dt.date) -> Duration:
    """The calendar distance from ``start`` to ``end`` (not before it) in years, months and
    days, such that ``between(a, b).after(a) == b``."""
    if end < start:
        raise ValueError(f"{end} is before {start}")
    months = (end.year - start.year) * 12 + end.month - start.month
    if Duration(months=months).after(start) > end:
        months -= 1
    rest = (end - Duration(months=months).after(start)).days
    return Duration(years=months // 12, months=months % 12, days=rest)


def age(start: dt.date, end: dt.date) -> str:
    """How old something dated ``start`` is on ``end``: "1 year and 2 days"."""
    return human(between(start, end)) if end >= start else "0 days"
