"""Load the clause registry and checklist files, and check them against each other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sms20k import resources, yamlio
from sms20k.checklists.cache import Store, digest
from sms20k.checklists.catalog import Catalog, LoadedScenario
from sms20k.checklists.clauses import (
    EDITIONS,
    ClauseFile,
    ClauseTree,
    CrosswalkFile,
    Edition,
    Registry,
)
from sms20k.checklists.companion import Companion, CompanionFile
from sms20k.checklists.files import scenario_files
from sms20k.checklists.models import SCOPING_FIELDS, Scenario
from sms20k.codes import (
    CHECKLIST_APPLICABILITY,
    CHECKLIST_CLAUSE,
    CHECKLIST_COLLISION,
    CHECKLIST_ID,
    CHECKLIST_REFERENCE,
    SCHEMA,
    Code,
)
from sms20k.errors import InputError, ProblemsError
from sms20k.findings import Finding, sort_findings
from sms20k.schema_errors import to_findings
from sms20k.suggest import did_you_mean
from sms20k.usercache import cache_dir

M = TypeVar("M", bound=BaseModel)
BUILTIN_PREFIX = "checklists"


def _read(source: Traversable | Path, display: str) -> yamlio.YamlDocument:
    if isinstance(source, Path):
        return yamlio.load(source, display)
    return yamlio.parse(source.read_text(encoding="utf-8"), display)


def validate_document(doc: yamlio.YamlDocument, model: type[M]) -> tuple[M | None, list[Finding]]:
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}"
        return None, [
            SCHEMA.at(doc.display, 1, 1, f"the document is {what}; expected a mapping of fields")
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, to_findings(exc, doc, model)


def _builtin(source: Traversable, display: str, model: type[M],
             store: Store) -> tuple[M | None, list[Finding], yamlio.YamlDocument]:
    """A built-in file's model, from the cache when its bytes are the ones cached."""
    text = source.read_text(encoding="utf-8")
    key = digest(text, model)
    cached = store.get(display, key, model)
    if cached is not None:  # valid when cached; no positions are ever needed for it
        return cached, [], yamlio.YamlDocument(display, None, None)
    doc = yamlio.parse(text, display)
    parsed, findings = validate_document(doc, model)
    if parsed is not None and not findings:
        store.put(display, key, parsed)
    return parsed, findings, doc


def _parse_model(source: Traversable, display: str, model: type[M],
                 store: Store | None = None) -> M:
    parsed, findings, _ = _builtin(source, display, model, store or Store(None))
    if parsed is None:
        raise ProblemsError(findings)
    return parsed


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    base = resources.checklists_dir() / "clauses"
    store = Store(cache_dir())
    trees: dict[str, ClauseTree] = {}
    for edition in EDITIONS:
        name = f"iso20000-1-{edition}.yaml"
        data = _parse_model(base / name, f"{BUILTIN_PREFIX}/clauses/{name}", ClauseFile, store)
        trees[edition] = ClauseTree(edition, data.standard, {c.id: c for c in data.clauses})
    name = "crosswalk-2011-2018.yaml"
    walk = _parse_model(base / name, f"{BUILTIN_PREFIX}/clauses/{name}", CrosswalkFile, store)
    store.flush()
    return Registry(trees, walk.links, walk.new_in_2018)


@lru_cache(maxsize=1)
def load_companion() -> Companion:
    name = "companion.yaml"
    base = resources.checklists_dir() / "clauses"
    store = Store(cache_dir())
    companion = Companion.build(
        _parse_model(base / name, f"{BUILTIN_PREFIX}/clauses/{name}", CompanionFile, store))
    store.flush()
    return companion


@dataclass
class _Parsed:
    scenario: Scenario
    doc: yamlio.YamlDocument
    builtin: bool


def _finding(doc: yamlio.YamlDocument, loc: tuple[Any, ...], code: Code, message: str,
             hint: str | None = None) -> Finding:
    pos = doc.locate(loc)
    return code.at(doc.display, pos.line if pos else None, pos.col if pos else None, message,
                   hint=hint)


