"""The audit plan a lead auditor would use: objectives, scope and criteria, the audit team and
dates, and a schedule of sessions by process area. Each item appears once, under its primary
2018 clause, with the evidence to request and what the repository already shows for it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sms20k.assessment.auditplan_items import RepoFacts, owners, plan_item
from sms20k.assessment.auditplan_model import (
    Auditee,
    AuditPlanView,
    Cited,
    PlanClause,
    PlanItem,
    PlanScope,
    ScopeExclusion,
    ScopeService,
    Session,
    Team,
)
from sms20k.assessment.auditplan_schedule import (
    ALLOCATION,
    AREAS,
    CLOSING,
    DEFAULT_DAYS,
    DEFAULT_HOURS,
    OPENING,
    SLOT,
    allocate,
    area_of,
    last_day,
    place,
)
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.clauses import Edition, clause_sort_key
from sms20k.checklists.loader import content_version
from sms20k.evidence.models import AuditTeam
from sms20k.evidence.repo import Repository
from sms20k.evidence.rules import Weights
from sms20k.evidence.scope import ScopeIndex

__all__ = ["AuditPlanView", "build_plan"]

OPENING_PURPOSE = ("Introduce the team, confirm the objectives, scope, criteria and this "
                   "timetable with top management, and agree how findings will be reported.")
CLOSING_PURPOSE = ("Present the findings and the conclusion on the objectives to top "
                   "management, and agree the timescales for corrections and corrective action.")


def _merged(manifest: AuditTeam | None, override: AuditTeam | None) -> AuditTeam:
    """The manifest's ``assessment.audit`` block, each field replaced by the option given."""
    base = manifest or AuditTeam()
    if override is None:
        return base
    given = {k: v for k, v in override.model_dump().items() if v not in (None, [])}
    return base.model_copy(update=given)


def _objectives(repo: Repository | None, services: list[str]) -> list[str]:
    who = repo.manifest.organization.name if repo else "the cloud service provider"
    what = f" ({', '.join(services)})" if services else ""
    objectives = [
        f"Determine whether the service management system of {who} conforms to "
        f"ISO/IEC 20000-1:2018 for the cloud services in scope{what}.",
        "Evaluate whether the SMS is effective: whether it meets its service management "
        "objectives and the service requirements agreed with customers.",
    ]
    if repo is not None:
        engagement = repo.manifest.assessment
        objectives.append(
            f"Follow up the gap assessment \u201c{engagement.title}\u201d of "
            f"{engagement.date.isoformat()}: confirm which gaps are closed and which remain.")
    objectives.append("Judge whether the SMS is ready for a certification audit, and name "
                      "what must be done first.")
    return objectives


def _criteria(catalog: Catalog, repo: Repository | None) -> list[str]:
    custom = [s.scenario.id for s in catalog.scenarios if not s.builtin]
    content = (f"The sms20k checklist content {content_version()}"
               if any(s.builtin for s in catalog.scenarios) else "The organization's checklists")
    if custom:
        content += f", with the custom scenarios {', '.join(custom)}"
    docs = (f"listed as evidence in {repo.manifest_doc.display}" if repo else
            "that the organization names as evidence")
    return [
        "ISO/IEC 20000-1:2018, clauses 4 to 10: the requirements for a service management "
        "system.",
        "ISO/IEC TR 20000-9:2015 as guidance on applying ISO/IEC 20000-1 to cloud services; "
        "the checklist items follow its scenarios.",
        f"The organization's own SMS documentation (policies, plans, procedures, agreements) "
        f"{docs}.",
        "The legal, regulatory and contractual requirements the organization has identified "
        "for its services.",
        content + ".",
    ]


def _scope(catalog: Catalog, scope: ScopeIndex | None, items: int) -> PlanScope:
    if scope is None:
        return PlanScope(organization=None, description=None, services=[], per_service=[],
                         exclusions=[], not_applicable=[], items=items)
    manifest = scope.manifest

    def title(ref: str) -> str:
        found = catalog.items.get(ref)
        loaded = catalog.scenario(ref)
        return found.item.title if found else loaded.scenario.title if loaded else ref

    return PlanScope(
        organization=manifest.organization.name, description=manifest.organization.description,
        services=[ScopeService(id=s.id, name=s.name, categories=list(s.categories),
                               deployment_models=list(s.deployment_models),
                               tenancy=s.tenancy, infrastructure=s.infrastructure,
                               description=s.description) for s in manifest.scope.services],
        per_service=[Cited(id=ref, title=title(ref)) for ref in manifest.scope.per_service],
        exclusions=[ScopeExclusion(id=e.id, title=title(e.id), justification=e.justification)
                    for e in manifest.exclusions],
        not_applicable=[iid for iid, citem in catalog.items.items()
                        if iid not in scope.excluded and not scope.applicable_services(citem)],
        items=items)


