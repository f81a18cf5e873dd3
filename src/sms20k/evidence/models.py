"""Pydantic models of ``sms20k.yaml`` and the evidence files it includes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from sms20k.asof import LAST_AUDIT_START, MAX_AUDIT_DAYS
from sms20k.checklists.models import (
    DeploymentModel,
    EvidenceKind,
    Infrastructure,
    ServiceCategory,
    Tenancy,
)
from sms20k.duration import parse_duration
from sms20k.evidence.actions import Action
from sms20k.evidence.policy import Policy
from sms20k.evidence.rules import Rules
from sms20k.modelbase import InputModel

FORMAT_VERSION = 1
Status = Literal["implemented", "partial", "planned", "not-implemented", "not-applicable",
                 "not-assessed"]
STATUSES: tuple[Status, ...] = (
    "implemented", "partial", "planned", "not-implemented", "not-applicable", "not-assessed",
)
# What an expired waiver is reported as: the level of a finding, as users write it.
WaiverLevel = Literal["error", "warning"]


def _duration(value: str) -> str:
    parse_duration(value)
    return value


Text = Annotated[str, Field(min_length=1)]
DurationText = Annotated[str, AfterValidator(_duration)]
ServiceId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")]


class Organization(InputModel):
    name: Text
    description: Text | None = None


MAX_HOURS_PER_DAY = 12


class AuditTeam(InputModel):
    """``assessment.audit``: who audits and when, for the audit plan; every field optional."""

    lead: Text | None = None
    team: list[Text] = Field(default=[], max_length=50)
    # The plan lays up to MAX_AUDIT_DAYS working days from the start; later dates overflow.
    start: dt.date | None = Field(default=None, le=LAST_AUDIT_START)
    days: int | None = Field(default=None, ge=1, le=MAX_AUDIT_DAYS)
    # Quarter hours, so that the plan's 15-minute slots fill a day exactly.
    hours_per_day: float | None = Field(default=None, ge=2, le=MAX_HOURS_PER_DAY,
                                        multiple_of=0.25)


class Engagement(InputModel):
    """The ``assessment:`` block of sms20k.yaml: who assesses, when, under what title."""

    title: Text
    date: dt.date
    assessor: Text
    reference: Text | None = None
    audit: AuditTeam | None = None


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


class Service(InputModel):
    id: ServiceId
    name: Text
    categories: list[ServiceCategory] = Field(min_length=1)
    deployment_models: list[DeploymentModel] = Field(min_length=1)
    # One value or a list (a service may offer dedicated and shared plans); left out, no item
    # is scoped out on it.
    tenancy: Annotated[list[Tenancy], BeforeValidator(_one_or_many),
                       Field(min_length=1)] | None = None
    infrastructure: Annotated[list[Infrastructure], BeforeValidator(_one_or_many),
                              Field(min_length=1)] | None = None
    description: Text | None = None


class DeclaredScope(InputModel):
    """The ``scope:`` block of sms20k.yaml: the services the organization puts in scope."""

    role: Literal["cloud-service-provider"]
    services: list[Service] = Field(min_length=1)
    per_service: list[Text] = []


class Exclusion(InputModel):
    id: Text
    justification: Text


class Options(InputModel):
    max_evidence_age: DurationText | None = None
    expired_waivers: WaiverLevel = "error"
    builtin_checklists: bool = True


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class RepeatedModel(InputModel):
    """A model read once per entry: models that were given the same fields share one set of
    their names (pydantic keeps one per model, the largest part of it at 100k entries).

    Sharing is safe because the models are frozen and ``model_copy`` copies the set first.
    """

    def model_post_init(self, context: Any, /) -> None:
        given = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


class Reference(RepeatedModel):
    path: str | None = None
    url: str | None = None
    record: str | None = None
    description: Text
    kind: EvidenceKind | None = None
    version: Text | None = None
    owner: Text | None = None
    approver: Text | None = None
    approved: dt.date | None = None
    reviewed: dt.date | None = None
    sha256: Sha256 | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Reference:
        given = [name for name in ("path", "url", "record") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "reference_target",
                "a reference needs exactly one of path, url or record (found {found})",
                {"found": ", ".join(given) or "none"},
            )
        if self.sha256 is not None and self.path is None:
            raise PydanticCustomError("reference_sha", "sha256 only applies to a path", {})
        return self

    @property
    def target(self) -> str:
        return self.path or self.url or self.record or ""

    @property
    def dated(self) -> dt.date | None:
        return self.reviewed or self.approved


class Entry(RepeatedModel):
    item: Text
    service: Text | None = None
    status: Status
    owner: Text | None = None
    reviewed: dt.date | None = None
    notes: Text | None = None
    justification: Text | None = None
    evidence: list[Reference] = []


class Waiver(RepeatedModel):
    item: Text
    service: Text | None = None
    reason: Text
    approved_by: Text | None = None
    approved: dt.date | None = None
    expires: dt.date


class EvidenceFile(InputModel):
    version: Literal[1] | None = None
    entries: list[Entry] = []
    waivers: list[Waiver] = []
    actions: list[Action] = []


class Manifest(InputModel):
    version: Literal[1]
    organization: Organization
    assessment: Engagement
    scope: DeclaredScope
    exclusions: list[Exclusion] = []
    options: Options = Options()
    checklists: list[Text] = []
    include: list[Text] = []
    rules: Rules = Rules()
    policy: Policy = Policy()
    entries: list[Entry] = []
    waivers: list[Waiver] = []
    actions: list[Action] = []
