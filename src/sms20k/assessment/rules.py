"""The rules that turn status, evidence quality and criticality into result and finding class.

The defaults are documented in docs/assessment-rules.md; ``rules:`` in sms20k.yaml overrides
any part of them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ClassOrNone = Literal["major", "minor", "observation", "ofi", "none"]


class ByCriticality(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    high: ClassOrNone
    medium: ClassOrNone
    low: ClassOrNone

    def pick(self, criticality: str) -> ClassOrNone:
        value: ClassOrNone = getattr(self, criticality)
        return value


def _by(high: ClassOrNone, medium: ClassOrNone, low: ClassOrNone) -> ByCriticality:
    return ByCriticality(high=high, medium=medium, low=low)


class Weights(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    high: float = Field(default=3.0, gt=0)
    medium: float = Field(default=2.0, gt=0)
    low: float = Field(default=1.0, gt=0)


class ResultScores(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    conformant: float = Field(default=1.0, ge=0, le=1)
    partially_conformant: float = Field(default=0.5, ge=0, le=1, alias="partially-conformant")
    nonconformant: float = Field(default=0.0, ge=0, le=1)
    not_assessed: float = Field(default=0.0, ge=0, le=1, alias="not-assessed")


class Rules(BaseModel):
    """Every rule has a default; an organization changes only what it needs to."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    not_implemented: ByCriticality = Field(default=_by("major", "minor", "minor"),
                                           alias="not-implemented")
    planned: ByCriticality = _by("major", "minor", "observation")
    partial: ByCriticality = _by("minor", "minor", "observation")
    no_evidence: ByCriticality = Field(default=_by("major", "minor", "minor"),
                                       alias="no-evidence")
    evidence_errors: ClassOrNone = Field(default="minor", alias="evidence-errors")
    stale_evidence: ClassOrNone = Field(default="minor", alias="stale-evidence")
    expired_waiver: ClassOrNone = Field(default="minor", alias="expired-waiver")
    not_assessed: ClassOrNone = Field(default="observation", alias="not-assessed")
    improvements: ClassOrNone = "ofi"
    weights: Weights = Weights()
    scores: ResultScores = ResultScores()
