"""Which kinds of evidence an item expects, and whether an entry shows each one.

The one rule shared by the verdict and the audit plan, so that the two never disagree: a
reference shows a kind when its ``kind`` is that kind; it is unusable when the repository
check found its path, URL or record broken; a kind is stale when every usable reference of
that kind is stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from sms20k import codes
from sms20k.assessment.model import EvidenceCheck, EvidenceState
from sms20k.checklists.models import Item
from sms20k.evidence.models import Reference
from sms20k.findings import Finding, Level

# A reference with one of these problems cannot be looked at, so it shows nothing.
UNUSABLE = frozenset(code.code for code in (
    codes.REF_MISSING, codes.REF_DIRECTORY, codes.REF_NOT_FILE, codes.REF_ABSOLUTE,
    codes.REF_ESCAPE, codes.REF_INVALID, codes.REF_UNREADABLE, codes.REF_URL, codes.REF_RECORD,
))


def _flags(problems: Iterable[Finding]) -> tuple[dict[int, str], dict[int, str]]:
    unusable: dict[int, str] = {}
    stale: dict[int, str] = {}
    for finding in problems:
        if finding.evidence is None:
            continue
        if finding.code in UNUSABLE and finding.level is Level.ERROR:
            unusable.setdefault(finding.evidence, finding.code)
        elif finding.code == codes.EVIDENCE_STALE.code and finding.detail:
            stale[finding.evidence] = finding.detail
    return unusable, stale


def check_evidence(item: Item, references: Sequence[Reference],
                   problems: Iterable[Finding]) -> list[EvidenceCheck]:
    """One check per expected kind of ``item``, against the references of one entry."""
    unusable, stale = _flags(problems)
    checks = []
    for expected in item.evidence:
        mine = [n for n, ref in enumerate(references) if ref.kind == expected.kind]
        usable = [n for n in mine if n not in unusable]
        state: EvidenceState
        since = None
        if not mine:
            state = "missing"
        elif not usable:
            state = "unusable"
        elif all(n in stale for n in usable):
            state, since = "stale", max(stale[n] for n in usable)
        else:
            state = "provided"
        dates = [d for n in usable if (d := references[n].dated) is not None]
        checks.append(_check(expected.kind, expected.level, expected.description,
                             expected.cadence, state, tuple(mine),
                             max(dates).isoformat() if dates else None, since))
    return checks


@lru_cache(maxsize=4096)
def _check(kind: str, level: Literal["required", "supporting"], description: str,
           cadence: str, state: EvidenceState, references: tuple[int, ...],
           dated: str | None, stale_since: str | None) -> EvidenceCheck:
    """One frozen check per distinct value, shared by the results that have it: the services
    of an item mostly show the same evidence, and building the model was a sixth of the
    report at 10k results."""
    return EvidenceCheck(kind=kind, level=level, description=description, cadence=cadence,
                         state=state, references=list(references), dated=dated,
                         stale_since=stale_since)


def untyped(references: Sequence[Reference]) -> int:
    """How many references give no ``kind`` (they cannot show any expected kind)."""
    return sum(1 for ref in references if ref.kind is None)


def describe(check: EvidenceCheck) -> str:
    """The gap in words: ``no plan (continuity plan, tested yearly)``."""
    what = f"{check.kind} ({check.description})"
    if check.state == "missing":
        return f"no {what}"
    if check.state == "unusable":
        return f"{what} cannot be used: its reference is broken"
    if check.state == "stale":
        return f"{what} stale since {check.stale_since}"
    return what
