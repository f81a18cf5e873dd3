"""What ``sms20k validate`` shows, as a plain model that every output format can render."""

from __future__ import annotations

from typing import Literal

from sms20k.findings import Finding
from sms20k.modelbase import View


class ValidationView(View):
    kind: Literal["validation"] = "validation"
    repository: str
    as_of: str
    evidence_files: int
    entries: int
    errors: int
    warnings: int
    findings: list[Finding]
