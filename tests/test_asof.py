"""The as-of date: ``--as-of`` (a date or ``today``) wins, else the manifest's date.

SOURCE_DATE_EPOCH is read in the same module, but only for export timestamps: it never moves
the as-of date.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from sms20k import asof
from sms20k.asof import parse_date, resolve_as_of, source_date_epoch
from sms20k.errors import UsageError

MANIFEST_DATE = dt.date(2026, 3, 1)
# 23:30 UTC on New Year's Eve, on a machine one hour east of UTC, where it is already 2027.
FROZEN = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.timezone.utc)
LOCAL = dt.timezone(dt.timedelta(hours=1))


class _Clock(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _Clock:  # type: ignore[override]
        moment = FROZEN.astimezone(tz or LOCAL)
        return cls(*moment.timetuple()[:6], tzinfo=moment.tzinfo if tz else None)


class _Date(dt.date):
    @classmethod
    def today(cls) -> _Date:
        return cls(2027, 1, 1)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only sms20k.asof sees the frozen clock (its ``dt``), not the rest of the process."""
    monkeypatch.setattr(asof, "dt", SimpleNamespace(datetime=_Clock, date=_Date,
                                                    timezone=dt.timezone))


def test_an_explicit_date_wins_over_the_manifest_date() -> None:
    assert resolve_as_of(dt.date(2025, 1, 2), default=MANIFEST_DATE) == dt.date(2025, 1, 2)


def test_without_an_explicit_date_the_manifest_date_is_used() -> None:
    assert resolve_as_of(None, default=MANIFEST_DATE) == MANIFEST_DATE


@pytest.mark.parametrize("epoch", ["1767225600", "yesterday"])
def test_source_date_epoch_never_moves_the_as_of_date(
        monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)  # a valid one and one that is not
    assert resolve_as_of(default=MANIFEST_DATE) == MANIFEST_DATE
    assert resolve_as_of(dt.date(2025, 1, 2), default=MANIFEST_DATE) == dt.date(2025, 1, 2)


def test_without_any_date_it_is_today_in_utc(frozen: None) -> None:
    assert resolve_as_of() == dt.date(2026, 12, 31)


@pytest.mark.parametrize("text", ["today", "TODAY", " Today "])
def test_today_is_the_utc_date(frozen: None, text: str) -> None:
    assert parse_date(text) == dt.date(2026, 12, 31)


def test_today_ignores_the_local_time_zone(frozen: None) -> None:
    assert asof.dt.datetime.now().date() == dt.date(2027, 1, 1)  # the local date differs
    assert asof.today() == dt.date(2026, 12, 31)


def test_a_date_is_parsed() -> None:
    assert parse_date("2026-02-28") == dt.date(2026, 2, 28)


@pytest.mark.parametrize("text", ["yesterday", "2026-02-30", "", "tomorrow", "2026-13-01"])
def test_anything_else_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_date(text)
    assert str(caught.value) == (f"--as-of {text!r} is not a date; write it as YYYY-MM-DD "
                                 "or `today`")


def test_source_date_epoch_is_still_read_for_export_timestamps(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225599")  # one second before 2026
    assert source_date_epoch() == dt.datetime(2025, 12, 31, 23, 59, 59,
                                              tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("value", ["", None])
def test_an_unset_source_date_epoch_is_none(monkeypatch: pytest.MonkeyPatch,
                                            value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch() is None


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_timestamp_is_a_usage_error(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="is not a Unix timestamp; unset it or fix it"):
        source_date_epoch()
