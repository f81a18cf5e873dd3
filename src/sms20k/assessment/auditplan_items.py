"""One item of the audit plan: what to request, and what the repository already shows.

Whether a kind of evidence is provided, stale, missing or unusable is decided only by the
rule the verdicts use (``assessment.evidence_check``), so the plan and the report agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sms20k import codes
from sms20k.assessment.auditplan_model import (
    Cited,
    KindStatus,
    PlanItem,
    Request,
    ServiceStatus,
    WaiverNote,
)
from sms20k.assessment.evidence_check import UNUSABLE, check_evidence, untyped
from sms20k.assessment.model import EvidenceCheck
from sms20k.checklists.catalog import CatalogItem
from sms20k.checklists.clauses import Edition, Registry
from sms20k.duration import Duration, age, human, parse_duration
from sms20k.evidence.checks import Checker
from sms20k.evidence.models import Entry, Waiver
from sms20k.evidence.repo import Repository
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, Level

# Statuses under which the consultant has not judged the item yet: ask for everything.
UNJUDGED = (None, "not-assessed")
SAMPLED_KINDS = ("record", "report", "register")


@dataclass(frozen=True)
class RepoFacts:
    """What the plan reads from an evidence repository, checked as of one date."""

    scope: ScopeIndex
    entries: dict[tuple[str, str | None], Entry]
    problems: dict[tuple[str | None, str | None], list[Finding]]
    waivers: dict[str, list[Waiver]]
    """By item, in file order."""
    as_of: dt.date
    max_age: Duration | None
    errors: int

    @classmethod
    def read(cls, repo: Repository, scope: ScopeIndex, as_of: dt.date) -> RepoFacts:
        findings = Checker(repo, scope.catalog, as_of).run()
        problems: dict[tuple[str | None, str | None], list[Finding]] = {}
        for finding in findings:
            problems.setdefault((finding.item, finding.service), []).append(finding)
        entries: dict[tuple[str, str | None], Entry] = {}
        for located in repo.entries:
            entries.setdefault((located.value.item, located.value.service), located.value)
        waivers: dict[str, list[Waiver]] = {}
        for waiver in repo.waivers:
            waivers.setdefault(waiver.value.item, []).append(waiver.value)
        age_limit = repo.manifest.options.max_evidence_age
        return cls(scope=scope, entries=entries, problems=problems, waivers=waivers, as_of=as_of,
                   max_age=parse_duration(age_limit) if age_limit else None,
                   errors=sum(1 for f in findings if f.level is Level.ERROR))

    def services(self, citem: CatalogItem) -> list[str | None]:
        """The services an item is assessed for: each applicable one, or the whole scope."""
        if self.scope.per_service(citem.id):
            return [s.id for s in self.scope.applicable_services(citem)]
        return [None]

    def limit(self, citem: CatalogItem, kind: str) -> Duration:
        """The age limit the repository check applies to ``kind``: the item's longest cadence
        for that kind, capped by ``options.max_evidence_age``."""
        cadences = [parse_duration(e.cadence) for e in citem.item.evidence if e.kind == kind]
        longest = max(cadences, key=Duration.approx_days)
        if self.max_age is not None and self.max_age.approx_days() < longest.approx_days():
            return self.max_age
        return longest


def sampling(kind: str, cadence: str) -> str | None:
    """The default sampling note for evidence that comes as a series of dated documents."""
    if kind not in SAMPLED_KINDS:
        return None
    return f"Sample 3 {kind}s dated within the last {human(cadence)}."


def requests(citem: CatalogItem) -> list[Request]:
    return [Request(kind=e.kind, level=e.level, description=e.description,
                    max_age=human(e.cadence), sampling=e.sampling or sampling(e.kind, e.cadence))
            for e in citem.item.evidence]


def _note(check: EvidenceCheck, entry: Entry, facts: RepoFacts, citem: CatalogItem) -> str:
    if check.state == "provided":
        return f"provided, dated {check.dated}" if check.dated else "provided (undated)"
    if check.state == "stale":
        limit = human(facts.limit(citem, check.kind))
        day = dt.date.fromisoformat(check.dated) if check.dated else entry.reviewed
        if day is None:
            return f"stale since {check.stale_since}, limit {limit}"
        return f"stale: {age(day, facts.as_of)} old, limit {limit}"
    if check.state == "unusable":
        return "unusable: broken reference (sms20k validate shows it)"
    return "missing"


def _marks(problems: list[Finding]) -> dict[int, str]:
    """Reference index -> " (stale)" or " (broken)", to show which reference is at fault."""
    marks: dict[int, str] = {}
    for finding in problems:
        if finding.evidence is None:
            continue
        if finding.code == codes.EVIDENCE_STALE.code:
            marks.setdefault(finding.evidence, " (stale)")
        elif finding.code in UNUSABLE and finding.level is Level.ERROR:
            marks[finding.evidence] = " (broken)"
    return marks


def _kind(check: EvidenceCheck, entry: Entry, facts: RepoFacts, citem: CatalogItem,
          marks: dict[int, str]) -> KindStatus:
    targets = [entry.evidence[n].target + marks.get(n, "") for n in check.references]
    if check.state == "missing" and entry.status in UNJUDGED:
        return KindStatus(kind=check.kind, state="request", note="request", references=[])
    return KindStatus(kind=check.kind, state=check.state,
                      note=_note(check, entry, facts, citem), references=targets)


def _service(citem: CatalogItem, service: str | None, facts: RepoFacts) -> ServiceStatus:
    entry = facts.entries.get((citem.id, service))
    if entry is None:
        return ServiceStatus(service=service, status=None, owner=None, notes=[], evidence=[
            KindStatus(kind=e.kind, state="request", note="request", references=[])
            for e in citem.item.evidence])
    if entry.status == "not-applicable":
        why = entry.justification or "none given"
        return ServiceStatus(service=service, status=entry.status, owner=entry.owner,
                             notes=[f"check the not-applicable justification: {why}"],
                             evidence=[])
    problems = facts.problems.get((citem.id, service), [])
    checks = check_evidence(citem.item, entry.evidence, problems)
    notes = []
    if loose := untyped(entry.evidence):
        many = loose != 1
        notes.append(f"{loose} reference{'s' * many} give{'s' * (not many)} no kind, so "
                     f"{'they show' if many else 'it shows'} none of the kinds expected")
    return ServiceStatus(service=service, status=entry.status, owner=entry.owner, notes=notes,
                         evidence=[_kind(c, entry, facts, citem, _marks(problems))
                                   for c in checks])


def _waivers(citem: CatalogItem, facts: RepoFacts) -> list[WaiverNote]:
    return [WaiverNote(service=w.service, reason=w.reason, approved_by=w.approved_by,
                       approved=w.approved.isoformat() if w.approved else None,
                       expires=w.expires.isoformat(), expired=w.expires < facts.as_of)
            for w in facts.waivers.get(citem.id, ())]


def _beside(citem: CatalogItem, edition: Edition) -> str:
    if edition == "2011":
        return "2011: " + ", ".join(citem.clauses_2011)
    others = [c for c in citem.clauses_2018 if c != citem.primary_2018]
    return "also 2018: " + ", ".join(others) if others else ""


def plan_item(citem: CatalogItem, registry: Registry, edition: Edition,
              facts: RepoFacts | None) -> PlanItem:
    primary = citem.primary_2018
    title = registry.tree("2018").clauses[primary].title
    return PlanItem(
        id=citem.id, title=citem.item.title, scenario=citem.scenario.id,
        criticality=citem.item.criticality, primary_2018=Cited(id=primary, title=title),
        also_2018=[c for c in citem.clauses_2018 if c != primary],
        clauses_2011=list(citem.clauses_2011), beside=_beside(citem, edition),
        evidence=requests(citem),
        services=[_service(citem, s, facts) for s in facts.services(citem)] if facts else [],
        waivers=_waivers(citem, facts) if facts else [], questions=list(citem.item.questions))


def owners(citem: CatalogItem, facts: RepoFacts) -> set[str]:
    """Who owns the item's entries or their evidence: the people to interview."""
    names: set[str] = set()
    for service in facts.services(citem):
        entry = facts.entries.get((citem.id, service))
        if entry is not None:
            names.update(n for n in (entry.owner, *(r.owner for r in entry.evidence)) if n)
    return names
