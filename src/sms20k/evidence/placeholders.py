"""The values ``sms20k init`` writes for what only the user knows, and the check that flags them.

Every placeholder init writes is one of these constants, so the check cannot miss one the
templates gained. A value counts only when it still equals a constant exactly: edited in any
way, it is the user's. ``ORGANIZATION`` is init's default for ``--organization``: a report
naming "Example Cloud Ltd" is as unfinished as one naming no assessor.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sms20k import codes
from sms20k.evidence.repo import Located, Repository
from sms20k.findings import Finding
from sms20k.schema_errors import field_path
from sms20k.yamlio import YamlDocument

ORGANIZATION = "Example Cloud Ltd"
ASSESSOR = "Name of the assessor"
SERVICE_NAME = "Name of the cloud service"
PLACEHOLDERS: tuple[str, ...] = (ORGANIZATION, ASSESSOR, SERVICE_NAME)

Loc = tuple[str | int, ...]


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string value below ``data`` (not the keys), depth first in file order."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def _documents(repo: Repository) -> Iterator[YamlDocument]:
    """The manifest, then each evidence file with entries or waivers, each once."""
    seen: set[int] = set()
    for doc in (repo.manifest_doc, *(e.doc for e in repo.entries),
                *(w.doc for w in repo.waivers)):
        if id(doc) not in seen:
            seen.add(id(doc))
            yield doc


def _concerns(data: Any, loc: Loc) -> tuple[str | None, str | None]:
    """The item and service a value belongs to: its entry or waiver, or its service."""
    if len(loc) > 2 and loc[0] in ("entries", "waivers") and isinstance(loc[1], int):
        owner = data[loc[0]][loc[1]]
        item, service = owner.get("item"), owner.get("service")
        return (item if isinstance(item, str) else None,
                service if isinstance(service, str) else None)
    if len(loc) > 3 and loc[:2] == ("scope", "services") and isinstance(loc[2], int):
        service = data["scope"]["services"][loc[2]].get("id")
        return None, service if isinstance(service, str) else None
    return None, None


def placeholder_findings(repo: Repository) -> Iterator[Finding]:
    """A ``PLACEHOLDER`` warning at every string value that still equals a placeholder."""
    for doc in _documents(repo):
        for loc, value in _strings(doc.data, ()):
            if value not in PLACEHOLDERS:
                continue
            item, service = _concerns(doc.data, loc)
            yield Located(None, doc, loc).finding(
                codes.PLACEHOLDER,
                f"{field_path(loc)} is still the placeholder {value!r} from `sms20k init`",
                hint="replace it with the real value", item=item, service=service)
