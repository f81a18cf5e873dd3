"""Join scope, entries, validation findings and waivers into one result per item (and service).

No I/O and no formatting here: the engine takes loaded data and returns the Report model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from sms20k import __version__
from sms20k.assessment.action_plan import plan
from sms20k.assessment.model import (
    CitedClause,
    EvidenceRef,
    ItemResult,
    Location,
    Meta,
    Report,
    WaiverInfo,
)
from sms20k.assessment.scoring import build_scores
from sms20k.assessment.verdicts import (
    Verdict,
    WaiverIndex,
    apply_waiver,
    approved,
    status_verdict,
)
from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.loader import content_version, load_companion
from sms20k.evidence.limits import check_results
from sms20k.evidence.models import Entry, Reference, Waiver
from sms20k.evidence.references import URL_SCHEMES
from sms20k.evidence.repo import Located, Repository
from sms20k.evidence.rules import Rules
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding

_ClauseRefs = tuple[list[CitedClause], list[CitedClause], CitedClause]


class Engine:
    def __init__(self, repo: Repository, catalog: Catalog, findings: Iterable[Finding],
                 as_of: dt.date, rules: Rules) -> None:
        self.repo = repo
        self.catalog = catalog
        self.as_of = as_of
        self.rules = rules
        self.scope = ScopeIndex(repo.manifest, catalog)
        self.companion = load_companion()
        check_results(self.scope, repo.manifest_doc)
        self.findings = list(findings)
        self.by_subject: dict[tuple[str | None, str | None], list[Finding]] = {}
        for finding in self.findings:
            self.by_subject.setdefault((finding.item, finding.service), []).append(finding)
        self._refs: dict[str, _ClauseRefs] = {}
        self._cited: dict[str, list[str]] = {}
        self.score_of = {"conformant": rules.scores.conformant,
                         "partially-conformant": rules.scores.partially_conformant,
                         "nonconformant": rules.scores.nonconformant}
        self.entries: dict[tuple[str, str | None], Located[Entry]] = {}
        for located in repo.entries:
            self.entries.setdefault((located.value.item, located.value.service), located)
        self.waivers = WaiverIndex(w.value for w in repo.waivers)

    def _verdict(self, citem: CatalogItem, entry: Entry | None, problems: list[Finding],
                 waiver: Waiver | None) -> Verdict:
        exclusion = self.scope.excluded.get(citem.id)
        if exclusion is not None:
            return Verdict("not-applicable", "none",
                           [f"excluded from scope: {exclusion.justification}"])
        if entry is None:
            verdict = Verdict("not-assessed", "none", ["not assessed: no evidence entry"])
        else:
            verdict = status_verdict(citem, entry, problems, self.rules)
        return apply_waiver(verdict, waiver, self.as_of, self.rules)

    def _result(self, citem: CatalogItem, service: str | None, services: int) -> ItemResult:
        located = self.entries.get((citem.id, service))
        entry = located.value if located else None
        problems = self.by_subject.get((citem.id, service), [])
        waiver = self.waivers.find(citem.id, service)
        verdict = self._verdict(citem, entry, problems, waiver)
        info = _waiver_info(waiver, self.as_of) if waiver else None
        clauses_2011, clauses_2018, primary = self._clause_refs(citem)
        return ItemResult(
            item=citem.id, service=service, scenario=citem.scenario.id, title=citem.item.title,
            criticality=citem.item.criticality,
            clauses_2011=clauses_2011, clauses_2018=clauses_2018,
            status=entry.status if entry else None, result=verdict.result,
            finding_class=None if verdict.klass == "none" else verdict.klass,
            reasons=verdict.reasons, score=self.score_of.get(verdict.result),
            weight=getattr(self.rules.weights, citem.item.criticality) / services,
            owner=entry.owner if entry else None,
            reviewed=entry.reviewed.isoformat() if entry and entry.reviewed else None,
            notes=entry.notes if entry else None,
            justification=entry.justification if entry else None,
            evidence=[_evidence(ref) for ref in (entry.evidence if entry else [])],
            problems=problems,
            waiver=info, location=_location(located) if located else None,
            primary_2018=primary, evidence_checks=verdict.checks,
            waived=bool(info and info.active)
            and verdict.result not in ("not-applicable", "not-assessed"),
            references=self._citations(citem),
            recommendation=_recommendation(citem, entry.status if entry else None)
            if verdict.klass != "none" else None,
        )

    def _citations(self, citem: CatalogItem) -> list[str]:
        """The item's companion references, cited once per item (the model copies the list)."""
        found = self._cited.get(citem.id)
        if found is None:
            refs = self.companion.refs
            found = self._cited[citem.id] = [refs[key].citation for key in citem.item.references
                                             if key in refs]
        return found

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
        report = build_scores(self.results(), self.catalog, self.scope, self.rules,
                              self.findings, meta)
        return plan(report, self.repo.actions, self.as_of)


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
                      active=approved(waiver) and not expired)


def _location(located: Located[Entry]) -> Location:
    pos = located.doc.locate(located.loc)
    return Location(path=located.doc.display, line=pos.line if pos else None,
                    col=pos.col if pos else None)


def _recommendation(citem: CatalogItem, status: str | None) -> str | None:
    """What the checklist recommends for an item found in ``status``."""
    given = citem.item.recommendations
    if given is None:
        return None
    return {"partial": given.partial, "planned": given.planned,
            "not-implemented": given.not_implemented}.get(status or "")