def _check_clauses(parsed: _Parsed, registry: Registry) -> Iterable[Finding]:
    for index, item in enumerate(parsed.scenario.items):
        fields: list[tuple[str, Edition, list[str]]] = [("clauses_2011", "2011", item.clauses_2011)]
        if item.clauses_2018 is not None:
            fields.append(("clauses_2018", "2018", item.clauses_2018))
        for name, edition, clause_ids in fields:
            known = registry.tree(edition).clauses
            for pos, clause_id in enumerate(clause_ids):
                if clause_id not in known:
                    yield _finding(
                        parsed.doc, ("items", index, name, pos), CHECKLIST_CLAUSE,
                        f"{clause_id} is not a clause of ISO/IEC 20000-1:{edition}",
                        did_you_mean(clause_id, known) or "see `sms20k clauses`",
                    )
        primary = item.primary_2018
        if primary is None:
            continue
        known = registry.tree("2018").clauses
        if primary not in known:
            yield _finding(parsed.doc, ("items", index, "primary_2018"), CHECKLIST_CLAUSE,
                           f"{primary} is not a clause of ISO/IEC 20000-1:2018",
                           did_you_mean(primary, known) or "see `sms20k clauses --edition 2018`")
        elif primary not in (item.clauses_2018 or registry.derive_2018(item.clauses_2011)):
            what = "clauses_2018" if item.clauses_2018 else "2018 clauses (from the crosswalk)"
            yield _finding(parsed.doc, ("items", index, "primary_2018"), CHECKLIST_CLAUSE,
                           f"primary_2018 {primary} is not one of the item's {what}",
                           "add it to clauses_2018 or choose one of them")


