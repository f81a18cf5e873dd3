"""Build the views of the browsing commands (scenarios, show, clauses, catalog)."""

from __future__ import annotations

import re

from sms20k.checklists.browse_views import (
    CatalogView,
    Citation,
    ClauseRow,
    ClauseTreeView,
    ClauseView,
    CrosswalkRow,
    EditionClause,
    ItemDetail,
    ItemLink,
    ItemRow,
    ItemView,
    MatrixRow,
    MatrixView,
    ScenarioDetail,
    ScenarioList,
    ScenarioRow,
    ScenarioView,
)
from sms20k.checklists.catalog import Catalog, CatalogItem, LoadedScenario
from sms20k.checklists.clauses import Edition
from sms20k.checklists.loader import load_companion
from sms20k.checklists.models import is_item_id
from sms20k.checklists.vocabulary import CATEGORY_NAMES, applies_to, effective
from sms20k.errors import InputError
from sms20k.modelbase import View
from sms20k.suggest import did_you_mean

_CLAUSE_REF = re.compile(r"^(?:(2011|2018):)?(\d+(?:\.\d+)*)$")


def _source(loaded: LoadedScenario) -> str:
    return "built-in" if loaded.builtin else loaded.source


def scenario_list(catalog: Catalog) -> ScenarioList:
    return ScenarioList(scenarios=[
        ScenarioRow(id=s.scenario.id, section=s.scenario.section, title=s.scenario.title,
                    items=len(s.scenario.items), source=_source(s))
        for s in catalog.scenarios
    ], categories=CATEGORY_NAMES)


def _refs(catalog: Catalog, edition: Edition, ids: tuple[str, ...]) -> list[EditionClause]:
    tree = catalog.registry.tree(edition)
    return [EditionClause(edition=edition, id=cid, title=tree.clauses[cid].title) for cid in ids]


def item_detail(catalog: Catalog, citem: CatalogItem) -> ItemDetail:
    item = citem.item
    companion = load_companion()
    return ItemDetail(
        id=item.id, scenario=citem.scenario.id, title=item.title, guidance=item.guidance,
        criticality=item.criticality,
        clauses_2011=_refs(catalog, "2011", citem.clauses_2011),
        clauses_2018=_refs(catalog, "2018", citem.clauses_2018),
        clauses_2018_derived=citem.derived_2018, applicability=item.applicability,
        applies_to=applies_to(effective(citem.scenario.applicability, item.applicability),
                              compact=True),
        references=[Citation(key=key, citation=ref.citation, topic=ref.topic)
                    for key in item.references if (ref := companion.refs.get(key))],
        aliases=list(item.aliases), recommendations=item.recommendations,
        see_also=[ItemLink(id=ref, title=catalog.items[ref].item.title)
                  for ref in item.see_also if ref in catalog.items],
        evidence=list(item.evidence), questions=list(item.questions), tags=list(item.tags),
    )


def scenario_detail(catalog: Catalog, loaded: LoadedScenario) -> ScenarioDetail:
    s = loaded.scenario
    return ScenarioDetail(
        id=s.id, section=s.section, title=s.title, summary=s.summary, outcomes=list(s.outcomes),
        applicability=s.applicability, applies_to=applies_to(s.applicability),
        source=_source(loaded),
        items=[item_detail(catalog, ci) for ci in catalog.scenario_items(s.id)],
    )


def catalog_view(catalog: Catalog) -> CatalogView:
    return CatalogView(scenarios=[scenario_detail(catalog, s) for s in catalog.scenarios],
                       items=len(catalog.items))


