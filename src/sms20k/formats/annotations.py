"""Annotations: what the CI formats (SARIF, JUnit, GitHub, Code Quality) flag, in view order.

An annotation is either a result with a finding class or a validation Finding, carried as
it is; the formats read its fields (item, service, hint, field) and never parse a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sms20k.assessment.model import CLASS_LABELS, ItemResult, Report
from sms20k.codes import MISSING_ENTRY
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import MANIFEST_NAME, Finding, Level, Location
from sms20k.modelbase import View

CiLevel = Literal["error", "warning", "note"]
CLASS_LEVELS: dict[str, CiLevel] = {
    "major": "error", "minor": "warning", "observation": "note", "ofi": "note",
}
LEVELS: dict[Level, CiLevel] = {Level.ERROR: "error", Level.WARNING: "warning"}


@dataclass(frozen=True)
class Annotation:
    """One thing a CI tool should flag: a result with a finding class, or a finding."""

    rule: str
    level: CiLevel
    title: str
    message: str
    location: Location
    item: str | None
    service: str | None
    result: ItemResult | None = None
    finding: Finding | None = None


def result_location(r: ItemResult) -> Location:
    """Where to point: the entry, else the manifest line that reported it missing."""
    if r.location is not None:
        return r.location
    missing = next((p for p in r.problems if p.code == MISSING_ENTRY.code), None)
    return missing.location if missing else Location(path=MANIFEST_NAME, line=None, col=None)


def findings(view: View) -> list[Finding]:
    """The validation findings of a report or of ``sms20k validate``."""
    if isinstance(view, ValidationView):
        return view.findings
    assert isinstance(view, Report)
    return view.validation


def annotate(view: View) -> list[Annotation]:
    """Results with a finding class (reports only), then validation findings, in view order."""
    found: list[Annotation] = []
    if isinstance(view, Report):
        for r in view.results:
            if r.finding_class is None:
                continue
            message = f"{CLASS_LABELS[r.finding_class]}: {'; '.join(r.reasons) or r.result}"
            found.append(Annotation(r.item, CLASS_LEVELS[r.finding_class],
                                    f"{r.label} {r.title}", message, result_location(r),
                                    r.item, r.service, result=r))
    for f in findings(view):
        found.append(Annotation(f.code, LEVELS[f.level], f.code, f.text(), f.location, f.item,
                                f.service, finding=f))
    return found


def summary_line(view: View) -> str:
    if isinstance(view, ValidationView):
        return (f"sms20k validate: {_count(view.errors, 'error')}, "
                f"{_count(view.warnings, 'warning')} in {view.repository} "
                f"({view.evidence_files} evidence files, {view.entries} entries, "
                f"as of {view.as_of})")
    assert isinstance(view, Report)
    s, classes = view.summary, view.summary.counts.classes
    score = "n/a" if s.score is None else f"{s.score:g}"
    observations = _count(classes.get("observation", 0), "observation")
    return (f"sms20k assess: score {score}; {classes.get('major', 0)} major, "
            f"{classes.get('minor', 0)} minor, {observations}, {classes.get('ofi', 0)} OFI; "
            f"validation: {_count(s.validation_errors, 'error')}, "
            f"{_count(s.validation_warnings, 'warning')} (as of {view.meta.as_of})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
