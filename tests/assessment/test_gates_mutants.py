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
    # Audit findings: 1 major (F-8.7.1), 3 minor; the gates leave out the waived X03.02
    # (F-8.3.2): gated 1 major, 2 minor. Overall score 45.8; gated score (without X03.02,
    # 0.0 x 1) 100 x 5.5 / 11 = 50.0.
    return assess(SMALL).report


def _with_gated(report: Report, **grades: int) -> Report:
    gated = {"major": 0, "minor": 0, "observation": 0, "ofi": 0, **grades}
    return report.model_copy(update={"summary": report.summary.model_copy(
        update={"gated_findings": gated})})


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
    assert gate.message == "found 1 major nonconformity, 2 minor nonconformities"
    (gate,) = evaluate(_with_gated(report, major=2, minor=3, ofi=4), Policy(), fail_on="any")
    assert gate.message == ("found 2 major nonconformities, 3 minor nonconformities, "
                            "4 opportunities for improvement")


def test_fail_on_counts_the_gated_findings_not_the_item_classes(report: Report) -> None:
    # The items have 2 majors (X02.02 for both services) but they are one audit finding.
    assert report.summary.counts.classes["major"] == 2
    (gate,) = evaluate(report, Policy(), fail_on="major")
    assert gate == GateOutcome(gate="fail-on major", passed=False,
                               message="found 1 major nonconformity")


def test_fail_on_with_nothing_found(report: Report) -> None:
    (gate,) = evaluate(_with_gated(report, minor=1), Policy(), fail_on="major")
    assert gate == GateOutcome(gate="fail-on major", passed=True,
                               message="no findings at or above major")


def test_policy_fail_under_applies_without_a_command_line_value(report: Report) -> None:
    # The gate reads the gated score (50.0), not the overall one (45.8).
    policy = Policy.model_validate({"fail-under": 50})
    assert evaluate(report, policy) == [GateOutcome(
        gate="fail-under 50", passed=True, message="overall score 50.0")]
    policy = Policy.model_validate({"fail-under": 55})
    assert evaluate(report, policy) == [GateOutcome(
        gate="fail-under 55", passed=False, message="overall score 50.0 is 5.0 below 55")]


def test_a_count_at_its_limit_passes(report: Report) -> None:
    policy = Policy.model_validate({"max": {"major": 0, "minor": 2, "observation": 0}})
    assert evaluate(report, policy) == [
        GateOutcome(gate="max major 0", passed=False,
                    message="1 major nonconformity, 1 over the limit"),
        GateOutcome(gate="max minor 2", passed=True, message="2 minor nonconformities"),
        GateOutcome(gate="max observation 0", passed=True, message="0 observations"),
    ]
    (gate,) = evaluate(_with_gated(report, observation=1),
                       Policy.model_validate({"max": {"observation": 0}}))
    assert gate == GateOutcome(gate="max observation 0", passed=False,
                               message="1 observation, 1 over the limit")
