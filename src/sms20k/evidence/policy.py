"""``policy:`` in sms20k.yaml: when CI fails. Kept apart from the gates so that loading a
manifest does not load the report model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sms20k.modelbase import InputModel

FailOn = Literal["major", "minor", "observation", "any", "none"]
Score = Annotated[float, Field(ge=0, le=100)]


class MaxCounts(InputModel):
    major: int | None = Field(default=None, ge=0)
    minor: int | None = Field(default=None, ge=0)
    observation: int | None = Field(default=None, ge=0)
    ofi: int | None = Field(default=None, ge=0)


class Policy(InputModel):
    """The repository decides when CI fails; command-line options override it."""

    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    fail_under: Score | None = Field(default=None, ge=0, le=100, alias="fail-under")
    max: MaxCounts = MaxCounts()
    min_scenario_score: Score | None = Field(default=None, ge=0, le=100,
                                             alias="min-scenario-score")
    scenarios: dict[str, Score] = {}
    min_coverage: Score | None = Field(default=None, ge=0, le=100, alias="min-coverage")
    """The share of in-scope items (percent) that must be assessed; a score over a handful
    of items says nothing about the rest."""
