"""The questionnaire's rows: one per applicable item, or per item and service for the items
assessed per service, each with the entry the repository holds for it (if any)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.evidence.models import Entry
from sms20k.evidence.repo import Located, Repository
from sms20k.evidence.scope import ScopeIndex
from sms20k.office.reflines import format_references


@dataclass(frozen=True)
class QuestionRow:
    citem: CatalogItem
    service: str | None
    entry: Located[Entry] | None
    file: str
    """The evidence file of the entry, relative to the repository root ("" without one)."""

    def locked(self) -> dict[str, str]:
        item = self.citem.item
        return {
            "item": item.id,
            "service": self.service or "",
            "title": item.title,
            "guidance": item.guidance.strip(),
            "expected": "\n".join(f"{e.kind} ({e.cadence}): {' '.join(e.description.split())}"
                                  for e in item.evidence),
            "questions": "\n".join(" ".join(q.split()) for q in item.questions),
        }

    def answers(self) -> dict[str, str | None]:
        """The input cells as the current entry fills them."""
        entry = self.entry.value if self.entry else None
        if entry is None:
            return {"status": None, "owner": None, "notes": None, "evidence": None}
        return {"status": entry.status, "owner": entry.owner, "notes": entry.notes,
                "evidence": format_references(entry.evidence) or None}


def relative_file(root: Path, display: str) -> str:
    """A document's display name (relative to the working directory) as a path relative to
    the repository root, with forward slashes."""
    absolute = os.path.abspath(display)
    return PurePath(os.path.relpath(absolute, os.path.abspath(root))).as_posix()


def entries_by_key(repo: Repository) -> dict[tuple[str, str | None], Located[Entry]]:
    found: dict[tuple[str, str | None], Located[Entry]] = {}
    for located in repo.entries:
        found.setdefault((located.value.item, located.value.service), located)
    return found


def question_rows(repo: Repository, catalog: Catalog) -> list[QuestionRow]:
    """The rows in catalog order; excluded items and items no service needs get none."""
    scope = ScopeIndex(repo.manifest, catalog)
    entries = entries_by_key(repo)
    rows = []
    for expected in scope.expected:
        entry = entries.get((expected.item, expected.service))
        file = relative_file(repo.root, entry.doc.display) if entry else ""
        rows.append(QuestionRow(catalog.items[expected.item], expected.service, entry, file))
    return rows
