"""What the browsing commands show, as plain models that every output format can render.

The JSON form of these models is the stable ``--format json`` output (docs/cli.md).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from sms20k.checklists.models import (
    Applicability,
    ExpectedEvidence,
    ItemApplicability,
    Recommendations,
)
from sms20k.modelbase import View


class EditionClause(BaseModel):
    edition: str
    id: str
    title: str


class ScenarioRow(BaseModel):
    id: str
    section: str | None
    title: str
    items: int
    source: str


class ScenarioList(View):
    kind: Literal["scenarios"] = "scenarios"
    scenarios: list[ScenarioRow]
    categories: dict[str, str]
    """The ISO/IEC 17788 service categories the checklists use, abbreviation -> name."""


class Citation(BaseModel):
    key: str
    citation: str
    topic: str


class ItemLink(BaseModel):
    id: str
    title: str


class ItemDetail(BaseModel):
    id: str
    scenario: str
    title: str
    guidance: str
    criticality: str
    clauses_2011: list[EditionClause]
    clauses_2018: list[EditionClause]
    clauses_2018_derived: bool
    applicability: ItemApplicability | None
    applies_to: str
    references: list[Citation]
    aliases: list[str]
    see_also: list[ItemLink]
    recommendations: Recommendations | None = None
    evidence: list[ExpectedEvidence]
    questions: list[str]
    tags: list[str]


class ItemView(View):
    kind: Literal["item"] = "item"
    item: ItemDetail
    merged: str | None = None
    """The id asked for, when it is an alias of ``item`` (a merged item)."""


class ScenarioDetail(BaseModel):
    id: str
    section: str | None
    title: str
    summary: str
    outcomes: list[str]
    applicability: Applicability
    applies_to: str
    source: str
    items: list[ItemDetail]


class ScenarioView(View):
    kind: Literal["scenario"] = "scenario"
    scenario: ScenarioDetail


class ItemRow(BaseModel):
    id: str
    title: str
    criticality: str
    via: str


class CrosswalkRow(BaseModel):
    edition: str
    id: str
    title: str
    relationship: str
    rationale: str


class ClauseView(View):
    kind: Literal["clause"] = "clause"
    edition: str
    id: str
    title: str
    parent: str | None
    subclauses: list[EditionClause]
    crosswalk: list[CrosswalkRow]
    new_in_2018: str | None
    items: list[ItemRow]


class ClauseRow(BaseModel):
    id: str
    title: str
    parent: str | None
    depth: int
    leaf: bool
    items: list[str]
    covered: bool


class ClauseTreeView(View):
    kind: Literal["clauses"] = "clauses"
    edition: str
    standard: str
    clauses: list[ClauseRow]
    leaves: int
    covered_leaves: int
    uncovered: list[str]


class CatalogView(View):
    kind: Literal["catalog"] = "catalog"
    scenarios: list[ScenarioDetail]
    items: int


class MatrixRow(BaseModel):
    clause: str
    title: str
    leaf: bool
    counts: dict[str, int]
    total: int


class MatrixView(View):
    kind: Literal["matrix"] = "matrix"
    edition: str
    scenarios: list[str]
    rows: list[MatrixRow]
