"""The verdict rules: an entry's status and evidence, then its waiver, give a result, a
finding class and the reasons (docs/assessment-rules.md gives them in the same order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sms20k import codes
from sms20k.assessment.evidence_check import check_evidence, describe, untyped
from sms20k.assessment.model import CLASS_RANK, EvidenceCheck, Result
from sms20k.checklists.catalog import CatalogItem
from sms20k.evidence.models import Entry, Waiver
from sms20k.evidence.rules import ClassOrNone, Rules
from sms20k.findings import Finding


@dataclass
class Verdict:
    result: Result
    klass: ClassOrNone
    reasons: list[str]
    checks: list[EvidenceCheck] = field(default_factory=list)


class WaiverIndex:
    """The waiver that applies to a result: the first in file order of the item's waivers
    for its service or for all services. One lookup per result, however many waivers an item
    has (a scan per result grew with services times waivers)."""

    def __init__(self, waivers: Iterable[Waiver]) -> None:
        self._first: dict[tuple[str, str | None], tuple[int, Waiver]] = {}
        for n, waiver in enumerate(waivers):
            self._first.setdefault((waiver.item, waiver.service), (n, waiver))

    def find(self, item: str, service: str | None) -> Waiver | None:
        own, every = self._first.get((item, service)), self._first.get((item, None))
        if own is None or every is None:
            found = own or every
        else:  # file positions differ, unless both are the same waiver for all services
            found = min(own, every, key=lambda first: first[0])
        return found[1] if found else None


def approved(waiver: Waiver) -> bool:
    return bool(waiver.approved_by) and waiver.approved is not None


def worst(*classes: ClassOrNone) -> ClassOrNone:
    real = [c for c in classes if c != "none"]
    return min(real, key=CLASS_RANK.__getitem__) if real else "none"


def status_verdict(citem: CatalogItem, entry: Entry, problems: list[Finding],
                   rules: Rules) -> Verdict:
    """The verdict of an entry's status, before any waiver."""
    criticality = citem.item.criticality
    if entry.status == "not-assessed":
        return Verdict("not-assessed", "none", ["not assessed"])
    if entry.status == "not-applicable":
        return Verdict("not-applicable", "none",
                       [f"not applicable: {entry.justification or 'no justification'}"])
    # What the entry shows of each expected kind, whatever its status: the gap list and
    # the findings say what evidence a partial or planned item still lacks.
    checks = check_evidence(citem.item, entry.evidence, problems)
    if entry.status == "partial":
        return Verdict("partially-conformant", rules.partial.pick(criticality),
                       ["partially implemented"], checks)
    if entry.status == "planned":
        return Verdict("nonconformant", rules.planned.pick(criticality),
                       ["planned, not yet implemented"], checks)
    if entry.status == "not-implemented":
        return Verdict("nonconformant", rules.not_implemented.pick(criticality),
                       ["not implemented"], checks)
    if not entry.evidence:
        return Verdict("nonconformant", rules.no_evidence.pick(criticality),
                       ["claimed implemented but no evidence"], checks)
    return _implemented(citem, entry, checks, problems, rules)


def _implemented(citem: CatalogItem, entry: Entry, checks: list[EvidenceCheck],
                 problems: list[Finding], rules: Rules) -> Verdict:
    """An implemented claim is only as good as the evidence of each required kind."""
    criticality = citem.item.criticality
    required = [c for c in checks if c.level == "required"]
    reasons: list[str] = []
    klass: ClassOrNone = "none"
    missing = [c for c in required if c.state == "missing"]
    if missing:
        reasons.extend(f"implemented, but {describe(c)}" for c in missing)
        klass = worst(klass, rules.missing_evidence.pick(criticality))
        if (loose := untyped(entry.evidence)):
            reasons.append(f"{loose} of the references give no `kind`, so they show no "
                           "expected kind")
    stale = [c for c in required if c.state == "stale"]
    if stale:
        reasons.extend(describe(c) for c in stale)
        klass = worst(klass, rules.stale_evidence.pick(criticality))
    if reasons:
        return Verdict("partially-conformant", klass, reasons, checks)
    blocked = [c for c in required if c.state == "unusable"]
    if blocked:
        # A broken reference is the repository's fault, not the client's: the item cannot
        # be judged until it is fixed (it is a repository problem instead).
        return Verdict("not-assessed", "none",
                       [f"not assessed: {describe(c)} (see repository problems)"
                        for c in blocked], checks)
    improvements: list[tuple[str, ClassOrNone]] = [
        (f"supporting evidence: {describe(c)}", rules.supporting_evidence)
        for c in checks if c.level == "supporting" and c.state != "provided"]
    if not entry.owner:
        improvements.append(("no owner recorded", rules.improvements))
    if not any(ref.dated for ref in entry.evidence) and entry.reviewed is None:
        improvements.append(("no review or approval date on the evidence", rules.improvements))
    if any(f.code == codes.LOCK_UNLISTED.code for f in problems):
        improvements.append(("evidence not pinned in the lock file", rules.improvements))
    shown = [(reason, k) for reason, k in improvements if k != "none"]
    return Verdict("conformant", worst(*(k for _, k in shown)),
                   [reason for reason, _ in shown], checks)


def apply_waiver(verdict: Verdict, waiver: Waiver | None, as_of: dt.date,
                 rules: Rules) -> Verdict:
    """Certification auditors do not recognize waivers: the verdict stands; a waiver only
    exempts the item from the CI gates, and an expired one raises the class."""
    if waiver is None:
        return verdict
    if not approved(waiver):
        verdict.reasons.append("waiver not approved")
    elif waiver.expires < as_of:
        verdict.reasons.append(f"waiver expired {waiver.expires.isoformat()}")
        if verdict.result not in ("conformant", "not-applicable", "not-assessed"):
            verdict.klass = worst(verdict.klass, rules.expired_waiver)
    else:
        verdict.reasons.append(
            f"waived until {waiver.expires.isoformat()} by {waiver.approved_by}")
    return verdict
