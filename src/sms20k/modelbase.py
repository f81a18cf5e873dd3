"""The base of every output document: frozen, versioned, with no infinities or NaN."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

VIEW_FORMAT_VERSION = 1


class View(BaseModel):
    # Output models are built on first use, so commands that never print them do not pay.
    model_config = ConfigDict(frozen=True, defer_build=True, allow_inf_nan=False)
    format_version: int = VIEW_FORMAT_VERSION
