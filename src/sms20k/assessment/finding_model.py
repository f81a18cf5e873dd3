"""The audit-finding part of the report model: evidence checks, findings and coverage.

Kept apart from the rest of the report model only for size; ``sms20k.assessment.model``
re-exports every name.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sms20k.findings import Location, label

Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
FindingClass = Literal["major", "minor", "observation", "ofi"]
Result = Literal[
    "conformant", "partially-conformant", "nonconformant", "not-applicable", "waived",
    "not-assessed",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)


class CitedClause(_Model):
    id: str
    title: str


EvidenceState = Literal["provided", "stale", "missing", "unusable"]


class EvidenceCheck(_Model):
    """One kind of evidence a checklist item expects, and whether the entry shows it."""

    kind: str
    level: Literal["required", "supporting"]
    description: str
    cadence: str
    state: EvidenceState
    references: list[int]
    """Indexes into the result's ``evidence`` of the references of this kind."""
    dated: str | None
    """The latest review or approval date among the usable references of this kind."""
    stale_since: str | None


class FindingItem(_Model):
    """An item result cited as objective evidence of an audit finding."""

    item: str
    service: str | None
    scenario: str
    title: str
    finding_class: FindingClass | None
    """None for an item whose only part in the finding is citing a changed document."""
    result: Result
    reasons: list[str]
    notes: str | None
    evidence: list[str]
    """The references the assessor saw, as ``description (target)``."""
    missing: list[str]
    """The expected evidence not shown (or stale, or unusable), in words."""
    waived: bool

    @property
    def label(self) -> str:
        return label(self.item, self.service)


class AuditFinding(_Model):
    """One finding per requirement not met, with the item results as its objective evidence."""

    id: str
    """Stable across runs: ``F-<2018 clause>``, ``OFI-<2018 clause>`` or ``DC-<digest>``."""
    kind: Literal["requirement", "improvement", "document-control"]
    grade: FindingClass
    worst_item: FindingClass
    raised: str | None
    """Why the grade is above the worst item's class (a systemic failure), else None."""
    clause: CitedClause
    clauses_2011: list[CitedClause]
    statement: str
    requirement: str
    evidence_seen: list[str]
    missing: list[str]
    services: list[str]
    scenarios: list[str]
    items: list[FindingItem]
    document: str | None = None
    recommendations: list[str] = Field(default_factory=list)
    """The checklist's recommendations for the items' statuses, worst item first."""
    waived: bool
    """Every item of the finding is under an active waiver."""
    actions: list[str] = Field(default_factory=list)
    """Ids of the corrective actions recorded against it (``Report.actions``)."""


class Coverage(_Model):
    assessed: int
    in_scope: int
    percent: Score | None
    not_assessed_scenarios: list[str]


PlanStatus = Literal["open", "in-progress", "implemented", "closed", "none"]


class Effectiveness(_Model):
    reviewed: str
    by: str | None
    effective: bool
    notes: str | None


class PlannedAction(_Model):
    """One row of the corrective action plan: a recorded action, or a nonconformity that has
    none yet (``status: none``)."""

    id: str | None
    """The action's id (given, else ``<finding or item>#<n>``); None on a nonconformity's row
    that has no action."""
    finding: str | None
    """The audit finding it answers in this assessment; None when none is raised."""
    grade: FindingClass | None
    """The finding's grade; None when the action answers no current finding."""
    clause: CitedClause | None
    statement: str
    """The finding's statement, or for an action with no current finding, why."""
    item: str | None
    service: str | None
    correction: str | None
    root_cause: str | None
    corrective_action: str | None
    owner: str | None
    due: str | None
    status: PlanStatus
    ticket: str | None
    ticket_link: str | None
    """The ticket as a safe http(s) link, when it is one."""
    completed: str | None
    effectiveness: Effectiveness | None
    overdue: bool
    """Open or in progress, with a due date before the as-of date."""
    days_overdue: int | None
    state: str
    """The row's state in words, for people: "overdue by 12 days", "awaiting effectiveness
    review", "no corrective action recorded"."""
    location: Location | None
