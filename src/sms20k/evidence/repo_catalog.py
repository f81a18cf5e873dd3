"""The catalog a repository is checked against: the built-in checklists (unless the manifest
turns them off), those given on the command line, and those the manifest lists."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sms20k import codes
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.evidence.aliases import apply_aliases
from sms20k.evidence.repo import Repository, load_repository
from sms20k.yamlio import DEFAULT_MAX_BYTES


def load_with_catalog(location: Path, checklist_dirs: Sequence[Path] = (), *,
                      max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Repository, Catalog]:
    """The repository and the catalog it is checked against."""
    repo = load_repository(location, max_bytes=max_bytes)
    dirs = [*checklist_dirs, *repo.checklist_dirs()]
    builtin = repo.manifest.options.builtin_checklists
    if not builtin and not dirs:
        raise repo.at_manifest(("options", "builtin_checklists")).problems(
            codes.NO_CHECKLISTS, "builtin_checklists is false but no checklists are given",
            hint="list your checklist directories under `checklists:`")
    catalog = load_catalog(dirs, builtin=builtin)
    repo.alias_findings = apply_aliases(repo, catalog)
    return repo, catalog
