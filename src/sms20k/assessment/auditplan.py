"""The audit plan: per clause, the items that serve it, the evidence to request (and what the
repository already provides), the interview questions and sampling notes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.clauses import Edition
from sms20k.duration import parse_duration
from sms20k.evidence.models import Entry
from sms20k.evidence.repo import Repository
from sms20k.modelbase import View


class Provided(BaseModel):
    service: str | None
    type: Literal["path", "url", "record"]
    target: str
    description: str
    reviewed: str | None


class EvidenceRequest(BaseModel):
    kind: str
    description: str
    cadence: str
    sampling: str | None
    provided: list[Provided]
    missing: bool


class PlanItem(BaseModel):
    id: str
    title: str
    scenario: str
    criticality: str
    status: list[str]
    evidence: list[EvidenceRequest]
    questions: list[str]


class PlanClause(BaseModel):
    id: str
    title: str
    items: list[PlanItem]


class AuditPlanView(View):
    kind: Literal["audit-plan"] = "audit-plan"
    edition: str
    organization: str | None
    repository: str | None
    clauses: list[PlanClause]


def _provided(entries: list[Entry], kind: str, only_kind: bool) -> list[Provided]:
    rows = []
    for entry in entries:
        for ref in entry.evidence:
            if only_kind and ref.kind not in (None, kind):
                continue
            rows.append(Provided(service=entry.service, type="path" if ref.path else
                                 "url" if ref.url else "record", target=ref.target,
                                 description=ref.description,
                                 reviewed=ref.dated.isoformat() if ref.dated else None))
    return rows


def _sampling(kind: str, cadence: str) -> str | None:
    if kind not in ("record", "report", "register"):
        return None
    d = parse_duration(cadence)
    units = [(d.years, "year"), (d.months, "month"), (d.weeks, "week"), (d.days, "day")]
    period = " ".join(f"{n} {unit}{'s' * (n != 1)}" for n, unit in units if n)
    return f"Sample 3 {kind}s dated within the last {period}."


def _plan_item(citem: CatalogItem, entries: list[Entry], with_repo: bool) -> PlanItem:
    item = citem.item
    kinds = {e.kind for e in item.evidence}
    typed = any(ref.kind in kinds for entry in entries for ref in entry.evidence)
    requests = []
    for expected in item.evidence:
        provided = _provided(entries, expected.kind, only_kind=typed) if with_repo else []
        requests.append(EvidenceRequest(kind=expected.kind, description=expected.description,
                                        cadence=expected.cadence,
                                        sampling=expected.sampling or _sampling(expected.kind,
                                                                                expected.cadence),
                                        provided=provided, missing=with_repo and not provided))
    status = [f"{e.service}: {e.status}" if e.service else e.status for e in entries]
    return PlanItem(id=item.id, title=item.title, scenario=citem.scenario.id,
                    criticality=item.criticality, status=status, evidence=requests,
                    questions=list(item.questions))


def build_plan(catalog: Catalog, edition: Edition, repo: Repository | None = None) -> AuditPlanView:
    entries: dict[str, list[Entry]] = {}
    excluded: set[str] = set()
    if repo is not None:
        from sms20k.evidence.scope import ScopeIndex

        for located in repo.entries:
            entries.setdefault(located.value.item, []).append(located.value)
        scope = ScopeIndex(repo.manifest, catalog)
        excluded = set(scope.excluded) | {
            iid for iid, citem in catalog.items.items() if not scope.applicable_services(citem)}
    plan_items = {iid: _plan_item(citem, entries.get(iid, []), repo is not None)
                  for iid, citem in catalog.items.items() if iid not in excluded}
    tree = catalog.registry.tree(edition)
    clauses = []
    for leaf in tree.leaves:
        items = [plan_items[iid] for iid in catalog.direct_items(edition, leaf)
                 if iid in plan_items]
        clauses.append(PlanClause(id=leaf, title=tree.clauses[leaf].title, items=items))
    return AuditPlanView(
        edition=edition,
        organization=repo.manifest.organization.name if repo else None,
        repository=repo.manifest_doc.display if repo else None, clauses=clauses)
