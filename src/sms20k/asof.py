"""The as-of date against which ages, future dates and expiry are judged."""

from __future__ import annotations

import datetime as dt
import os

from sms20k.errors import UsageError


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


def resolve_as_of(explicit: dt.date | None = None, default: dt.date | None = None) -> dt.date:
    """``--as-of`` first, then ``SOURCE_DATE_EPOCH``, then ``default``, then today (UTC)."""
    if explicit is not None:
        return explicit
    moment = source_date_epoch()
    if moment is not None:
        return moment.date()
    return default or dt.datetime.now(tz=dt.timezone.utc).date()


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None
