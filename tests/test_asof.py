"""The as-of date and SOURCE_DATE_EPOCH, read in one place for every command."""

from __future__ import annotations

import datetime as dt

import pytest

from sms20k.asof import resolve_as_of, source_date_epoch
from sms20k.errors import UsageError

MANIFEST_DATE = dt.date(2026, 3, 1)


def test_an_explicit_date_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert resolve_as_of(dt.date(2025, 1, 2), default=MANIFEST_DATE) == dt.date(2025, 1, 2)


def test_source_date_epoch_wins_over_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert resolve_as_of(default=MANIFEST_DATE) == dt.date(2026, 1, 1)
    assert source_date_epoch() == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def test_one_second_before_midnight_is_still_the_day_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225599")
    assert resolve_as_of() == dt.date(2025, 12, 31)


@pytest.mark.parametrize("value", ["", None])
def test_without_source_date_epoch_the_default_is_used(
        monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert source_date_epoch() is None
    assert resolve_as_of(default=MANIFEST_DATE) == MANIFEST_DATE


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_timestamp_is_a_usage_error(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(UsageError, match="is not a Unix timestamp; unset it or fix it"):
        resolve_as_of(default=MANIFEST_DATE)
