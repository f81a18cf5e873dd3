"""The clause registries of both editions and the 2011 -> 2018 crosswalk."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pydantic import Field

from sms20k.modelbase import InputModel

Edition = Literal["2011", "2018"]
EDITIONS: tuple[Edition, ...] = ("2011", "2018")
Relationship = Literal["equal", "subset", "superset", "related"]
FOLLOWED: frozenset[str] = frozenset({"equal", "subset", "superset"})
CLAUSE_ID = r"^\d+(\.\d+)*$"


class Clause(InputModel):
    id: str = Field(pattern=CLAUSE_ID)
    title: str = Field(min_length=1)
    parent: str | None


class ClauseFile(InputModel):
    edition: Edition
    standard: str
    clauses: list[Clause] = Field(min_length=1)


class Link(InputModel):
    from_: str = Field(alias="from", pattern=CLAUSE_ID)
    to: str = Field(pattern=CLAUSE_ID)
    relationship: Relationship
    rationale: str = Field(min_length=1, max_length=160)


class NewClause(InputModel):
    id: str = Field(pattern=CLAUSE_ID)
    note: str


class CrosswalkFile(InputModel):
    from_edition: Literal["2011"]
    to_edition: Literal["2018"]
    links: list[Link]
    new_in_2018: list[NewClause]


def clause_sort_key(clause_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in clause_id.split("."))


@dataclass
class ClauseTree:
    """One edition's clauses, in document order."""

    edition: Edition
    standard: str
    clauses: dict[str, Clause]

    @cached_property
    def children(self) -> dict[str, list[str]]:
        kids: dict[str, list[str]] = {cid: [] for cid in self.clauses}
        for clause in self.clauses.values():
            if clause.parent is not None and clause.parent in kids:
                kids[clause.parent].append(clause.id)
        return kids

    def is_leaf(self, clause_id: str) -> bool:
        return not self.children[clause_id]

    @cached_property
    def leaves(self) -> list[str]:
        return [cid for cid in self.clauses if self.is_leaf(cid)]

    def leaves_under(self, clause_id: str) -> list[str]:
        """The clause itself when it is a leaf, else every leaf below it."""
        if self.is_leaf(clause_id):
            return [clause_id]
        return [leaf for kid in self.children[clause_id] for leaf in self.leaves_under(kid)]

    def ancestors(self, clause_id: str) -> list[str]:
        chain: list[str] = []
        parent = self.clauses[clause_id].parent
        while parent is not None:
            chain.append(parent)
            parent = self.clauses[parent].parent
        return chain

    def depth(self, clause_id: str) -> int:
        return len(self.ancestors(clause_id))


@dataclass
class Registry:
    trees: dict[str, ClauseTree]
    links: list[Link]
    new_in_2018: list[NewClause]
    _forward: dict[str, list[Link]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for link in self.links:
            self._forward.setdefault(link.from_, []).append(link)

    def tree(self, edition: Edition) -> ClauseTree:
        return self.trees[edition]

    def links_from(self, clause_2011: str) -> list[Link]:
        return self._forward.get(clause_2011, [])

    def first_successor(self, clauses_2011: list[str]) -> str | None:
        """The 2018 clause of the first followed link from ``clauses_2011``, in file order."""
        tree = self.trees["2011"]
        for clause in clauses_2011:
            for leaf in tree.leaves_under(clause):
                for link in self.links_from(leaf):
                    if link.relationship in FOLLOWED:
                        return link.to
        return None

    def derive_2018(self, clauses_2011: list[str]) -> list[str]:
        """2018 clauses reached from the leaves of ``clauses_2011`` through followed links."""
        tree = self.trees["2011"]
        found: set[str] = set()
        for clause in clauses_2011:
            for leaf in tree.leaves_under(clause):
                found.update(
                    link.to for link in self.links_from(leaf) if link.relationship in FOLLOWED
                )
        return sorted(found, key=clause_sort_key)
