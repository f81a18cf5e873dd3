"""What ``sms20k validate`` shows, as a plain model that every output format can render."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from sms20k.modelbase import View


class FindingRow(BaseModel):
    path: str
    line: int | None
    col: int | None
    level: str
    code: str
    message: str
    hint: str | None
    field: str | None
    item: str | None
    service: str | None


class ValidationView(View):
    kind: Literal["validation"] = "validation"
    repository: str
    as_of: str
    evidence_files: int
    entries: int
    errors: int
    warnings: int
    findings: list[FindingRow]
