"""The as-of date against which ages, future dates and expiry are judged.

One rule for every command: ``--as-of DATE`` (or ``--as-of today``) wins, else the
manifest's ``assessment.date``. ``SOURCE_DATE_EPOCH`` is read here for the timestamps of
exported documents only; it never moves the as-of date, so a reproducible build of a report
judges the evidence exactly as an interactive run does.
"""

from __future__ import annotations

import datetime as dt
import os

from sms20k.errors import UsageError

TODAY = "today"
# The audit plan: at most this many days, laid on working days from a start that leaves
# room for them before the calendar ends (an audit starting later would overflow date.max).
MAX_AUDIT_DAYS = 20
LAST_AUDIT_START = dt.date(9999, 11, 30)


def source_date_epoch() -> dt.datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names (reproducible builds), or None when unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp; unset it or fix it"
        ) from None


def today() -> dt.date:
    """Today's date in UTC, so that two machines in one pipeline agree on it."""
    return dt.datetime.now(tz=dt.timezone.utc).date()


def resolve_as_of(explicit: dt.date | None = None, default: dt.date | None = None) -> dt.date:
    """``--as-of`` first, then ``default`` (the manifest's ``assessment.date``).

    Today (UTC) is only the last resort of a caller without a manifest date.
    """
    if explicit is not None:
        return explicit
    return default or today()


def parse_date(text: str, option: str = "--as-of", *, allow_today: bool = True) -> dt.date:
    """An option's date: ``YYYY-MM-DD``, or ``today`` (the UTC date) where it is allowed."""
    if allow_today and text.strip().lower() == TODAY:
        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        form = "YYYY-MM-DD or `today`" if allow_today else "YYYY-MM-DD"
        raise UsageError(f"{option} {text!r} is not a date; write it as {form}") from None
