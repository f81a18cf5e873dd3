"""The rules that turn status, evidence quality and criticality into result and finding class.

The defaults are documented in docs/assessment-rules.md; ``rules:`` in sms20k.yaml overrides
any part of them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from sms20k.modelbase import InputModel

ClassOrNone = Literal["major", "minor", "observation", "ofi", "none"]
MAX_WEIGHT = 1000
# Every weight is positive, so a sum of weights never divides by zero, and bounded, so a
# sum over any number of results stays finite; .inf and .nan are refused everywhere.
Weight = Annotated[float, Field(gt=0, le=MAX_WEIGHT)]
Fraction = Annotated[float, Field(ge=0, le=1)]


class ByCriticality(InputModel):
    high: ClassOrNone
    medium: ClassOrNone
    low: ClassOrNone

    def pick(self, criticality: str) -> ClassOrNone:
        value: ClassOrNone = getattr(self, criticality)
        return value


def _by(high: ClassOrNone, medium: ClassOrNone, low: ClassOrNone) -> ByCriticality:
    return ByCriticality(high=high, medium=medium, low=low)


class Weights(InputModel):
    high: Weight = 3.0
    medium: Weight = 2.0
    low: Weight = 1.0


class ResultScores(InputModel):
    conformant: Fraction = 1.0
    partially_conformant: Fraction = Field(default=0.5, alias="partially-conformant")
    nonconformant: Fraction = 0.0


class Systemic(InputModel):
    """When minor results under one requirement add up to a major nonconformity."""

    minors: int | None = Field(default=3, ge=2, le=1000)
    """This many minor results or more, across at least two services or scenarios; null
    turns the rule off."""


def _each(value: object) -> object:
    # ``stale-evidence: minor`` (format 1) means the same class whatever the criticality.
    if isinstance(value, str):
        return {"high": value, "medium": value, "low": value}
    return value


ByCriticalityOrOne = Annotated[ByCriticality, BeforeValidator(_each)]


class Rules(InputModel):
    """Every rule has a default; an organization changes only what it needs to."""

    not_implemented: ByCriticality = Field(default=_by("major", "minor", "minor"),
                                           alias="not-implemented")
    planned: ByCriticality = _by("major", "minor", "observation")
    partial: ByCriticality = _by("minor", "minor", "observation")
    no_evidence: ByCriticality = Field(default=_by("major", "minor", "minor"),
                                       alias="no-evidence")
    missing_evidence: ByCriticalityOrOne = Field(
        default=_by("minor", "observation", "observation"), alias="missing-evidence")
    stale_evidence: ByCriticalityOrOne = Field(
        default=_by("minor", "observation", "observation"), alias="stale-evidence")
    supporting_evidence: ClassOrNone = Field(default="ofi", alias="supporting-evidence")
    expired_waiver: ClassOrNone = Field(default="minor", alias="expired-waiver")
    document_control: ClassOrNone = Field(default="observation", alias="document-control")
    improvements: ClassOrNone = "ofi"
    systemic: Systemic = Systemic()
    weights: Weights = Weights()
    scores: ResultScores = ResultScores()
