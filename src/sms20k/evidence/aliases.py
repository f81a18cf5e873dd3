"""Ids of merged checklist items: evidence that still uses them is read under the new id."""

from __future__ import annotations

from typing import TypeVar, cast

from sms20k import codes
from sms20k.checklists.catalog import Catalog
from sms20k.evidence.actions import Action
from sms20k.evidence.models import Entry, Waiver
from sms20k.evidence.repo import Located, Repository
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, label, where

_HINT = "rename the id to {new}; the old id keeps working until the next major content version"


def apply_aliases(repo: Repository, catalog: Catalog) -> list[Finding]:
    """Rewrite merged item ids in the repository to the items that absorbed them, and say so.

    An entry under an old id whose new item already has its own entry (for the same service)
    is set aside rather than merged: the two entries may disagree, and which one stands is the
    organization's decision, not the tool's. So is a second per-service entry of an item merged
    into one assessed once for the scope, and a whole-scope entry of an item merged into one
    assessed per service."""
    aliases = catalog.aliases
    if not aliases:
        return []
    findings = _manifest(repo, aliases)
    scope = ScopeIndex(repo.manifest, catalog)
    direct = {(e.value.item, e.value.service): e for e in repo.entries
              if e.value.item not in aliases}
    kept: list[Located[Entry]] = []
    for located in repo.entries:
        entry = located.value
        new = aliases.get(entry.item)
        if new is None:
            kept.append(located)
            continue
        spot = Located(None, located.doc, (*located.loc, "item"))
        split = scope.per_service(new)
        if split and entry.service is None:
            findings.append(spot.finding(
                codes.DEPRECATED_ID, f"{entry.item} was merged into {new}, which is assessed "
                "per service; this entry names no service and is set aside",
                hint=f"add an entry for {new} for each service", item=new))
            continue
        service = entry.service if split else None
        owner = direct.get((new, service))
        if owner is not None:
            pos = owner.doc.locate(owner.loc)
            findings.append(spot.finding(
                codes.DEPRECATED_ID,
                f"{label(entry.item, entry.service)} was merged into {new}, which has its own "
                f"entry at {where(owner.doc.display, pos.line if pos else None, None)}; this "
                "entry is set aside", hint=f"move its evidence to the {new} entry and delete it",
                item=new, service=service))
            continue
        direct[(new, service)] = located
        findings.append(_renamed(spot, entry.item, new, service) if service == entry.service
                        else spot.finding(
                            codes.DEPRECATED_ID, f"{label(entry.item, entry.service)} was "
                            f"merged into {new}, which is assessed once for the whole scope; "
                            "this entry now stands for it", hint=_HINT.format(new=new)
                            + "; drop `service:`", item=new))
        kept.append(Located(entry.model_copy(update={"item": new, "service": service}),
                            located.doc, located.loc))
    repo.entries[:] = kept
    findings.extend(_rename(repo.waivers, aliases, scope))
    findings.extend(_rename(repo.actions, aliases, scope))
    return findings


Keyed = TypeVar("Keyed", bound="Waiver | Action")


def _rename(keyed: list[Located[Keyed]], aliases: dict[str, str],
            scope: ScopeIndex) -> list[Finding]:
    """Waivers and actions name an item (and a service) alike, and are renamed alike."""
    findings: list[Finding] = []
    for index, spot in enumerate(list(keyed)):
        value: Keyed = spot.value
        doc, loc = spot.doc, spot.loc
        new = aliases.get(value.item or "")
        if new is not None:
            service = value.service if scope.per_service(new) else None
            findings.append(_renamed(Located(None, doc, (*loc, "item")),
                                     str(value.item), new, service))
            renamed = cast(Keyed, value.model_copy(update={"item": new, "service": service}))
            keyed[index] = Located(renamed, doc, loc)
    return findings


def _manifest(repo: Repository, aliases: dict[str, str]) -> list[Finding]:
    manifest = repo.manifest
    findings: list[Finding] = []
    exclusions = []
    for index, exclusion in enumerate(manifest.exclusions):
        new = aliases.get(exclusion.id)
        if new is not None:
            findings.append(_renamed(repo.at_manifest(("exclusions", index, "id")),
                                     exclusion.id, new, None))
            exclusion = exclusion.model_copy(update={"id": new})
        exclusions.append(exclusion)
    per_service = []
    for index, ref in enumerate(manifest.scope.per_service):
        new = aliases.get(ref)
        if new is not None:
            findings.append(_renamed(repo.at_manifest(("scope", "per_service", index)),
                                     ref, new, None))
        per_service.append(new or ref)
    if findings:
        scope = manifest.scope.model_copy(update={"per_service": per_service})
        repo.manifest = manifest.model_copy(update={"exclusions": exclusions, "scope": scope})
    return findings


def _renamed(spot: Located[None], old: str, new: str, service: str | None) -> Finding:
    return spot.finding(codes.DEPRECATED_ID,
                        f"{old} was merged into {new}; it is read as {label(new, service)}",
                        hint=_HINT.format(new=new), item=new, service=service)
