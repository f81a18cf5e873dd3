"""The assessment report: the result model, and the JSON format of ``assess -f json``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sms20k.assessment.finding_model import AuditFinding as AuditFinding
from sms20k.assessment.finding_model import CitedClause as CitedClause
from sms20k.assessment.finding_model import Coverage as Coverage
from sms20k.assessment.finding_model import Effectiveness as Effectiveness
from sms20k.assessment.finding_model import EvidenceCheck as EvidenceCheck
from sms20k.assessment.finding_model import EvidenceState as EvidenceState
from sms20k.assessment.finding_model import FindingClass as FindingClass
from sms20k.assessment.finding_model import FindingItem as FindingItem
from sms20k.assessment.finding_model import PlannedAction as PlannedAction
from sms20k.assessment.finding_model import Result as Result
from sms20k.assessment.finding_model import Score as Score
from sms20k.findings import Finding, label
from sms20k.findings import Location as Location
from sms20k.modelbase import View

REPORT_FORMAT_VERSION = 2
"""2: not-assessed results have no class and no score, waived results keep their verdict,
audit findings consolidate item results, coverage and repository problems are reported apart.
Reports of format 1 are still read (``diff``, ``--baseline``)."""

RESULTS: tuple[Result, ...] = (
    "conformant", "partially-conformant", "nonconformant", "not-applicable", "waived",
    "not-assessed",
)
FINDING_CLASSES: tuple[FindingClass, ...] = ("major", "minor", "observation", "ofi")
CLASS_RANK: dict[str, int] = {k: n for n, k in enumerate(FINDING_CLASSES)}
"""0 for the worst class (major); sorting by it puts the worst first."""
CLASS_LABELS: dict[str, str] = {
    "major": "Major nonconformity",
    "minor": "Minor nonconformity",
    "observation": "Observation",
    "ofi": "Opportunity for improvement",
}
RESULT_LABELS: dict[str, str] = {
    "conformant": "Conformant",
    "partially-conformant": "Partially conformant",
    "nonconformant": "Nonconformant",
    "not-applicable": "Not applicable",
    "waived": "Waived",
    "not-assessed": "Not assessed",
}


# A baseline report.json is input from a pull request too: no score outside 0..100, no NaN.
ScoreChange = Annotated[float, Field(ge=-100, le=100, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)


class EvidenceRef(_Model):
    type: Literal["path", "url", "record"]
    target: str
    description: str
    kind: str | None
    version: str | None
    approved: str | None
    reviewed: str | None
    link: str | None
    """A safe href: a path relative to the report directory, or an http(s)/mailto URL."""


class WaiverInfo(_Model):
    reason: str
    approved_by: str | None
    approved: str | None
    expires: str
    expired: bool
    active: bool = False
    """Approved and not expired: the item is exempt from the CI gates (never from findings)."""


class ItemResult(_Model):
    item: str
    service: str | None
    scenario: str
    title: str
    criticality: Literal["high", "medium", "low"]
    clauses_2011: list[CitedClause]
    clauses_2018: list[CitedClause]
    status: str | None
    result: Result
    finding_class: FindingClass | None
    reasons: list[str]
    score: Score | None
    weight: Weight
    owner: str | None
    reviewed: str | None
    notes: str | None
    justification: str | None
    evidence: list[EvidenceRef]
    problems: list[Finding]
    waiver: WaiverInfo | None
    location: Location | None
    primary_2018: CitedClause | None = None
    evidence_checks: list[EvidenceCheck] = Field(default_factory=list)
    waived: bool = False
    """Under an active waiver: exempt from the CI gates, judged and counted all the same."""
    references: list[str] = Field(default_factory=list)
    """Sections of the cloud companion standards the item relates to (``ISO/IEC 27017:2015
    CLD.9.5.1``), numbers only."""
    recommendation: str | None = None
    """The checklist's recommendation for the entry's status (partial, planned or
    not-implemented) when the result is a finding; None otherwise."""

    @property
    def label(self) -> str:
        return label(self.item, self.service)

    @property
    def assessed(self) -> bool:
        return self.result != "not-assessed"


class Counts(_Model):
    results: dict[str, int]
    classes: dict[str, int]


class ScenarioScore(_Model):
    id: str
    section: str | None
    title: str
    score: Score | None
    items: int
    counts: Counts
    assessed: int | None = None
    """Results that were assessed (None in reports of format 1)."""


class ClauseScore(_Model):
    id: str
    title: str
    parent: str | None
    depth: int
    leaf: bool
    score: Score | None
    items: int
    counts: Counts


class Gap(_Model):
    rank: int
    item: str
    service: str | None
    title: str
    finding_class: FindingClass
    criticality: str
    clauses: int
    reason: str
    notes: str | None = None
    missing: list[str] = Field(default_factory=list)

    @property
    def label(self) -> str:
        return label(self.item, self.service)


class ServiceInfo(_Model):
    id: str
    name: str
    categories: list[str]
    deployment_models: list[str]
    tenancy: list[str] | None = None
    infrastructure: list[str] | None = None


class ExclusionInfo(_Model):
    id: str
    title: str
    justification: str
    items: list[str]


class ReportScope(_Model):
    role: str
    services: list[ServiceInfo]
    per_service: list[str]
    exclusions: list[ExclusionInfo]
    not_applicable: list[str] = Field(default_factory=list)
    """Items no service in scope needs, by its categories, deployment models, tenancy or
    infrastructure (an exclusion, by contrast, is the organization's decision)."""


class Meta(_Model):
    organization: str
    organization_description: str | None
    title: str
    date: str
    assessor: str
    reference: str | None
    as_of: str
    tool: str
    checklists: str
    content_version: str | None = None


class Summary(_Model):
    score: Score | None
    items_in_scope: int
    assessed: int
    counts: Counts
    validation_errors: int
    validation_warnings: int
    coverage: Coverage | None = None
    findings: dict[str, int] = Field(default_factory=dict)
    """Audit findings by grade (major, minor, observation, ofi)."""
    waived: int = 0
    repository_errors: int = 0
    repository_warnings: int = 0
    gated_findings: dict[str, int] = Field(default_factory=dict)
    """The findings the CI gates count: those of results not under an active waiver."""
    gated_score: Score | None = None
    actions: dict[str, int] = Field(default_factory=dict)
    """Corrective action plan rows by state: open, overdue, implemented, closed, missing."""


class GateOutcome(_Model):
    gate: str
    passed: bool
    message: str


class ScoreDelta(_Model):
    id: str
    title: str
    old: Score | None
    new: Score | None
    delta: ScoreChange | None


class Change(_Model):
    item: str
    service: str | None
    title: str
    old_result: str | None
    new_result: str | None
    old_class: str | None
    new_class: str | None

    @property
    def label(self) -> str:
        return label(self.item, self.service)


class Delta(View):
    """What changed between two assessments (``sms20k diff``, ``assess --baseline``)."""

    kind: Literal["diff"] = "diff"
    old: str
    new: str
    overall: ScoreDelta
    scenarios: list[ScoreDelta]
    improved: list[Change]
    regressed: list[Change]
    new_findings: list[Change]
    resolved_findings: list[Change]

    @property
    def regression(self) -> bool:
        return bool(self.regressed or self.new_findings)


class Report(View):
    """The assessment result. Its JSON form is the report format (``sms20k schema report``)."""

    kind: Literal["assessment"] = "assessment"
    format_version: int = REPORT_FORMAT_VERSION
    meta: Meta
    scope: ReportScope
    rules: dict[str, object]
    summary: Summary
    scenarios: list[ScenarioScore]
    clauses_2011: list[ClauseScore]
    clauses_2018: list[ClauseScore]
    gaps: list[Gap]
    results: list[ItemResult]
    validation: list[Finding]
    findings: list[AuditFinding] = Field(default_factory=list)
    actions: list[PlannedAction] = Field(default_factory=list)
    """The corrective action plan, worst grade first, then by due date."""
    gates: list[GateOutcome] = Field(default_factory=list)
    baseline: Delta | None = None
