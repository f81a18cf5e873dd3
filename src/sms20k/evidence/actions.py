"""Corrective actions (ISO/IEC 20000-1:2018 10.1): the optional ``actions:`` list.

Each action answers one audit finding (``finding: F-8.3.4.1``) or one item result
(``item: S07.03``, with ``service`` for a per-service item): the correction, the cause, the
action that removes it, who owns it and by when, and the review of its effectiveness.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from sms20k.findings import label
from sms20k.modelbase import InputModel

ActionStatus = Literal["open", "in-progress", "implemented", "closed"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "in-progress", "implemented", "closed")
OPEN_STATUSES: frozenset[str] = frozenset(("open", "in-progress"))
"""An action in these states still has work to do by its due date."""

Text = Annotated[str, Field(min_length=1)]
FindingId = Annotated[str, Field(pattern=r"^(F|OFI)-[0-9]+(\.[0-9]+)*$|^DC-[0-9a-f]{10}$")]
ActionId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")]


class EffectivenessReview(InputModel):
    """Whether the action removed the cause: 10.1 asks that it be reviewed."""

    reviewed: dt.date
    by: Text | None = None
    effective: bool
    notes: Text | None = None


class Action(InputModel):
    id: ActionId | None = None
    finding: FindingId | None = None
    item: Text | None = None
    service: Text | None = None
    correction: Text | None = None
    root_cause: Text | None = None
    corrective_action: Text | None = None
    owner: Text | None = None
    due: dt.date | None = None
    status: ActionStatus = "open"
    ticket: Text | None = None
    completed: dt.date | None = None
    effectiveness: EffectivenessReview | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Action:
        if (self.finding is None) == (self.item is None):
            raise PydanticCustomError(
                "action_subject", "an action answers exactly one of `finding` or `item`", {})
        if self.service is not None and self.item is None:
            raise PydanticCustomError(
                "action_service", "`service` applies only to an action keyed by `item`", {})
        if self.status == "closed" and (self.effectiveness is None
                                        or not self.effectiveness.effective):
            raise PydanticCustomError(
                "action_closed",
                "a closed action needs an effectiveness review that found it effective "
                "(`effectiveness: {example}`); otherwise use status `implemented`",
                {"example": "{reviewed: DATE, effective: true}"})
        return self

    @property
    def subject(self) -> str:
        """The key of the action's generated id (``S07.03@app``)."""
        if self.finding is not None:
            return self.finding
        return f"{self.item}@{self.service}" if self.service else str(self.item)

    @property
    def named(self) -> str:
        """What messages call it: the finding id, or the item as results are labelled
        (``S07.03 (app)``)."""
        return self.finding if self.finding is not None else label(str(self.item), self.service)
