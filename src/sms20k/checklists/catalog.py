"""The loaded checklist catalog: scenarios, items with both editions' clauses, and lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sms20k.checklists.clauses import Edition, Registry
from sms20k.checklists.models import Item, Scenario


@dataclass(frozen=True)
class CatalogItem:
    item: Item
    scenario: Scenario
    clauses_2011: tuple[str, ...]
    clauses_2018: tuple[str, ...]
    derived_2018: bool
    derived_primary: str | None = None
    """For a derived mapping: the 2018 clause of the first followed crosswalk link."""

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def primary_2018(self) -> str:
        """The clause an audit finding on this item cites (always 2018): the item's own choice;
        for a derived mapping, where the crosswalk leads first (a split clause lists its main
        successor first, so 2011 6.5 cites capacity, not demand); else the first it names."""
        return self.item.primary_2018 or self.derived_primary or self.clauses_2018[0]

    def clauses(self, edition: Edition) -> tuple[str, ...]:
        return self.clauses_2011 if edition == "2011" else self.clauses_2018


@dataclass(frozen=True)
class LoadedScenario:
    scenario: Scenario
    source: str
    builtin: bool


@dataclass
class Catalog:
    registry: Registry
    scenarios: list[LoadedScenario]
    items: dict[str, CatalogItem] = field(init=False)
    aliases: dict[str, str] = field(init=False)
    """Merged item id -> the id of the item that absorbed it."""

    def __post_init__(self) -> None:
        self.items = {}
        self.aliases = {}
        for loaded in self.scenarios:
            for item in loaded.scenario.items:
                self.aliases.update((alias, item.id) for alias in item.aliases)
                override = item.clauses_2018
                self.items[item.id] = CatalogItem(
                    item=item,
                    scenario=loaded.scenario,
                    clauses_2011=tuple(item.clauses_2011),
                    clauses_2018=tuple(override or self.registry.derive_2018(item.clauses_2011)),
                    derived_2018=override is None,
                    derived_primary=None if override else self.registry.first_successor(
                        item.clauses_2011),
                )

    def scenario(self, scenario_id: str) -> LoadedScenario | None:
        return next((s for s in self.scenarios if s.scenario.id == scenario_id), None)

    def scenario_items(self, scenario_id: str) -> list[CatalogItem]:
        return [ci for ci in self.items.values() if ci.scenario.id == scenario_id]

    @cached_property
    def _direct(self) -> dict[Edition, dict[str, list[str]]]:
        index: dict[Edition, dict[str, list[str]]] = {"2011": {}, "2018": {}}
        for citem in self.items.values():
            for edition in index:
                for clause in citem.clauses(edition):
                    index[edition].setdefault(clause, []).append(citem.id)
        return index

    def direct_items(self, edition: Edition, clause_id: str) -> list[str]:
        """Items that name ``clause_id`` itself."""
        return list(self._direct[edition].get(clause_id, []))

    def items_for_clause(self, edition: Edition, clause_id: str) -> list[str]:
        """Items that name ``clause_id`` or any clause below it, in catalog order."""
        tree = self.registry.tree(edition)
        wanted = {clause_id}
        pending = [clause_id]
        while pending:
            kids = tree.children.get(pending.pop(), [])
            wanted.update(kids)
            pending.extend(kids)
        found = {iid for cid in wanted for iid in self._direct[edition].get(cid, [])}
        return [iid for iid in self.items if iid in found]

    def uncovered_leaves(self, edition: Edition) -> list[str]:
        tree = self.registry.tree(edition)
        return [leaf for leaf in tree.leaves if not self._direct[edition].get(leaf)]
