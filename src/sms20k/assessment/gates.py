"""CI gates: thresholds on finding classes and scores that fail ``sms20k assess`` with exit 1."""

from __future__ import annotations

from sms20k.assessment.model import CLASS_LABELS, FINDING_CLASSES, GateOutcome, Report
from sms20k.evidence.policy import FailOn, Policy
from sms20k.scores import number

_AT_OR_ABOVE: dict[str, tuple[str, ...]] = {
    "major": ("major",),
    "minor": ("major", "minor"),
    "observation": ("major", "minor", "observation"),
    "any": FINDING_CLASSES,
    "none": (),
}


PLURALS = {"major": "major nonconformities", "minor": "minor nonconformities",
           "observation": "observations", "ofi": "opportunities for improvement"}


def _plural(count: int, klass: str) -> str:
    return f"{count} {CLASS_LABELS[klass].lower() if count == 1 else PLURALS[klass]}"


def evaluate(report: Report, policy: Policy, *, fail_on: FailOn | None = None,
             fail_under: float | None = None) -> list[GateOutcome]:
    """Every configured gate with its outcome; command-line values override the policy."""
    outcomes: list[GateOutcome] = []
    classes = report.summary.counts.classes
    level = fail_on or policy.fail_on
    if level is not None and level != "none":
        hits = {c: classes[c] for c in _AT_OR_ABOVE[level] if classes[c]}
        found = ", ".join(_plural(n, c) for c, n in hits.items())
        outcomes.append(GateOutcome(
            gate=f"fail-on {level}", passed=not hits,
            message=f"found {found}" if hits else f"no findings at or above {level}"))
    threshold = fail_under if fail_under is not None else policy.fail_under
    if threshold is not None:
        outcomes.append(_score_gate(f"fail-under {threshold:g}", "overall score",
                                    report.summary.score, threshold))
    for klass in FINDING_CLASSES:
        limit = getattr(policy.max, klass)
        if limit is not None:
            over = classes[klass] - limit
            outcomes.append(GateOutcome(
                gate=f"max {klass} {limit}", passed=over <= 0,
                message=f"{_plural(classes[klass], klass)}"
                + (f", {over} over the limit" if over > 0 else "")))
    for scenario in report.scenarios:
        minimum = policy.scenarios.get(scenario.id, policy.min_scenario_score)
        if minimum is not None:
            outcomes.append(_score_gate(f"min-scenario-score {scenario.id} {minimum:g}",
                                        f"{scenario.id} score", scenario.score, minimum))
    return outcomes


def _score_gate(gate: str, what: str, score: float | None, minimum: float) -> GateOutcome:
    if score is None:
        return GateOutcome(gate=gate, passed=True, message=f"{what} is n/a (nothing scored)")
    short = round(minimum - score, 1)
    if short > 0:
        return GateOutcome(gate=gate, passed=False,
                           message=f"{what} {number(score)} is {number(short)} below {minimum:g}")
    return GateOutcome(gate=gate, passed=True, message=f"{what} {number(score)}")
