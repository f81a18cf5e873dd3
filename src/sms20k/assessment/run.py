"""The assessment itself: load, check, assess, diff a baseline and evaluate the gates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sms20k.asof import resolve_as_of
from sms20k.assessment.diff import compare, load_report
from sms20k.assessment.engine import Engine
from sms20k.assessment.gates import evaluate
from sms20k.assessment.model import GateOutcome, Report
from sms20k.checklists.catalog import Catalog
from sms20k.evidence.checks import Checker
from sms20k.evidence.hashing import Progress
from sms20k.evidence.policy import FailOn
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.yamlio import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class AssessmentResult:
    """The report, with the repository root (links are relative to it) and the catalog the
    repository was assessed against."""

    report: Report
    root: Path
    catalog: Catalog

    @property
    def failed_gates(self) -> list[GateOutcome]:
        return [g for g in self.report.gates if not g.passed]


def assess(location: Path, checklist_dirs: Sequence[Path] = (), *,
           as_of: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Progress | None = None, fail_on: FailOn | None = None,
           fail_under: float | None = None, min_coverage: float | None = None,
           allow_invalid: bool = False, baseline: Path | None = None) -> AssessmentResult:
    """Judge the repository as of ``as_of``, else its assessment date."""
    repo, catalog = load_with_catalog(location, checklist_dirs, max_bytes=max_bytes)
    as_of = resolve_as_of(as_of, default=repo.manifest.assessment.date)
    findings = Checker(repo, catalog, as_of).run(progress)
    report = Engine(repo, catalog, findings, as_of, repo.manifest.rules).report()
    delta = None
    if baseline is not None:
        old = load_report(baseline)
        delta = compare(old, report, old_name=f"{baseline} (as of {old.meta.as_of})",
                        new_name=f"as of {report.meta.as_of}")
    gates = evaluate(report, repo.manifest.policy, fail_on=fail_on, fail_under=fail_under,
                     min_coverage=min_coverage, allow_invalid=allow_invalid)
    return AssessmentResult(report.model_copy(update={"gates": gates, "baseline": delta}),
                            repo.root, catalog)
