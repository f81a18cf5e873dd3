"""CI gates: thresholds on audit findings, scores and coverage, and repository problems, that
fail ``sms20k assess`` with exit 1.

The finding and score gates count what is not under an active waiver (``gated_findings``,
``gated_score``): a waiver exempts an item from the gates and from nothing else.
"""

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
             fail_under: float | None = None, min_coverage: float | None = None,
             allow_invalid: bool = False) -> list[GateOutcome]:
    """Every configured gate with its outcome; command-line values override the policy."""
    outcomes: list[GateOutcome] = []
    summary = report.summary
    errors = summary.repository_errors
    if errors:
        problems = f"{errors} repository problem{'s' * (errors != 1)} at error level"
        outcomes.append(GateOutcome(
            gate="repository", passed=allow_invalid,
            message=f"{problems} (allowed by --allow-invalid)" if allow_invalid else
            f"{problems}; fix them (see the report's repository problems) or pass "
            "--allow-invalid"))
    classes = summary.gated_findings
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
                                    summary.gated_score, threshold))
    coverage_floor = min_coverage if min_coverage is not None else policy.min_coverage
    if coverage_floor is not None and summary.coverage is not None:
        cov = summary.coverage
        # Judged on the exact share, not the rounded percent: 90.0 % of 90.05 is short.
        exact = 100 * cov.assessed / cov.in_scope if cov.in_scope else 0.0
        short = coverage_floor - exact
        shown = f"{number(short)} below" if round(short, 1) > 0 else "less than 0.1 below"
        outcomes.append(GateOutcome(
            gate=f"min-coverage {coverage_floor:g}", passed=short <= 0,
            message=f"{cov.assessed} of {cov.in_scope} item result{'s' * (cov.in_scope != 1)} "
                    f"assessed ({number(exact)}%)"
            + (f", {shown} {coverage_floor:g}" if short > 0 else "")))
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
