from __future__ import annotations

import datetime as dt

from sms20k.evidence.models import Entry, Waiver


def _entry(item: str, **extra: object) -> Entry:
    return Entry.model_validate({"item": item, "status": "partial", **extra})


def test_entries_given_the_same_fields_keep_their_own_fields_set() -> None:
    # Entries given the same fields may share one set of their names; none may see another's.
    first, second = _entry("S01.01"), _entry("S01.02")
    other = _entry("S01.03", owner="Ann", evidence=[{"path": "a.md", "description": "A"}])
    renamed = first.model_copy(update={"service": "svc-a"})
    assert renamed.model_fields_set == {"item", "status", "service"}
    assert first.model_fields_set == second.model_fields_set == {"item", "status"}
    assert other.model_fields_set == {"item", "status", "owner", "evidence"}
    assert other.evidence[0].model_fields_set == {"path", "description"}
    assert second.model_dump(exclude_unset=True) == {"item": "S01.02", "status": "partial"}
    assert renamed.model_dump(exclude_unset=True) == {"item": "S01.01", "status": "partial",
                                                      "service": "svc-a"}


def test_waivers_keep_their_own_fields_set() -> None:
    given = {"item": "S01.01", "reason": "r", "expires": dt.date(2027, 1, 1)}
    first, second = Waiver.model_validate(given), Waiver.model_validate(given)
    approved = second.model_copy(update={"approved_by": "Bo"})
    assert first.model_fields_set == {"item", "reason", "expires"}
    assert approved.model_fields_set == {"item", "reason", "expires", "approved_by"}
