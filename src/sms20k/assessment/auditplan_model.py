"""The audit plan as sms20k prints it: objectives, scope, criteria, team, sessions, items.

Every format (Markdown, HTML, CSV, JSON) renders this one model, so they show the same plan.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, computed_field

from sms20k.modelbase import View

PLAN_FORMAT_VERSION = 2
KindState = Literal["provided", "stale", "missing", "unusable", "request"]


def spoken(minutes: int) -> str:
    """Minutes as people write them: "1 h 30 min", "45 min", "2 h"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


class Cited(BaseModel):
    id: str
    title: str


class Request(BaseModel):
    """One kind of evidence the item expects: what to ask for."""

    kind: str
    level: Literal["required", "supporting"]
    description: str
    max_age: str
    """The review cadence as people write it ("1 year")."""
    sampling: str | None


class KindStatus(BaseModel):
    """What the repository shows for one expected kind and one service (or the whole scope)."""

    kind: str
    state: KindState
    note: str
    """The state in words: "provided, dated 2026-10-08", "stale: … old, limit 1 year"."""
    references: list[str]


class ServiceStatus(BaseModel):
    service: str | None
    """None for an item assessed once for the whole scope."""
    status: str | None
    """The entry's status, or None when there is no entry."""
    owner: str | None
    notes: list[str]
    """For a not-applicable entry, the justification to check instead of evidence; also
    references that give no kind (they show none)."""
    evidence: list[KindStatus]
    """One per expected kind; empty for a not-applicable entry."""


class WaiverNote(BaseModel):
    service: str | None
    reason: str
    approved_by: str | None
    approved: str | None
    expires: str
    expired: bool

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The waiver in words; it changes nothing the auditor checks."""
        scope = f" for {self.service}" if self.service else ""
        by = f"by {self.approved_by}" if self.approved_by else "with no approver recorded"
        state = "expired" if self.expired else "in force"
        return f"Waived{scope} until {self.expires} {by} ({state}): {self.reason}"


class PlanItem(BaseModel):
    id: str
    title: str
    scenario: str
    criticality: Literal["high", "medium", "low"]
    primary_2018: Cited
    also_2018: list[str]
    """The other 2018 clauses the item serves."""
    clauses_2011: list[str]
    beside: str
    """The cross-references shown beside the item, in the edition chosen with --edition."""
    evidence: list[Request]
    services: list[ServiceStatus]
    """Empty in the generic plan; else one row per service the item is assessed for."""
    waivers: list[WaiverNote]
    questions: list[str]


class PlanClause(BaseModel):
    id: str
    title: str
    items: list[PlanItem]
    """The items whose primary clause this is."""
    also: list[str]
    """Items listed under another clause that serve this one too."""


class Auditee(BaseModel):
    name: str
    items: int


class Slot(BaseModel):
    day: int
    date: str
    start: str
    end: str


class Session(BaseModel):
    number: int
    kind: Literal["meeting", "process"]
    title: str
    covers: list[str]
    """The 2018 clause numbers of the process area ("8.1", "8.2"); empty for a meeting."""
    clauses: list[PlanClause]
    purpose: str | None
    auditees: list[Auditee]
    items: int
    weight: float
    minutes: int
    slots: list[Slot]
    """Days and times; empty unless the audit has a start date."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def time(self) -> str:
        """The minutes as people write them: "1 h 30 min"."""
        return spoken(self.minutes)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def when(self) -> str:
        """"Day 1 (2026-11-23) 09:30-10:30" (an en dash), one part per day it runs on."""
        return "; ".join(f"Day {s.day} ({s.date}) {s.start}\u2013{s.end}" for s in self.slots)


class ScopeService(BaseModel):
    id: str
    name: str
    categories: list[str]
    deployment_models: list[str]
    tenancy: list[str] | None = None
    infrastructure: list[str] | None = None
    description: str | None


class ScopeExclusion(BaseModel):
    id: str
    title: str
    justification: str


class PlanScope(BaseModel):
    organization: str | None
    description: str | None
    services: list[ScopeService]
    per_service: list[Cited]
    exclusions: list[ScopeExclusion]
    not_applicable: list[str]
    """Items that apply to no service in scope (by category and deployment model)."""
    items: int
    """How many items the plan covers."""


class Team(BaseModel):
    lead: str | None
    team: list[str]
    start: str | None
    end: str | None
    days: int
    hours_per_day: float
    available_minutes: int
    """Audit time left for the sessions once the opening and closing meetings are held."""
    planned_minutes: int
    overbooked: bool
    """True when every session's minimum of 15 minutes exceeds the time available."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def available(self) -> str:
        return spoken(self.available_minutes)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def planned(self) -> str:
        return spoken(self.planned_minutes)


class AuditPlanView(View):
    kind: Literal["audit-plan"] = "audit-plan"
    format_version: int = PLAN_FORMAT_VERSION
    edition: str
    """The edition whose clause numbers are shown beside each item; sessions follow 2018."""
    organization: str | None
    repository: str | None
    title: str | None
    as_of: str | None
    objectives: list[str]
    scope: PlanScope
    criteria: list[str]
    team: Team
    allocation: str
    """The rule the session times follow, in words."""
    repository_problems: int
    """Error-level problems the repository checks found (see `sms20k validate`)."""
    sessions: list[Session]