def _check_numbering(parsed: Sequence[_Parsed]) -> Iterable[Finding]:
    """Items are numbered 01, 02, … without gaps; an item merged into another, in any
    scenario, keeps its number as an alias there."""
    aliases = {a for entry in parsed for item in entry.scenario.items for a in item.aliases}
    for entry in parsed:
        scenario = entry.scenario
        if not scenario.items:
            continue
        mine = [i for i in {item.id for item in scenario.items} | aliases
                if i.rsplit(".", 1)[0] == scenario.id]
        used = {int(i.rsplit(".", 1)[1]) for i in mine}
        missing = sorted(set(range(1, max(used, default=0) + 1)) - used)
        if not missing:
            continue
        width = len(scenario.items[0].id.rsplit(".", 1)[1])
        index = next((n for n, item in enumerate(scenario.items)
                      if int(item.id.rsplit(".", 1)[1]) > missing[0]), 0)
        gaps = ", ".join(f"{scenario.id}.{n:0{width}d}" for n in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        yield _finding(entry.doc, ("items", index, "id"), CHECKLIST_ID,
                       f"item numbers of {scenario.id} skip {gaps}{more}",
                       f"number the items from {scenario.id}.{1:0{width}d} without gaps; an "
                       "item merged into another stays there as an alias")


def _check_items(parsed: _Parsed, companion: Companion) -> Iterable[Finding]:
    scenario = parsed.scenario
    seen: set[str] = set()
    for index, item in enumerate(scenario.items):
        if item.id.rsplit(".", 1)[0] != scenario.id:
            yield _finding(parsed.doc, ("items", index, "id"), CHECKLIST_ID,
                           f"item id {item.id} does not start with the scenario id {scenario.id}",
                           f"rename it to {scenario.id}.{item.id.rsplit('.', 1)[1]}")
        if item.id in seen:
            yield _finding(parsed.doc, ("items", index, "id"), CHECKLIST_ID,
                           f"item id {item.id} is used twice in this scenario",
                           "give every item its own number")
        seen.add(item.id)
        for pos, key in enumerate(item.references):
            if key not in companion.refs:
                yield _finding(parsed.doc, ("items", index, "references", pos),
                               CHECKLIST_REFERENCE,
                               f"{key} is not a known companion-standard reference",
                               did_you_mean(key, companion.refs)
                               or "see checklists/clauses/companion.yaml")
        if item.id in item.aliases or item.id in item.see_also:
            yield _finding(parsed.doc, ("items", index, "id"), CHECKLIST_ID,
                           f"item {item.id} names itself as an alias or cross-reference",
                           "list other items only")
        if item.applicability is None:
            continue
        for field in SCOPING_FIELDS:
            narrowed = getattr(item.applicability, field) or []
            extra = [v for v in narrowed if v not in getattr(scenario.applicability, field)]
            if extra:
                yield _finding(parsed.doc, ("items", index, "applicability", field),
                               CHECKLIST_APPLICABILITY,
                               f"{', '.join(extra)} not in the scenario's {field}",
                               "an item can only narrow its scenario's applicability")


def _check_collisions(parsed: Sequence[_Parsed]) -> Iterable[Finding]:
    scenario_owner: dict[str, _Parsed] = {}
    owners: dict[str, tuple[_Parsed, bool]] = {}
    for entry in parsed:
        sid = entry.scenario.id
        if sid in scenario_owner:
            other = scenario_owner[sid]
            yield _finding(entry.doc, ("id",), CHECKLIST_COLLISION,
                           f"scenario id {sid} is already defined in {other.doc.display}",
                           "give custom checklists their own ids, e.g. X01")
            continue
        scenario_owner[sid] = entry
        for index, item in enumerate(entry.scenario.items):
            ids: list[tuple[tuple[str | int, ...], str, bool]] = [
                (("items", index, "id"), item.id, False)]
            ids += [(("items", index, "aliases", pos), alias, True)
                    for pos, alias in enumerate(item.aliases)]
            for loc, item_id, is_alias in ids:
                prior = owners.get(item_id)
                if prior is None:
                    owners[item_id] = (entry, is_alias)
                    continue
                if prior[0] is entry and not prior[1] and not is_alias:
                    continue  # _check_items reports an id used twice in one scenario
                what = "an alias" if prior[1] else "an item id"
                yield _finding(entry.doc, loc, CHECKLIST_COLLISION,
                               f"{item_id} is already {what} in {prior[0].doc.display}",
                               "give every item and alias an id of its own")


def _check_cross_references(parsed: Sequence[_Parsed]) -> Iterable[Finding]:
    known = {item.id for entry in parsed for item in entry.scenario.items}
    for entry in parsed:
        for index, item in enumerate(entry.scenario.items):
            for pos, ref in enumerate(item.see_also):
                if ref not in known:
                    yield _finding(entry.doc, ("items", index, "see_also", pos),
                                   CHECKLIST_REFERENCE,
                                   f"see_also names {ref}, which is not an item",
                                   did_you_mean(ref, known) or "name an item that exists")


def content_version() -> str:
    """The version of the built-in checklist content (checklists/VERSION), recorded in every
    report so that a verdict can be traced to the guidance it was judged against."""
    return (resources.checklists_dir() / "VERSION").read_text(encoding="utf-8").strip()


def _builtin_sources() -> list[tuple[Traversable, str]]:
    base = resources.checklists_dir() / "scenarios"
    names = sorted(e.name for e in base.iterdir() if e.name.endswith(".yaml"))
    return [(base / name, f"{BUILTIN_PREFIX}/scenarios/{name}") for name in names]


def _real(path: Path) -> Path:
    """``path`` resolved, or as given when it cannot be (a symlink loop is reported when the
    file is read)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def load_catalog(custom_dirs: Sequence[Path] = (), *, builtin: bool = True) -> Catalog:
    """Load the built-in checklists and any custom ones; raise ProblemsError on any problem."""
    registry = load_registry()
    companion = load_companion()
    # (file, name shown, built-in, read through the cache)
    sources: list[tuple[Traversable | Path, str, bool, bool]] = []
    if builtin:
        sources.extend((src, name, True, True) for src, name in _builtin_sources())
    findings: list[Finding] = []
    # Naming the built-in directory itself (lint-checklists checklists/scenarios) reads each
    # built-in file once, under the path given, rather than as a collision with itself.
    own = {_real(src): n for n, (src, *_) in enumerate(sources) if isinstance(src, Path)}
    for directory in custom_dirs:
        files, refused = scenario_files(directory)
        for path in files:
            same = own.get(_real(path))
            if same is None:
                sources.append((path, str(path), False, False))
            else:
                sources[same] = (path, str(path), True, False)
        findings.extend(refused)
    parsed: list[_Parsed] = []
    store = Store(cache_dir())
    for source, display, is_builtin, cached in sources:
        try:
            if cached:
                scenario, problems, doc = _builtin(source, display, Scenario, store)
            else:
                doc = _read(source, display)
                scenario, problems = validate_document(doc, Scenario)
        except InputError as exc:
            findings.append(exc.as_finding(display))
            continue
        findings.extend(problems)
        if scenario is not None:
            parsed.append(_Parsed(scenario, doc, is_builtin))
    store.flush()
    for entry in parsed:
        findings.extend(_check_items(entry, companion))
        findings.extend(_check_clauses(entry, registry))
    findings.extend(_check_collisions(parsed))
    findings.extend(_check_numbering(parsed))
    findings.extend(_check_cross_references(parsed))
    if findings:
        raise ProblemsError(sort_findings(findings))
    return Catalog(registry, [LoadedScenario(p.scenario, p.doc.display, p.builtin) for p in parsed])
