"""The audit's timetable: process areas of the 2018 clauses, time per session, days and hours.

The rule (docs/audit-plan.md): the time left after the opening and closing meetings is cut
into 15-minute slots and shared among the sessions in proportion to their weight (the sum of
the criticality weights of their items, once per service an item is assessed for). Shares
are rounded down and the slots left over go to the largest remainders, earlier sessions
first on a tie. A session with items that got no slot takes one from the session with the
most slots (the earlier one on a tie), so no session with items is left without time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from sms20k.assessment.auditplan_model import Slot

SLOT = 15
OPENING = 30
CLOSING = 30
DAY_START = 9 * 60
DEFAULT_DAYS = 2
DEFAULT_HOURS = 8.0

# Groups of 2018 clauses that one interview round covers, in the order of the standard.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Context of the organization and leadership", ("4", "5")),
    ("Planning", ("6",)),
    ("Support of the service management system", ("7",)),
    ("Operational planning and service portfolio", ("8.1", "8.2")),
    ("Relationship and agreement", ("8.3",)),
    ("Supply and demand", ("8.4",)),
    ("Service design, build and transition", ("8.5",)),
    ("Resolution and fulfilment", ("8.6",)),
    ("Service assurance", ("8.7",)),
    ("Performance evaluation", ("9",)),
    ("Improvement", ("10",)),
)

ALLOCATION = (
    f"The opening and closing meetings take {OPENING} and {CLOSING} minutes. The rest of the "
    f"audit time is cut into {SLOT}-minute slots and shared among the sessions in proportion "
    "to their weight: the sum of the criticality weights of their items (rules.weights; "
    "high 3, medium 2, low 1 by default), counted once per service an item is assessed for. "
    "Shares are rounded down, the slots left over go to the largest remainders, and a "
    "session with items that got none takes one from the session with the most."
)


def area_of(clause: str) -> int:
    """The index in AREAS of the process area a 2018 clause belongs to (the last if none)."""
    for index, (_, prefixes) in enumerate(AREAS):
        if any(clause == p or clause.startswith(p + ".") for p in prefixes):
            return index
    return len(AREAS) - 1


def allocate(weights: Sequence[float], slots: int) -> list[int]:
    """Slots per session, in proportion to ``weights``; see the module docstring."""
    exact = [Fraction(w) for w in weights]
    total = sum(exact, Fraction(0))
    if total == 0:
        return [0] * len(exact)
    quotas = [w * slots / total for w in exact]
    given = [int(q) for q in quotas]
    order = sorted(range(len(quotas)), key=lambda i: (given[i] - quotas[i], i))
    for index in order[:slots - sum(given)]:
        given[index] += 1
    for index, weight in enumerate(exact):
        if weight > 0 and given[index] == 0:
            donors = [j for j in range(len(given)) if given[j] > 1]
            if donors:
                given[max(donors, key=lambda j: (given[j], -j))] -= 1
            given[index] = 1
    return given


def next_workday(day: dt.date) -> dt.date:
    """The next day from Monday to Friday: audits are not planned at weekends."""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def last_day(start: dt.date, days: int) -> dt.date:
    end = start
    for _ in range(days - 1):
        end = next_workday(end)
    return end


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def place(durations: Sequence[int], start: dt.date, day_minutes: int) -> list[list[Slot]]:
    """Each duration laid end to end on working days from ``start`` at 09:00, a day holding
    ``day_minutes``; a session that does not fit the rest of a day goes on the next."""
    placed: list[list[Slot]] = []
    day, date, used = 1, start, 0
    for minutes in durations:
        slots: list[Slot] = []
        left = minutes
        while left > 0:
            if used >= day_minutes:
                day, date, used = day + 1, next_workday(date), 0
            part = min(left, day_minutes - used)
            slots.append(Slot(day=day, date=date.isoformat(), start=_clock(DAY_START + used),
                              end=_clock(DAY_START + used + part)))
            used += part
            left -= part
        placed.append(slots)
    return placed

