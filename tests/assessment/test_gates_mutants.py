"""Gate boundaries and messages the gate tests leave out (issue 12)."""

from __future__ import annotations

import pytest

from sms20k.assessment.gates import _score_gate, evaluate
from sms20k.assessment.model import GateOutcome, Report
from sms20k.assessment.run import assess
from sms20k.evidence.policy import Policy

from .conftest import SMALL


@pytest.fixture(scope="module")
def report() -> Report:
    return assess(SMALL).report  # 2 major, 3 minor, 1 observation; overall 42.3


def _with_classes(report: Report, **classes: int) -> Report:
    counts = report.summary.counts.model_copy(update={"classes": {
        "major": 0, "minor": 0, "observation": 0, "ofi": 0, **classes}})
    return report.model_copy(update={"summary": report.summary.model_copy(
        update={"counts": counts})})


@pytest.mark.parametrize(("score", "minimum", "passed", "message"), [
    (None, 60.0, True, "X score is n/a (nothing scored)"),
    (70.0, 60.0, True, "X score 70.0"),
    (60.0, 60.0, True, "X score 60.0"),
    (59.5, 60.0, False, "X score 59.5 is 0.5 below 60"),
    (60.0, 60.04, True, "X score 60.0"),  # less than 0.1 short rounds to not short
    (59.0, 60.0, False, "X score 59.0 is 1.0 below 60"),
])
def test_score_gate(score: float | None, minimum: float, passed: bool, message: str) -> None:
    assert _score_gate("g", "X score", score, minimum) == GateOutcome(
        gate="g", passed=passed, message=message)


def test_fail_on_lists_every_class_found(report: Report) -> None:
    (gate,) = evaluate(report, Policy(), fail_on="minor")
    assert gate.message == "found 2 major nonconformities, 3 minor nonconformities"


def test_fail_on_with_nothing_found(report: Report) -> None:
    (gate,) = evaluate(_with_classes(report, minor=1), Policy(), fail_on="major")
    assert gate == GateOutcome(gate="fail-on major", passed=True,
                               message="no findings at or above major")


def test_policy_fail_under_applies_without_a_command_line_value(report: Report) -> None:
    policy = Policy.model_validate({"fail-under": 50})
    assert evaluate(report, policy) == [GateOutcome(
        gate="fail-under 50", passed=False, message="overall score 42.3 is 7.7 below 50")]


def test_a_count_at_its_limit_passes(report: Report) -> None:
    policy = Policy.model_validate({"max": {"minor": 3, "observation": 0}})
    assert evaluate(report, policy) == [
        GateOutcome(gate="max minor 3", passed=True, message="3 minor nonconformities"),
        GateOutcome(gate="max observation 0", passed=False,
                    message="1 observation, 1 over the limit"),
    ]
