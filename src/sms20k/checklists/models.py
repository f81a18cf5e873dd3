"""Pydantic models of the checklist file format (one file per scenario)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field

from sms20k.checklists.clauses import CLAUSE_ID
from sms20k.duration import parse_duration
from sms20k.modelbase import InputModel

ServiceCategory = Literal["CaaS", "CompaaS", "DSaaS", "IaaS", "NaaS", "PaaS", "SaaS"]
DeploymentModel = Literal["public", "private", "community", "hybrid"]
Tenancy = Literal["single", "multi"]
Infrastructure = Literal["owned", "colocation", "third-party-cloud"]
Role = Literal["cloud-service-provider", "cloud-service-customer", "cloud-service-partner"]
# "other" stays valid for custom checklists; the built-in content names a specific kind.
EvidenceKind = Literal[
    "policy", "plan", "procedure", "agreement", "record", "report", "register", "design",
    "publication", "template", "training", "charter", "configuration", "other",
]
Criticality = Literal["high", "medium", "low"]
SERVICE_CATEGORIES: tuple[ServiceCategory, ...] = (
    "CaaS", "CompaaS", "DSaaS", "IaaS", "NaaS", "PaaS", "SaaS",
)
DEPLOYMENT_MODELS: tuple[DeploymentModel, ...] = ("public", "private", "community", "hybrid")
TENANCIES: tuple[Tenancy, ...] = ("single", "multi")
INFRASTRUCTURES: tuple[Infrastructure, ...] = ("owned", "colocation", "third-party-cloud")

SCENARIO_ID = r"^[A-Z][A-Z0-9]{1,11}$"
ITEM_ID = r"^[A-Z][A-Z0-9]{1,11}\.\d{2,3}$"
_ITEM_ID_RE = re.compile(ITEM_ID)
COMPANION_REF = r"^[0-9]{5}(-[0-9])?(:[A-Z.0-9]+)?$"


def _cadence(value: str) -> str:
    parse_duration(value)
    return value


Text = Annotated[str, Field(min_length=1)]
ClauseId = Annotated[str, Field(pattern=CLAUSE_ID)]
Cadence = Annotated[str, AfterValidator(_cadence)]
Tag = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Applicability(InputModel):
    service_categories: list[ServiceCategory] = Field(min_length=1)
    deployment_models: list[DeploymentModel] = Field(min_length=1)
    tenancy: list[Tenancy] = Field(default=list(TENANCIES), min_length=1)
    infrastructure: list[Infrastructure] = Field(default=list(INFRASTRUCTURES), min_length=1)
    roles: list[Role] | None = Field(default=None, min_length=1)
    """Accepted and ignored since content 2.0: sms20k assesses a provider's SMS."""


class ItemApplicability(InputModel):
    service_categories: list[ServiceCategory] | None = Field(default=None, min_length=1)
    deployment_models: list[DeploymentModel] | None = Field(default=None, min_length=1)
    tenancy: list[Tenancy] | None = Field(default=None, min_length=1)
    infrastructure: list[Infrastructure] | None = Field(default=None, min_length=1)
    roles: list[Role] | None = Field(default=None, min_length=1)
    """Accepted and ignored since content 2.0: sms20k assesses a provider's SMS."""


SCOPING_FIELDS = ("service_categories", "deployment_models", "tenancy", "infrastructure")


EvidenceLevel = Literal["required", "supporting"]


class ExpectedEvidence(InputModel):
    kind: EvidenceKind
    description: Text
    cadence: Cadence
    sampling: Text | None = None
    level: EvidenceLevel = "required"
    """A required kind must be shown for an implemented item to be conformant; a supporting
    kind strengthens the case and its absence is only an opportunity for improvement."""


class Recommendations(InputModel):
    """What to do next, in the project's own words, for each state that is not conformity."""

    # Shown under the names the checklist files use (``not-implemented``).
    model_config = ConfigDict(**InputModel.model_config, serialize_by_alias=True)

    partial: Text | None = None
    planned: Text | None = None
    not_implemented: Text | None = Field(default=None, alias="not-implemented")


class Item(InputModel):
    id: Annotated[str, Field(pattern=ITEM_ID)]
    title: Text
    guidance: Text
    clauses_2011: list[ClauseId] = Field(min_length=1)
    clauses_2018: list[ClauseId] | None = Field(default=None, min_length=1)
    primary_2018: ClauseId | None = None
    """The 2018 clause a nonconformity on this item cites; default: the first 2018 clause."""
    applicability: ItemApplicability | None = None
    references: list[Annotated[str, Field(pattern=COMPANION_REF)]] = []
    """Keys of checklists/clauses/companion.yaml: sections of the cloud companion standards."""
    aliases: list[Annotated[str, Field(pattern=ITEM_ID)]] = []
    """Ids of items merged into this one; evidence that still uses them keeps working."""
    see_also: list[Annotated[str, Field(pattern=ITEM_ID)]] = []
    recommendations: Recommendations | None = None
    """A short recommendation per non-conformant status, for findings a consultant hands
    over."""
    evidence: list[ExpectedEvidence] = Field(min_length=1)
    questions: list[Text] = Field(min_length=1)
    criticality: Criticality
    tags: list[Tag]


class Scenario(InputModel):
    id: Annotated[str, Field(pattern=SCENARIO_ID)]
    section: Annotated[str, Field(pattern=CLAUSE_ID)] | None = None
    title: Text
    summary: Text
    outcomes: list[Text] = Field(min_length=1)
    applicability: Applicability
    items: list[Item] = Field(min_length=1)


def is_item_id(text: str) -> bool:
    return _ITEM_ID_RE.match(text) is not None
