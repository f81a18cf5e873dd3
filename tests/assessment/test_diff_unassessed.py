"""diff: a result not assessed on either side is no judgement, so it is neither improved,
regressed nor resolved."""

from __future__ import annotations

from typing import Any

from sms20k.assessment.diff import compare
from sms20k.assessment.model import Report


def _report(make: Any, status: str | None) -> Report:
    entries = [{"item": "X01.01", "status": status, "owner": "O"}] if status else []
    return Report.model_validate(make(entries=entries).report())


def labels(changes: list[Any]) -> list[str]:
    return [c.label for c in changes if c.item == "X01.01"]


def test_a_finding_no_longer_assessed_is_not_resolved(make: Any) -> None:
    delta = compare(_report(make, "not-implemented"), _report(make, "not-assessed"))
    assert labels(delta.resolved_findings) == [] and labels(delta.improved) == []


def test_an_item_assessed_for_the_first_time_has_a_new_finding_but_no_regression(
        make: Any) -> None:
    delta = compare(_report(make, None), _report(make, "not-implemented"))
    assert labels(delta.new_findings) == ["X01.01"] and labels(delta.regressed) == []


def test_an_assessed_item_that_gets_worse_still_regresses(make: Any) -> None:
    delta = compare(_report(make, "partial"), _report(make, "not-implemented"))
    assert labels(delta.regressed) == ["X01.01"]
    assert labels(compare(_report(make, "not-implemented"),
                          _report(make, "partial")).improved) == ["X01.01"]
