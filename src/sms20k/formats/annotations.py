"""Annotations: what the CI formats (SARIF, JUnit, GitHub, Code Quality) flag, in view order.

An annotation is an audit finding, an assessed item result with a finding class, or a
validation Finding carried as it is; the formats read their fields and never parse a
message. Not-assessed results are never flagged: nobody judged them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Literal

from sms20k.assessment.model import (
    CLASS_LABELS,
    RESULT_LABELS,
    AuditFinding,
    ItemResult,
    Report,
)
from sms20k.codes import is_repository_problem
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import MANIFEST_NAME, Finding, Level, Location
from sms20k.formats.interface import RenderOptions
from sms20k.formats.text import plural
from sms20k.modelbase import View

CiLevel = Literal["error", "warning", "note"]
CLASS_LEVELS: dict[str, CiLevel] = {
    "major": "error", "minor": "warning", "observation": "note", "ofi": "note",
}
LEVELS: dict[Level, CiLevel] = {Level.ERROR: "error", Level.WARNING: "warning"}
REPOSITORY_PROBLEM = "repository problem"


@dataclass(frozen=True)
class Annotation:
    """One thing a CI tool should flag: an audit finding, a result, or a finding."""

    rule: str
    level: CiLevel
    title: str
    message: str
    location: Location
    item: str | None
    service: str | None
    result: ItemResult | None = None
    finding: Finding | None = None
    audit: AuditFinding | None = None
    waiver: str | None = None
    """Why the CI gates do not count it (an active waiver, with its expiry), else None."""
    fingerprint: str = ""
    """The one stable key of what it flags, the same in every CI format and in both
    ``validate`` and ``assess``: never a line, a column or a message's wording."""

    @property
    def repository(self) -> bool:
        """A problem of the evidence repository, never an audit finding."""
        return self.finding is not None and is_repository_problem(self.finding)


def result_location(r: ItemResult | None) -> Location:
    """Where to point: the entry, else the manifest (an item excluded from scope has none)."""
    if r is not None and r.location is not None:
        return r.location
    return Location(path=MANIFEST_NAME, line=None, col=None)


def findings(view: View) -> list[Finding]:
    """The validation findings of a report or of ``sms20k validate``."""
    if isinstance(view, ValidationView):
        return view.findings
    assert isinstance(view, Report)
    return view.validation


def waiver_text(r: ItemResult) -> str | None:
    """``reason (waived until 2027-06-30 by CFO)`` for a result under an active waiver."""
    if not r.waived or r.waiver is None:
        return None
    by = f" by {r.waiver.approved_by}" if r.waiver.approved_by else ""
    return f"{r.waiver.reason} (waived until {r.waiver.expires}{by})"


def results_by_label(report: Report) -> dict[tuple[str, str | None], ItemResult]:
    return {(r.item, r.service): r for r in report.results}


def audit_annotation(f: AuditFinding, results: dict[tuple[str, str | None], ItemResult]
                     ) -> Annotation:
    first = results.get((f.items[0].item, f.items[0].service)) if f.items else None
    message = f.statement
    if f.raised:
        message += f" Graded major: {f.raised}."
    waived = [i.label for i in f.items if i.waived]
    waiver = None
    if waived:
        which = "every item" if f.waived else ", ".join(waived)
        message += f" Waived: {which}, exempt from the CI gates only."
        if f.waived:
            waiver = "; ".join(text for i in f.items
                               if (text := _waiver_of(results.get((i.item, i.service)))))
    title = f"{f.id} {CLASS_LABELS[f.grade]}: {f.clause.id} {f.clause.title}"
    return Annotation(f.id, CLASS_LEVELS[f.grade], title, message, result_location(first),
                      None, None, audit=f, waiver=waiver or None)


def _waiver_of(r: ItemResult | None) -> str | None:
    return waiver_text(r) if r is not None else None


def reasons_text(r: ItemResult) -> str:
    """The reasons, which say ``waived until …`` for a result under an active waiver."""
    reasons = "; ".join(r.reasons) or RESULT_LABELS[r.result]
    return reasons if not r.waived or "waived" in reasons else f"{reasons}; waived"


def result_message(r: ItemResult) -> str:
    return f"{CLASS_LABELS[r.finding_class or 'ofi']}: {reasons_text(r)}"


def annotate(view: View, options: RenderOptions | None = None) -> list[Annotation]:
    """Audit findings and flagged assessed results (reports only), then validation findings,
    each at its path as the CI formats write it and with its fingerprint."""
    options = options or RenderOptions()
    return [_placed(a, options) for a in _annotations(view)]


def _placed(a: Annotation, options: RenderOptions) -> Annotation:
    path = options.ci_path(a.location.path)
    if a.audit is not None:
        key = "\0".join((a.rule, "audit-finding"))  # its id names its clause; items may change
    elif a.result is not None:
        key = "\0".join((a.rule, a.item or "", a.service or ""))
    else:
        assert a.finding is not None
        key = a.finding.fingerprint(path)
    digest = key if a.finding is not None else hashlib.sha256(key.encode()).hexdigest()
    return replace(a, location=a.location.model_copy(update={"path": path}), fingerprint=digest)


def _annotations(view: View) -> list[Annotation]:
    found: list[Annotation] = []
    if isinstance(view, Report):
        results = results_by_label(view)
        found += [audit_annotation(f, results) for f in view.findings]
        for r in view.results:
            if r.finding_class is None or not r.assessed:
                continue
            found.append(Annotation(r.item, CLASS_LEVELS[r.finding_class],
                                    f"{r.label} {r.title}", result_message(r),
                                    result_location(r), r.item, r.service, result=r,
                                    waiver=waiver_text(r)))
    for f in findings(view):
        title = f"{f.code} ({REPOSITORY_PROBLEM})" if is_repository_problem(f) else f.code
        found.append(Annotation(f.code, LEVELS[f.level], title, f.text(), f.location, f.item,
                                f.service, finding=f))
    return found


def summary_line(view: View) -> str:
    if isinstance(view, ValidationView) and not view.loaded:
        return (f"sms20k validate: {view.repository} could not be loaded: "
                f"{_count(view.errors, 'error')}, {_count(view.warnings, 'warning')}; "
                "nothing else was checked")
    if isinstance(view, ValidationView):
        return (f"sms20k validate: {_count(view.errors, 'error')}, "
                f"{_count(view.warnings, 'warning')} in {view.repository} "
                f"({plural(view.evidence_files, 'evidence file', 'evidence files')}, "
                f"{plural(view.entries, 'entry', 'entries')}, "
                f"as of {view.as_of})")
    assert isinstance(view, Report)
    s, grades = view.summary, view.summary.findings
    score = "n/a" if s.score is None else f"{s.score:g}"
    # No percent sign: the line is escaped as command data, which would show it as %25.
    coverage = ("" if s.coverage is None
                else f" ({s.coverage.assessed} of {plural(s.coverage.in_scope, 'item result')} "
                "assessed)")
    observations = _count(grades.get("observation", 0), "observation")
    return (f"sms20k assess: score {score}{coverage}; audit findings: "
            f"{grades.get('major', 0)} major, {grades.get('minor', 0)} minor, {observations}, "
            f"{grades.get('ofi', 0)} OFI; {s.waived} waived; repository: "
            f"{_count(s.repository_errors, 'error')}, "
            f"{_count(s.repository_warnings, 'warning')} (as of {view.meta.as_of})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
