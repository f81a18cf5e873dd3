"""Structural tests over the shipped checklist content."""

from __future__ import annotations

import re

import pytest

from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.duration import parse_duration

SECTIONS = {f"S{n:02d}": f"5.{n}" for n in range(1, 16)}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _sentences(text: str) -> int:
    return len([s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s])


def test_all_fifteen_scenarios_with_their_sections(catalog: Catalog) -> None:
    assert {s.scenario.id: s.scenario.section for s in catalog.scenarios} == SECTIONS
    assert all(s.builtin for s in catalog.scenarios)


def test_item_counts(catalog: Catalog) -> None:
    for loaded in catalog.scenarios:
        assert 8 <= len(loaded.scenario.items) <= 18, loaded.scenario.id
    assert len(catalog.items) >= 150


def test_item_ids_are_numbered_without_gaps(catalog: Catalog) -> None:
    # A merged item's id stays used (as an alias of the item that absorbed it), so a scenario
    # numbers its items and its merged ids together, in order, without gaps.
    for loaded in catalog.scenarios:
        sid = loaded.scenario.id
        ids = [item.id for item in loaded.scenario.items]
        merged = sorted(a for a in catalog.aliases if a.startswith(f"{sid}."))
        assert ids == sorted(ids), sid
        used = sorted([*ids, *merged])
        assert used == [f"{sid}.{n:02d}" for n in range(1, len(used) + 1)]


def test_items_name_the_most_specific_2011_clause(catalog: Catalog) -> None:
    tree = catalog.registry.tree("2011")
    for citem in catalog.items.values():
        for clause in citem.clauses_2011:
            assert tree.is_leaf(clause), f"{citem.id} names {clause}, which has subclauses"


def test_full_2011_leaf_coverage(catalog: Catalog) -> None:
    assert catalog.uncovered_leaves("2011") == []


def test_2018_coverage_matches_the_documented_gaps(catalog: Catalog) -> None:
    # docs/content.md lists the uncovered 2018 clauses; today there are none.
    assert catalog.uncovered_leaves("2018") == []


def test_required_text_is_present(catalog: Catalog) -> None:
    for loaded in catalog.scenarios:
        s = loaded.scenario
        assert 2 <= _sentences(s.summary) <= 6, s.id
        assert len(s.outcomes) >= 3, s.id
    for citem in catalog.items.values():
        item = citem.item
        assert 2 <= _sentences(item.guidance) <= 5, item.id
        assert len(item.title) >= 10, item.id
        assert item.tags, item.id
        for evidence in item.evidence:
            assert len(evidence.description.split()) >= 6, f"{item.id}: evidence too vague"
            parse_duration(evidence.cadence)
            if evidence.kind in ("record", "report", "register"):
                assert evidence.sampling, f"{item.id}: {evidence.kind} without a sampling note"
        for question in item.questions:
            assert len(question.split()) >= 5, f"{item.id}: {question!r}"


def test_guidance_does_not_just_restate_a_clause_title(catalog: Catalog) -> None:
    titles = {c.title.lower() for c in catalog.registry.tree("2011").clauses.values()}
    for citem in catalog.items.values():
        assert citem.item.guidance.lower().rstrip(".") not in titles, citem.id
        assert citem.item.title.lower() not in titles, citem.id


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def test_no_duplicate_or_near_duplicate_guidance(catalog: Catalog) -> None:
    texts = [(c.id, _shingles(c.item.guidance)) for c in catalog.items.values()]
    for index, (left_id, left) in enumerate(texts):
        for right_id, right in texts[index + 1:]:
            overlap = len(left & right) / max(1, min(len(left), len(right)))
            assert overlap < 0.5, f"{left_id} and {right_id} have near-identical guidance"


def test_near_duplicate_detector_works() -> None:
    text = "Keep a register of every tenant and review it each quarter with the owner."
    assert len(_shingles(text) & _shingles(text + " Extra words.")) / len(_shingles(text)) == 1


def test_no_duplicate_titles(catalog: Catalog) -> None:
    titles = [c.item.title.lower() for c in catalog.items.values()]
    assert len(titles) == len(set(titles))


CLOUD_TOPICS = {
    "multi-tenancy": r"multi-tenan|tenant isolation|isolat",
    "elasticity": r"elastic",
    "self-service": r"self-service",
    "shared responsibility": r"shared.responsibilit|responsibility split",
    "supply chain": r"supply chain|underlying provider|subcontract|sub-processor",
    "data location": r"data location|jurisdiction|residency",
    "portability": r"portab|interoperab",
    "data return and deletion": r"delet",
    "metering": r"meter",
    "continuous delivery": r"pipeline|continuous delivery|deployment automation",
    "onboarding": r"onboard",
    "offboarding": r"offboard",
    "regions and zones": r"region|availability zone",
    "multi-tenant incidents": r"several tenants|multiple tenants|more than one tenant",
}


@pytest.mark.parametrize("topic", CLOUD_TOPICS)
def test_cloud_topics_are_covered(catalog: Catalog, topic: str) -> None:
    pattern = re.compile(CLOUD_TOPICS[topic], re.IGNORECASE)
    hits = [c.id for c in catalog.items.values()
            if pattern.search(c.item.title + " " + c.item.guidance)]
    assert hits, f"no item addresses {topic}"
