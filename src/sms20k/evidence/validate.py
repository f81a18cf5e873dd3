"""Validation of an evidence repository: load, check, and summarise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.errors import ExitCode
from sms20k.evidence.checks import Checker
from sms20k.evidence.hashing import Progress, hash_files
from sms20k.evidence.lockfile import LOCK_NAME, write_lockfile
from sms20k.evidence.references import PathProblem, Resolver
from sms20k.evidence.repo import Repository, load_repository
from sms20k.findings import Finding, Level, sort_findings
from sms20k.yamlio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from sms20k.evidence.validation_view import ValidationView


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


def load_with_catalog(location: Path, checklist_dirs: Sequence[Path] = (), *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Repository, Catalog]:
    """The repository and the catalog it is checked against (built-in, CLI and manifest)."""
    repo = load_repository(location, max_bytes=max_bytes)
    dirs = [*checklist_dirs, *repo.checklist_dirs()]
    builtin = repo.manifest.options.builtin_checklists
    if not builtin and not dirs:
        raise repo.at_manifest(("options", "builtin_checklists")).problems(
            "NO_CHECKLISTS", "builtin_checklists is false but no checklists are given",
            hint="list your checklist directories under `checklists:`")
    return repo, load_catalog(dirs, builtin=builtin)


def validate(location: Path, as_of: dt.date, checklist_dirs: Sequence[Path] = (), *,
             max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> Validation:
    repo, catalog = load_with_catalog(location, checklist_dirs, max_bytes=max_bytes)
    findings = Checker(repo, catalog, as_of).run(progress)
    return Validation(repo, sort_findings(findings), as_of)


@dataclass
class LockResult:
    path: Path
    files: int
    changed: list[str]
    skipped: int


def lock(location: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
         progress: Progress | None = None) -> LockResult:
    """Hash every file a path reference names and (re)write the lock file next to the manifest."""
    repo = load_repository(location, max_bytes=max_bytes)
    resolver = Resolver(repo.root)
    targets: dict[str, Path] = {}
    skipped = 0
    for located in repo.entries:
        for ref in located.value.evidence:
            if ref.path is None or ref.path in targets:
                continue
            try:
                targets[ref.path] = Path(resolver.resolve(ref.path))
            except PathProblem:
                skipped += 1
    digests = hash_files(targets.values(), progress=progress)
    hashes = {rel: d for rel, path in targets.items() if isinstance(d := digests[path], str)}
    skipped += len(targets) - len(hashes)
    old = repo.lock.files if repo.lock else {}
    changed = sorted(rel for rel, digest in hashes.items() if old.get(rel) != digest)
    changed += sorted(rel for rel in old if rel not in hashes)
    path = repo.root / LOCK_NAME
    write_lockfile(path, hashes)
    return LockResult(path, len(hashes), changed, skipped)


def to_view(result: Validation) -> ValidationView:
    from sms20k.evidence.validation_view import ValidationView

    return ValidationView(
        repository=result.repo.manifest_doc.display, as_of=result.as_of.isoformat(),
        evidence_files=len(result.repo.evidence_files), entries=len(result.repo.entries),
        errors=result.errors, warnings=result.warnings, findings=result.findings,
    )