def clause_view(catalog: Catalog, edition: Edition, clause_id: str) -> ClauseView:
    registry = catalog.registry
    tree = registry.tree(edition)
    clause = tree.clauses[clause_id]
    crosswalk: list[CrosswalkRow] = []
    if edition == "2011":
        other = registry.tree("2018")
        crosswalk = [CrosswalkRow(edition="2018", id=link.to, title=other.clauses[link.to].title,
                                  relationship=link.relationship, rationale=link.rationale)
                     for link in registry.links_from(clause_id)]
    else:
        other = registry.tree("2011")
        crosswalk = [CrosswalkRow(edition="2011", id=link.from_,
                                  title=other.clauses[link.from_].title,
                                  relationship=link.relationship, rationale=link.rationale)
                     for link in registry.links if link.to == clause_id]
    new = next((n.note for n in registry.new_in_2018 if n.id == clause_id), None)
    direct = set(catalog.direct_items(edition, clause_id))
    items = [
        ItemRow(id=iid, title=catalog.items[iid].item.title,
                criticality=catalog.items[iid].item.criticality,
                via=clause_id if iid in direct else "subclause")
        for iid in catalog.items_for_clause(edition, clause_id)
    ]
    return ClauseView(
        edition=edition, id=clause_id, title=clause.title, parent=clause.parent,
        subclauses=_refs(catalog, edition, tuple(tree.children[clause_id])),
        crosswalk=crosswalk, new_in_2018=new if edition == "2018" else None, items=items,
    )


def clause_tree(catalog: Catalog, edition: Edition) -> ClauseTreeView:
    tree = catalog.registry.tree(edition)
    uncovered = catalog.uncovered_leaves(edition)
    rows = []
    for cid, clause in tree.clauses.items():
        items = catalog.items_for_clause(edition, cid)
        rows.append(ClauseRow(id=cid, title=clause.title, parent=clause.parent,
                              depth=tree.depth(cid), leaf=tree.is_leaf(cid), items=items,
                              covered=bool(items)))
    return ClauseTreeView(edition=edition, standard=tree.standard, clauses=rows,
                          leaves=len(tree.leaves), covered_leaves=len(tree.leaves) - len(uncovered),
                          uncovered=uncovered)


DEFAULT_EDITION: Edition = "2018"
"""What a bare clause id (``8.3.3``) means: the edition certification audits use."""


def show(catalog: Catalog, ref: str) -> View:
    """Resolve ``S07``, ``s07.03``, ``8.3.3`` (2018), ``2011:6.1`` or ``2018:8.3.3`` to its
    view; ids are matched in any case and shown in their own."""
    shown = ref.strip()
    text = shown.upper()
    loaded = catalog.scenario(text)
    if loaded is not None:
        return ScenarioView(scenario=scenario_detail(catalog, loaded))
    if is_item_id(text) and text in catalog.items:
        return ItemView(item=item_detail(catalog, catalog.items[text]))
    if is_item_id(text) and text in catalog.aliases:
        return ItemView(item=item_detail(catalog, catalog.items[catalog.aliases[text]]),
                        merged=text)
    match = _CLAUSE_REF.match(text)
    if match:
        edition: Edition = "2011" if match.group(1) == "2011" else DEFAULT_EDITION
        if match.group(2) in catalog.registry.tree(edition).clauses:
            return clause_view(catalog, edition, match.group(2))
        known = list(catalog.registry.tree(edition).clauses)
        raise InputError(f"{shown!r} is not a clause of ISO/IEC 20000-1:{edition}",
                         hint=did_you_mean(match.group(2), known)
                         or f"see `sms20k clauses --edition {edition}`")
    candidates = [s.scenario.id for s in catalog.scenarios] + list(catalog.items)
    hint = did_you_mean(text, candidates)
    raise InputError(
        f"{shown!r} is not a scenario, item or clause",
        hint=hint or "use a scenario (S07), an item (S07.03) or a clause (8.3.3, 2011:6.1)",
    )



def matrix(catalog: Catalog, edition: Edition, *, leaves_only: bool = True) -> MatrixView:
    """Scenario x clause matrix: how many items of each scenario serve each clause."""
    tree = catalog.registry.tree(edition)
    scenario_ids = [s.scenario.id for s in catalog.scenarios]
    rows = []
    for cid, clause in tree.clauses.items():
        if leaves_only and not tree.is_leaf(cid):
            continue
        items = catalog.items_for_clause(edition, cid)
        counts = {sid: 0 for sid in scenario_ids}
        for iid in items:
            counts[catalog.items[iid].scenario.id] += 1
        rows.append(MatrixRow(clause=cid, title=clause.title, leaf=tree.is_leaf(cid),
                              counts=counts, total=len(items)))
    return MatrixView(edition=edition, scenarios=scenario_ids, rows=rows)
