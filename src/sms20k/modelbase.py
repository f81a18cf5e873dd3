"""The two kinds of pydantic model: what users write (input) and what sms20k prints (views)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

VIEW_FORMAT_VERSION = 1


class InputModel(BaseModel):
    """Anything read from a file a user wrote: checklists, manifests, evidence, rules.

    Unknown keys are errors (a typo must not pass silently), values are never coerced (``"1"``
    is not a number), and ``.inf``/``.nan`` are refused so every sum stays finite.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class View(BaseModel):
    # Output models are built on first use, so commands that never print them do not pay.
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)
    format_version: int = VIEW_FORMAT_VERSION
