"""Join scope, entries, validation findings and waivers into one result per item (and service).

No I/O and no formatting here: the engine takes loaded data and returns the Report model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sms20k import __version__, codes
from sms20k.assessment.evidence_check import check_evidence, describe, untyped
from sms20k.assessment.model import (
    CLASS_RANK,
    CitedClause,
    EvidenceCheck,
    EvidenceRef,
    ItemResult,
    Location,
    Meta,
    Report,
    Result,
    WaiverInfo,
)
from sms20k.assessment.scoring import build_scores
from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.loader import content_version
from sms20k.evidence.limits import check_results
from sms20k.evidence.models import Entry, Reference, Waiver
from sms20k.evidence.references import URL_SCHEMES
from sms20k.evidence.repo import Located, Repository
from sms20k.evidence.rules import ClassOrNone, Rules
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding


@dataclass
class _Verdict:
    result: Result
    klass: ClassOrNone
    reasons: list[str]
    checks: list[EvidenceCheck] = field(default_factory=list)


_ClauseRefs = tuple[list[CitedClause], list[CitedClause], CitedClause]


def _approved(waiver: Waiver) -> bool:
    return bool(waiver.approved_by) and waiver.approved is not None


def _worst(*classes: ClassOrNone) -> ClassOrNone:
    real = [c for c in classes if c != "none"]
    return min(real, key=CLASS_RANK.__getitem__) if real else "none"


class Engine:
    def __init__(self, repo: Repository, catalog: Catalog, findings: Iterable[Finding],
                 as_of: dt.date, rules: Rules) -> None:
        self.repo = repo
        self.catalog = catalog
        self.as_of = as_of
        self.rules = rules
        self.scope = ScopeIndex(repo.manifest, catalog)
        check_results(self.scope, repo.manifest_doc)
        self.findings = list(findings)
        self.by_subject: dict[tuple[str | None, str | None], list[Finding]] = {}
        for finding in self.findings:
            self.by_subject.setdefault((finding.item, finding.service), []).append(finding)
        self._refs: dict[str, _ClauseRefs] = {}
        self.entries: dict[tuple[str, str | None], Located[Entry]] = {}
        for located in repo.entries:
            self.entries.setdefault((located.value.item, located.value.service), located)

    def _waiver(self, item: str, service: str | None) -> Waiver | None:
        for located in self.repo.waivers:
            waiver = located.value
            if waiver.item == item and waiver.service in (None, service):
                return waiver
        return None

    def _status_verdict(self, citem: CatalogItem, entry: Entry,
                        problems: list[Finding]) -> _Verdict:
        rules = self.rules
        criticality = citem.item.criticality
        if entry.status == "not-assessed":
            return _Verdict("not-assessed", "none", ["not assessed"])
        if entry.status == "not-applicable":
            return _Verdict("not-applicable", "none",
                            [f"not applicable: {entry.justification or 'no justification'}"])
        if entry.status == "partial":
            return _Verdict("partially-conformant", rules.partial.pick(criticality),
                            ["partially implemented"])
        if entry.status == "planned":
            return _Verdict("nonconformant", rules.planned.pick(criticality),
                            ["planned, not yet implemented"])
        if entry.status == "not-implemented":
            return _Verdict("nonconformant", rules.not_implemented.pick(criticality),
                            ["not implemented"])
        if not entry.evidence:
            return _Verdict("nonconformant", rules.no_evidence.pick(criticality),
                            ["claimed implemented but no evidence"])
        return self._implemented(citem, entry, problems)

    def _implemented(self, citem: CatalogItem, entry: Entry,
                     problems: list[Finding]) -> _Verdict:
        """An implemented claim is only as good as the evidence of each required kind."""
        rules = self.rules
        criticality = citem.item.criticality
        checks = check_evidence(citem.item, entry.evidence, problems)
        required = [c for c in checks if c.level == "required"]
        reasons: list[str] = []
        klass: ClassOrNone = "none"
        missing = [c for c in required if c.state == "missing"]
        if missing:
            reasons.extend(f"implemented, but {describe(c)}" for c in missing)
            klass = _worst(klass, rules.missing_evidence.pick(criticality))
            if (loose := untyped(entry.evidence)):
                reasons.append(f"{loose} of the references give no `kind`, so they show no "
                               "expected kind")
        stale = [c for c in required if c.state == "stale"]
        if stale:
            reasons.extend(describe(c) for c in stale)
            klass = _worst(klass, rules.stale_evidence.pick(criticality))
        if reasons:
            return _Verdict("partially-conformant", klass, reasons, checks)
        blocked = [c for c in required if c.state == "unusable"]
        if blocked:
            # A broken reference is the repository's fault, not the client's: the item
            # cannot be judged until it is fixed (it is a repository problem instead).
            return _Verdict("not-assessed", "none",
                            [f"not assessed: {describe(c)} (see repository problems)"
                             for c in blocked], checks)
        improvements: list[tuple[str, ClassOrNone]] = [
            (f"supporting evidence: {describe(c)}", rules.supporting_evidence)
            for c in checks if c.level == "supporting" and c.state != "provided"]
        if not entry.owner:
            improvements.append(("no owner recorded", rules.improvements))
        if not any(ref.dated for ref in entry.evidence) and entry.reviewed is None:
            improvements.append(("no review or approval date on the evidence",
                                 rules.improvements))
        if any(f.code == codes.LOCK_UNLISTED.code for f in problems):
            improvements.append(("evidence not pinned in the lock file", rules.improvements))
        shown = [(reason, k) for reason, k in improvements if k != "none"]
        return _Verdict("conformant", _worst(*(k for _, k in shown)),
                        [reason for reason, _ in shown], checks)

    def _verdict(self, citem: CatalogItem, service: str | None, entry: Entry | None,
                 problems: list[Finding]) -> _Verdict:
        exclusion = self.scope.excluded.get(citem.id)
        if exclusion is not None:
            return _Verdict("not-applicable", "none",
                            [f"excluded from scope: {exclusion.justification}"])
        if entry is None:
            verdict = _Verdict("not-assessed", "none", ["not assessed: no evidence entry"])
        else:
            verdict = self._status_verdict(citem, entry, problems)
        waiver = self._waiver(citem.id, service)
        if waiver is None:
            return verdict
        # Certification auditors do not recognize waivers: the verdict stands; a waiver
        # only exempts the item from the CI gates.
        if not _approved(waiver):
            verdict.reasons.append("waiver not approved")
        elif waiver.expires < self.as_of:
            verdict.reasons.append(f"waiver expired {waiver.expires.isoformat()}")
            if verdict.result not in ("conformant", "not-applicable", "not-assessed"):
                verdict.klass = _worst(verdict.klass, self.rules.expired_waiver)
        else:
            verdict.reasons.append(
                f"waived until {waiver.expires.isoformat()} by {waiver.approved_by}")
        return verdict

    def _result(self, citem: CatalogItem, service: str | None, services: int) -> ItemResult:
        located = self.entries.get((citem.id, service))
        entry = located.value if located else None
        problems = self.by_subject.get((citem.id, service), [])
        verdict = self._verdict(citem, service, entry, problems)
        score_of = {"conformant": self.rules.scores.conformant,
                    "partially-conformant": self.rules.scores.partially_conformant,
                    "nonconformant": self.rules.scores.nonconformant}
        waiver = self._waiver(citem.id, service)
        info = _waiver_info(waiver, self.as_of) if waiver else None
        clauses_2011, clauses_2018, primary = self._clause_refs(citem)
        return ItemResult(
            item=citem.id, service=service, scenario=citem.scenario.id, title=citem.item.title,
            criticality=citem.item.criticality,
            clauses_2011=clauses_2011, clauses_2018=clauses_2018,
            status=entry.status if entry else None, result=verdict.result,
            finding_class=None if verdict.klass == "none" else verdict.klass,
            reasons=verdict.reasons, score=score_of.get(verdict.result),
            weight=getattr(self.rules.weights, citem.item.criticality) / services,
            owner=entry.owner if entry else None,
            reviewed=entry.reviewed.isoformat() if entry and entry.reviewed else None,
            notes=entry.notes if entry else None,
            justification=entry.justification if entry else None,
            evidence=[_evidence(ref) for ref in (entry.evidence if entry else [])],
            problems=problems,
            waiver=info, location=_location(located) if located else None,
            primary_2018=primary, evidence_checks=verdict.checks,
            waived=bool(info and info.active) and verdict.result != "not-applicable",
        )

    def _clause_refs(self, citem: CatalogItem) -> _ClauseRefs:
        """Both editions' clauses of an item and its primary clause, built once and shared
        by its services."""
        refs = self._refs.get(citem.id)
        if refs is None:
            tree11 = self.catalog.registry.tree("2011")
            tree18 = self.catalog.registry.tree("2018")
            primary = citem.primary_2018
            refs = ([CitedClause(id=c, title=tree11.clauses[c].title) for c in citem.clauses_2011],
                    [CitedClause(id=c, title=tree18.clauses[c].title) for c in citem.clauses_2018],
                    CitedClause(id=primary, title=tree18.clauses[primary].title))
            self._refs[citem.id] = refs
        return refs

    def results(self) -> list[ItemResult]:
        rows: list[ItemResult] = []
        for item_id, citem in self.catalog.items.items():
            services = self.scope.applicable_services(citem)
            if not services:
                continue
            if self.scope.per_service(item_id):
                rows.extend(self._result(citem, s.id, len(services)) for s in services)
            else:
                rows.append(self._result(citem, None, 1))
        return rows

    def report(self) -> Report:
        manifest = self.repo.manifest
        meta = Meta(
            organization=manifest.organization.name,
            organization_description=manifest.organization.description,
            title=manifest.assessment.title, date=manifest.assessment.date.isoformat(),
            assessor=manifest.assessment.assessor, reference=manifest.assessment.reference,
            as_of=self.as_of.isoformat(), tool=f"sms20k {__version__}",
            checklists=_checklists(self.catalog), content_version=content_version(),
        )
        return build_scores(self.results(), self.catalog, self.scope, self.rules, self.findings,
                            meta)


def _checklists(catalog: Catalog) -> str:
    custom = [s.scenario.id for s in catalog.scenarios if not s.builtin]
    builtin = any(s.builtin for s in catalog.scenarios)
    parts = [f"ISO/IEC TR 20000-9:2015 scenarios (sms20k built-in content {content_version()})"
             ] if builtin else []
    if custom:
        parts.append(f"custom scenarios {', '.join(custom)}")
    return "; ".join(parts)


def _evidence(ref: Reference) -> EvidenceRef:
    kind: Literal["path", "url", "record"]
    link: str | None
    if ref.path is not None:
        kind, link = "path", ref.path
    elif ref.url is not None:
        kind = "url"
        scheme = ref.url.split(":", 1)[0].lower()
        link = ref.url if scheme in URL_SCHEMES else None
    else:
        kind, link = "record", None
    return EvidenceRef(
        type=kind, target=ref.target, description=ref.description, kind=ref.kind,
        version=ref.version, approved=ref.approved.isoformat() if ref.approved else None,
        reviewed=ref.reviewed.isoformat() if ref.reviewed else None, link=link,
    )


def _waiver_info(waiver: Waiver, as_of: dt.date) -> WaiverInfo:
    expired = waiver.expires < as_of
    return WaiverInfo(reason=waiver.reason, approved_by=waiver.approved_by,
                      approved=waiver.approved.isoformat() if waiver.approved else None,
                      expires=waiver.expires.isoformat(), expired=expired,
                      active=_approved(waiver) and not expired)


def _location(located: Located[Entry]) -> Location:
    pos = located.doc.locate(located.loc)
    return Location(path=located.doc.display, line=pos.line if pos else None,
                    col=pos.col if pos else None)
