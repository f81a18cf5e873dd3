from __future__ import annotations

import pytest

from sms20k.checklists.clauses import EDITIONS, FOLLOWED, Registry, clause_sort_key
from sms20k.checklists.loader import load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_parent_exists_and_matches_the_numbering(registry: Registry, edition: str) -> None:
    tree = registry.tree(edition)  # type: ignore[arg-type]
    for clause in tree.clauses.values():
        expected = clause.id.rsplit(".", 1)[0] if "." in clause.id else None
        assert clause.parent == expected, clause.id
        assert clause.parent is None or clause.parent in tree.clauses


@pytest.mark.parametrize("edition", EDITIONS)
def test_clauses_are_in_document_order(registry: Registry, edition: str) -> None:
    ids = list(registry.tree(edition).clauses)  # type: ignore[arg-type]
    assert ids == sorted(ids, key=clause_sort_key)


def test_ids_are_unique_in_the_source_files() -> None:
    from sms20k.checklists.clauses import ClauseFile
    from sms20k.checklists.loader import _parse_model
    from sms20k.resources import checklists_dir

    for edition in EDITIONS:
        name = f"iso20000-1-{edition}.yaml"
        data = _parse_model(checklists_dir() / "clauses" / name, name, ClauseFile)
        ids = [c.id for c in data.clauses]
        assert len(ids) == len(set(ids)), edition


def test_edition_shapes(registry: Registry) -> None:
    t2011, t2018 = registry.tree("2011"), registry.tree("2018")
    assert [c for c in t2011.clauses if "." not in c] == ["4", "5", "6", "7", "8", "9"]
    assert [c for c in t2018.clauses if "." not in c] == [str(n) for n in range(4, 11)]
    assert "4.5.4.2" in t2011.clauses and t2011.clauses["4.5.4.2"].title == "Internal audit"
    assert {"8.5.1.3", "8.7.3.3", "8.3.4.2"} <= set(t2018.clauses)
    assert len(t2011.leaves) == 39
    assert len(t2018.leaves) == 57


def test_every_crosswalk_end_exists(registry: Registry) -> None:
    for link in registry.links:
        assert link.from_ in registry.tree("2011").clauses, link
        assert link.to in registry.tree("2018").clauses, link
    pairs = [(link.from_, link.to) for link in registry.links]
    assert len(pairs) == len(set(pairs)), "a link is listed twice"


def test_every_2011_clause_maps_to_2018(registry: Registry) -> None:
    for clause_id in registry.tree("2011").clauses:
        assert registry.links_from(clause_id), f"2011 {clause_id} has no 2018 counterpart"
    for leaf in registry.tree("2011").leaves:
        assert registry.derive_2018([leaf]), f"2011 {leaf} derives no 2018 clause"


def test_new_2018_clauses_are_exactly_those_without_a_followed_predecessor(
    registry: Registry,
) -> None:
    reached = {link.to for link in registry.links if link.relationship in FOLLOWED}
    new = {n.id for n in registry.new_in_2018}
    assert new <= set(registry.tree("2018").clauses)
    assert not new & reached
    assert set(registry.tree("2018").leaves) - reached == new


@pytest.mark.parametrize(("clauses", "first"), [
    (["6.5"], "8.4.3"),  # capacity, though demand (8.4.2) sorts first
    (["7.1"], "8.3.2"),  # the related link to 4.2 is never followed
    (["4.1.4", "6.5"], "5.3"), (["6"], "8.3.3"), (["4.1"], "5.1"),
])
def test_the_first_successor_is_the_first_followed_link(
        registry: Registry, clauses: list[str], first: str) -> None:
    assert registry.first_successor(clauses) == first


def test_derivation_follows_only_strong_links(registry: Registry) -> None:
    assert registry.derive_2018(["6.5"]) == ["8.4.2", "8.4.3"]
    assert registry.derive_2018(["7.2"]) == ["8.3.4.1"]  # 8.3.4.2 is only related
    assert registry.derive_2018(["4.5.4.2"]) == ["9.2"]
    # A heading derives through its leaves.
    assert registry.derive_2018(["6.3"]) == ["8.7.1", "8.7.2"]
    assert registry.derive_2018(["9"]) == registry.derive_2018(["9.1", "9.2", "9.3"])


def test_every_link_has_a_one_line_rationale(registry: Registry) -> None:
    for link in registry.links:
        assert link.rationale.strip(), link
        assert "\n" not in link.rationale and len(link.rationale) <= 160, link


def test_no_duplicate_rows(registry: Registry) -> None:
    pairs = [(link.from_, link.to) for link in registry.links]
    assert sorted(pairs) == sorted(set(pairs))
    new = [n.id for n in registry.new_in_2018]
    assert len(new) == len(set(new))


def test_new_in_2018_and_followed_links_are_disjoint_and_cover_every_leaf(
    registry: Registry,
) -> None:
    reached = {link.to for link in registry.links if link.relationship in FOLLOWED}
    new = {n.id for n in registry.new_in_2018}
    assert sorted(new & reached) == []
    assert sorted(set(registry.tree("2018").leaves) - new - reached) == []


# Corrections of issue 14 ("Crosswalk corrections"): (2011, 2018) -> relationship.
CORRECTED = {
    ("7.2", "8.3.4.2"): "related",
    ("4.2", "8.3.4.2"): "superset",
    ("4.5.5.1", "10.1"): "superset",
    ("4.5.5.1", "10.2"): "superset",
    ("5.3", "8.5.2.2"): "superset",
    ("5.3", "8.5.2.3"): "superset",
    ("6.5", "8.4.2"): "superset",
    ("6.5", "8.4.3"): "superset",
    ("7.1", "8.3.2"): "superset",
    ("7.1", "4.2"): "related",
    ("4.1.1", "6.1"): "superset",
    ("6.6.1", "6.1"): "related",
}


@pytest.mark.parametrize(("pair", "relationship"), CORRECTED.items(),
                         ids=[f"{a}->{b}" for a, b in CORRECTED])
def test_corrected_rows(registry: Registry, pair: tuple[str, str], relationship: str) -> None:
    found = {(link.from_, link.to): link.relationship for link in registry.links}
    assert found.get(pair) == relationship


def test_rows_the_issue_adds_exist(registry: Registry) -> None:
    pairs = {(link.from_, link.to) for link in registry.links}
    assert {("4.2", "8.3.4.2"), ("4.1.4", "4.2"), ("7.1", "4.2"), ("4.1.1", "6.1"),
            ("4.2", "8.2.3")} <= pairs
    new = {n.id for n in registry.new_in_2018}
    assert "8.4.2" not in new
