"""The audit plan's timetable rules: process areas, time allocation and rounding, days."""

from __future__ import annotations

import datetime as dt

import pytest

from sms20k.assessment.auditplan_model import Session, spoken
from sms20k.assessment.auditplan_schedule import (
    allocate,
    area_of,
    last_day,
    next_workday,
    place,
)

FRIDAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(("clause", "area"), [
    ("4.1", 0), ("5.3", 0), ("6.2.1", 1), ("7.5.3", 2), ("8.1", 3), ("8.2.6", 3),
    ("8.3.4.1", 4), ("8.4.3", 5), ("8.5.1.1", 6), ("8.6.3", 7), ("8.7.3.2", 8), ("9.4", 9),
    ("10.1", 10), ("10.2", 10),
])
def test_clauses_fall_into_their_process_area(clause: str, area: int) -> None:
    assert area_of(clause) == area


def test_a_prefix_must_end_at_a_dot() -> None:
    # 10.1 is not under 1, and 8.10 would not be under 8.1.
    assert area_of("8.10") == 10  # unknown clauses go to the last area
    assert area_of("40.1") == 10


def test_allocation_is_proportional_when_it_divides() -> None:
    assert allocate([3, 2, 1], 12) == [6, 4, 2]


def test_rounding_gives_leftover_slots_to_the_largest_remainders() -> None:
    # Quotas 10 * (5, 3, 2) / 10 are whole; 7 * (5, 3, 2) / 10 = 3.5, 2.1, 1.4.
    assert allocate([5, 3, 2], 7) == [4, 2, 1]
    # 6 slots over four equal weights: 1.5 each; ties go to the earlier sessions.
    assert allocate([2, 2, 2, 2], 6) == [2, 2, 1, 1]


def test_a_session_with_one_low_item_still_gets_a_slot() -> None:
    # 1 / 61 of 20 slots is 0.33: rounded down to nothing, then given one from the largest.
    assert allocate([60, 1], 20) == [19, 1]
    assert allocate([30, 30, 1], 20) == [9, 10, 1]  # the earlier one gives on a tie


def test_sessions_without_items_get_no_time() -> None:
    assert allocate([0, 2, 0, 2], 8) == [0, 4, 0, 4]
    assert allocate([0, 0], 8) == [0, 0]


def test_when_slots_run_out_each_session_still_gets_one() -> None:
    given = allocate([5, 1, 1, 1], 3)
    assert given == [1, 1, 1, 1] and sum(given) > 3


def test_allocation_adds_up_for_fractional_weights() -> None:
    weights = [0.1, 0.2, 0.3, 999.9, 0.7]
    assert sum(allocate(weights, 97)) == 97
    assert min(allocate(weights, 97)) == 1


def test_weekends_are_skipped() -> None:
    assert next_workday(FRIDAY) == dt.date(2026, 11, 30)
    assert next_workday(dt.date(2026, 11, 30)) == dt.date(2026, 12, 1)
    assert last_day(FRIDAY, 1) == FRIDAY
    assert last_day(FRIDAY, 3) == dt.date(2026, 12, 1)


def test_sessions_are_laid_end_to_end_and_split_across_days() -> None:
    placed = place([30, 240, 0, 90], FRIDAY, 300)
    assert [[(s.day, s.date, s.start, s.end) for s in slots] for slots in placed] == [
        [(1, "2026-11-27", "09:00", "09:30")],
        [(1, "2026-11-27", "09:30", "13:30")],
        [],
        [(1, "2026-11-27", "13:30", "14:00"), (2, "2026-11-30", "09:00", "10:00")],
    ]


def test_a_full_day_starts_the_next_session_on_the_next_day() -> None:
    placed = place([120, 15], FRIDAY, 120)
    assert [(s.day, s.start) for s in placed[1]] == [(2, "09:00")]


@pytest.mark.parametrize(("minutes", "text"), [
    (15, "15 min"), (60, "1 h"), (90, "1 h 30 min"), (0, "0 min"), (1380, "23 h"),
])
def test_times_read_as_people_write_them(minutes: int, text: str) -> None:
    assert spoken(minutes) == text
    session = Session(number=1, kind="meeting", title="T", covers=[], clauses=[], purpose=None,
                      auditees=[], items=0, weight=0, minutes=minutes, slots=[])
    assert session.time == text and session.when == ""
