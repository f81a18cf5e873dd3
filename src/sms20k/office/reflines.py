"""One evidence reference per line of a questionnaire cell: ``TARGET | DESCRIPTION`` with an
optional ``| KIND``, where the target is a repository path, an http(s) URL or ``record:ID``."""

from __future__ import annotations

import re
from typing import Any, get_args
from urllib.parse import urlsplit

from sms20k.checklists.models import EvidenceKind
from sms20k.evidence.models import Reference

KINDS: tuple[str, ...] = get_args(EvidenceKind)
RECORD_PREFIX = "record:"
_RECORD = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_./#-]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SYNTAX = "TARGET | DESCRIPTION [| KIND]"


class LineError(ValueError):
    """A line that is not a reference."""


def format_reference(ref: Reference) -> str:
    target = ref.path or ref.url or f"{RECORD_PREFIX}{ref.record}"
    text = f"{target} | {' '.join(ref.description.split())}"
    return f"{text} | {ref.kind}" if ref.kind else text


def format_references(refs: list[Reference]) -> str:
    return "\n".join(format_reference(ref) for ref in refs)


def parse_line(line: str) -> dict[str, Any]:
    """The fields of the reference one line names (target, description, maybe kind)."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 2 or not parts[0]:
        raise LineError(f"{line.strip()!r} is not `{SYNTAX}`")
    kind = None
    if len(parts) >= 3 and parts[-1] in KINDS:
        kind = parts.pop()
    description = " | ".join(parts[1:]).strip()
    if not description:
        raise LineError(f"{line.strip()!r} has no description after the `|`")
    fields: dict[str, Any] = {**_target(parts[0]), "description": description}
    if kind:
        fields["kind"] = kind
    return fields


def _target(text: str) -> dict[str, str]:
    if text.lower().startswith(RECORD_PREFIX):
        record = text[len(RECORD_PREFIX):].strip()
        if not _RECORD.match(record):
            raise LineError(f"record {record!r} is not `SYSTEM:ID` (e.g. JIRA:CHG-1234)")
        return {"record": record}
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        if not parts.netloc or any(c.isspace() for c in text):
            raise LineError(f"{text!r} is not a URL")
        return {"url": text}
    if _SCHEME.match(text) or text.startswith(("/", "\\")) or "\\" in text:
        raise LineError(f"{text!r} is neither a path in the repository, an http(s) URL nor "
                        f"{RECORD_PREFIX}ID")
    if ".." in text.split("/") or "\x00" in text:
        raise LineError(f"{text!r} leaves the repository")
    return {"path": text}


def parse_cell(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The references of a cell, one per non-blank line, and a message per bad line."""
    refs: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            refs.append(parse_line(line))
        except LineError as exc:
            problems.append(f"line {number}: {exc}")
    return refs, problems


def same_target(ref: Reference, fields: dict[str, Any]) -> bool:
    return (ref.path, ref.url, ref.record) == (
        fields.get("path"), fields.get("url"), fields.get("record"))
