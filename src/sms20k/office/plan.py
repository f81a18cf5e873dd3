"""From a merge plan to the files' new text, the plan printed before anything is written, and
the unified diff of ``--dry-run``."""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sms20k import yamlio
from sms20k.errors import InputError
from sms20k.evidence.repo import MANIFEST_NAME, Repository
from sms20k.office.merge import Plan
from sms20k.office.yamledit import EntryEdit, edit_text, new_file_text

DEFAULT_INTO = "evidence/questionnaire.yaml"
HEADER = "Entries added by `sms20k import` from a questionnaire; edit them like any other."
_BOM = "\ufeff"


@dataclass(frozen=True)
class FileWrite:
    path: Path
    name: str
    old: str | None
    new: str


def check_into(repo: Repository, into: str) -> str:
    """The file new entries go to, relative to the root; it must be an evidence file the
    manifest's ``include`` patterns match."""
    pure = PurePosixPath(into)
    if pure.is_absolute() or ".." in pure.parts or "\\" in into or not pure.name:
        raise InputError(f"--into {into!r} must be a path inside the repository",
                         hint=f"e.g. {DEFAULT_INTO}")
    rel = pure.as_posix()
    if pure.suffix not in (".yaml", ".yml") or pure.name == MANIFEST_NAME:
        raise InputError(f"--into {into!r} must name an evidence file (.yaml), not the manifest",
                         hint=f"e.g. {DEFAULT_INTO}")
    if not any(included(rel, pattern) for pattern in repo.manifest.include):
        raise InputError(f"new entries go to {rel}, which the manifest's include patterns do "
                         "not match", path=repo.manifest_doc.display,
                         hint=f"add `- {rel}` (or a pattern such as `{pure.parent}/*.yaml`) "
                         "under `include:`, or choose another file with --into")
    return rel


def included(rel: str, pattern: str) -> bool:
    """Whether ``pattern`` (``*``, ``?``, ``[ab]`` within a name, ``**`` for any depth)
    matches the relative path ``rel``."""
    parts = [p for p in pattern.split("/") if p not in ("", ".")]
    names = rel.split("/")

    def match(p: int, n: int) -> bool:
        if p == len(parts):
            return n == len(names)
        if parts[p] == "**":
            return any(match(p + 1, k) for k in range(n, len(names) + 1))
        return n < len(names) and fnmatch.fnmatchcase(names[n], parts[p]) and match(p + 1, n + 1)

    return match(0, 0)


def _read(path: Path, name: str) -> str:
    return yamlio.read_bytes(path, name).decode("utf-8")


def file_writes(repo: Repository, plan: Plan) -> list[FileWrite]:
    edits: dict[str, list[EntryEdit]] = {}
    added: dict[str, list[dict[str, object]]] = {}
    for change in plan.changes:
        if change.edit is not None:
            edits.setdefault(change.file, []).append(change.edit)
        elif change.new_entry is not None:
            added.setdefault(change.file, []).append(change.new_entry)
    writes = []
    for rel in sorted(set(edits) | set(added)):
        path = repo.root / rel
        name = _display(path)
        exists = os.path.lexists(path)
        old = _read(path, name) if exists else None
        if old is None:
            new = new_file_text(HEADER, list(added[rel]))
        else:
            bom = _BOM if old.startswith(_BOM) else ""
            new = bom + edit_text(old[len(bom):], name, edits.get(rel, []),
                                  list(added.get(rel, [])))
        writes.append(FileWrite(path, rel, old, new))
    return writes


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def unified_diff(write: FileWrite) -> str:
    old = (write.old or "").splitlines(keepends=True)
    new = write.new.splitlines(keepends=True)
    source = f"a/{write.name}" if write.old is not None else "/dev/null"
    return "".join(difflib.unified_diff(old, new, source, f"b/{write.name}"))
