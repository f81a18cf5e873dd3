"""Validation of an evidence repository: load, check, and summarise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sms20k.asof import resolve_as_of
from sms20k.errors import ExitCode
from sms20k.evidence.checks import Checker
from sms20k.evidence.hashing import Progress
from sms20k.evidence.repo import Repository
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.findings import Finding, Level, sort_findings
from sms20k.yamlio import DEFAULT_MAX_BYTES


@dataclass
class Validation:
    repo: Repository
    findings: list[Finding]
    as_of: dt.date

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.WARNING)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FINDINGS if self.errors else ExitCode.OK


def validate(location: Path, as_of: dt.date | None = None,
             checklist_dirs: Sequence[Path] = (), *, max_bytes: int = DEFAULT_MAX_BYTES,
             progress: Progress | None = None) -> Validation:
    """Check the repository as of ``as_of``, else its ``assessment.date``: the same date
    ``assess`` judges by, so a repository that validates clean never fails on dates there."""
    repo, catalog = load_with_catalog(location, checklist_dirs, max_bytes=max_bytes)
    day = resolve_as_of(as_of, default=repo.manifest.assessment.date)
    findings = Checker(repo, catalog, day).run(progress)
    return Validation(repo, sort_findings(findings), day)

