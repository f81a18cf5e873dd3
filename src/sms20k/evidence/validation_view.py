"""What ``sms20k validate`` shows, as a plain model that every output format can render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sms20k.findings import Finding
from sms20k.modelbase import View

if TYPE_CHECKING:  # the formats import this module, and need not load the checks with it
    from sms20k.evidence.validate import Validation


class ValidationView(View):
    kind: Literal["validation"] = "validation"
    repository: str
    as_of: str
    evidence_files: int
    entries: int
    errors: int
    warnings: int
    findings: list[Finding]


def to_view(result: Validation) -> ValidationView:
    return ValidationView(
        repository=result.repo.manifest_doc.display, as_of=result.as_of.isoformat(),
        evidence_files=len(result.repo.evidence_files), entries=len(result.repo.entries),
        errors=result.errors, warnings=result.warnings, findings=result.findings,
    )
