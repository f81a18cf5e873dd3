"""The rules that turn status, evidence quality and criticality into result and finding class.

The defaults are documented in docs/assessment-rules.md; ``rules:`` in sms20k.yaml overrides
any part of them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

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
    not_assessed: Fraction = Field(default=0.0, alias="not-assessed")


class Rules(InputModel):
    """Every rule has a default; an organization changes only what it needs to."""

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