def _team(chosen: AuditTeam) -> Team:
    days = chosen.days or DEFAULT_DAYS
    hours = chosen.hours_per_day or DEFAULT_HOURS
    available = (int(days * hours * 60) - OPENING - CLOSING) // SLOT * SLOT
    start = chosen.start
    return Team(lead=chosen.lead, team=list(chosen.team),
                start=start.isoformat() if start else None,
                end=last_day(start, days).isoformat() if start else None, days=days,
                hours_per_day=hours, available_minutes=available, planned_minutes=0,
                overbooked=False)


def _sessions(catalog: Catalog, items: dict[str, PlanItem], facts: RepoFacts | None,
              weights: Weights) -> list[Session]:
    tree = catalog.registry.tree("2018")
    also: dict[str, list[str]] = {}
    for item in items.values():
        for clause in item.also_2018:
            also.setdefault(clause, []).append(item.id)
    primaries = {i.primary_2018.id for i in items.values()}
    sessions = []
    for index, (title, covers) in enumerate(AREAS):
        leaves = sorted({c for c in (*tree.leaves, *primaries) if area_of(c) == index},
                        key=clause_sort_key)
        clauses = [PlanClause(id=leaf, title=tree.clauses[leaf].title,
                              items=[i for i in items.values() if i.primary_2018.id == leaf],
                              also=also.get(leaf, [])) for leaf in leaves]
        mine = [i for c in clauses for i in c.items]
        count: Counter[str] = Counter()
        for item in mine:
            count.update(owners(catalog.items[item.id], facts) if facts else ())
        weight = sum(getattr(weights, i.criticality) * max(1, len(i.services)) for i in mine)
        sessions.append(Session(
            number=index + 2, kind="process", title=title, covers=list(covers),
            clauses=clauses, purpose=None,
            auditees=[Auditee(name=n, items=k)
                      for n, k in sorted(count.items(), key=lambda p: (-p[1], p[0]))],
            items=len(mine), weight=weight, minutes=0, slots=[]))
    return sessions


def _meeting(number: int, title: str, purpose: str, minutes: int) -> Session:
    return Session(number=number, kind="meeting", title=title, covers=[], clauses=[],
                   purpose=purpose, auditees=[], items=0, weight=0, minutes=minutes, slots=[])


def _timed(sessions: list[Session], team: Team) -> tuple[list[Session], Team]:
    shares = allocate([s.weight for s in sessions], team.available_minutes // SLOT)
    opening = _meeting(1, "Opening meeting", OPENING_PURPOSE, OPENING)
    closing = _meeting(len(sessions) + 2, "Closing meeting", CLOSING_PURPOSE, CLOSING)
    timed = [opening, *(s.model_copy(update={"minutes": n * SLOT})
                        for s, n in zip(sessions, shares, strict=True)), closing]
    planned = sum(n * SLOT for n in shares)
    team = team.model_copy(update={"planned_minutes": planned,
                                   "overbooked": planned > team.available_minutes})
    if team.start is not None:
        day_minutes = int(team.hours_per_day * 60)
        placed = place([s.minutes for s in timed], dt.date.fromisoformat(team.start),
                       day_minutes)
        timed = [s.model_copy(update={"slots": slots})
                 for s, slots in zip(timed, placed, strict=True)]
    return timed, team


def build_plan(catalog: Catalog, edition: Edition, repo: Repository | None = None, *,
               as_of: dt.date | None = None, audit: AuditTeam | None = None) -> AuditPlanView:
    """The plan for ``repo`` judged as of ``as_of`` (default: the assessment date), or the
    generic plan without one; ``audit`` overrides the manifest's ``assessment.audit``."""
    from sms20k.asof import resolve_as_of

    scope = ScopeIndex(repo.manifest, catalog) if repo else None
    facts = None
    if repo is not None and scope is not None:
        as_of = resolve_as_of(as_of, default=repo.manifest.assessment.date)
        facts = RepoFacts.read(repo, scope, as_of)
    wanted = [citem for iid, citem in catalog.items.items()
              if scope is None or (iid not in scope.excluded and scope.applicable_services(citem))]
    items = {c.id: plan_item(c, catalog.registry, edition, facts) for c in wanted}
    weights = repo.manifest.rules.weights if repo else Weights()
    chosen = _merged(repo.manifest.assessment.audit if repo else None, audit)
    sessions, team = _timed(_sessions(catalog, items, facts, weights), _team(chosen))
    return AuditPlanView(
        edition=edition, organization=repo.manifest.organization.name if repo else None,
        repository=repo.manifest_doc.display if repo else None,
        title=repo.manifest.assessment.title if repo else None,
        as_of=as_of.isoformat() if facts and as_of else None,
        objectives=_objectives(repo, [s.name for s in repo.manifest.scope.services]
                               if repo else []),
        scope=_scope(catalog, scope, len(items)), criteria=_criteria(catalog, repo),
        team=team, allocation=ALLOCATION, repository_problems=facts.errors if facts else 0,
        sessions=sessions)
