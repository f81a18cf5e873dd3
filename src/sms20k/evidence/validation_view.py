"""What ``sms20k validate`` shows, as a plain model that every output format can render."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from sms20k.errors import InputError, ProblemsError
from sms20k.findings import MANIFEST_NAME, Finding, Level, sort_findings
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
    loaded: bool = True
    """False when the repository could not be loaded: ``findings`` are the load problems
    (the YAML, schema and include errors, at their file:line) and nothing else was checked."""


def load_failure_view(exc: InputError, repository: str, as_of: str = "") -> ValidationView:
    """What a machine format shows when the repository cannot be loaded, so that a CI job
    still gets well-formed output that places the problems in their files."""
    display = (MANIFEST_NAME if repository in ("", ".") else repository
               if repository.endswith(MANIFEST_NAME) else
               f"{repository.rstrip('/')}/{MANIFEST_NAME}")
    findings = (exc.findings if isinstance(exc, ProblemsError)
                else [exc.as_finding(display)])
    findings = sort_findings(findings)
    return ValidationView(
        repository=display, as_of=as_of, evidence_files=0, entries=0,
        errors=sum(1 for f in findings if f.level is Level.ERROR),
        warnings=sum(1 for f in findings if f.level is Level.WARNING),
        findings=findings, loaded=False)


def to_view(result: Validation) -> ValidationView:
    return ValidationView(
        repository=result.repo.manifest_doc.display, as_of=result.as_of.isoformat(),
        evidence_files=len(result.repo.evidence_files), entries=len(result.repo.entries),
        errors=result.errors, warnings=result.warnings, findings=result.findings,
    )
