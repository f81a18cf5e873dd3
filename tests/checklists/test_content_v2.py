"""Content v2 (issue 14): the built-in checklists as the whole 20000-1:2018 gap assessment of
a cloud provider, with applicability that scopes and the quality rules every item meets."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.loader import load_catalog, load_companion
from sms20k.checklists.models import DEPLOYMENT_MODELS, SCOPING_FIELDS, SERVICE_CATEGORIES
from sms20k.evidence.models import Manifest
from sms20k.evidence.scope import ScopeIndex


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _values(citem: CatalogItem, field: str) -> set[str]:
    own = citem.item.applicability
    return set((own and getattr(own, field)) or getattr(citem.scenario.applicability, field))


def test_every_2018_leaf_has_two_directly_mapped_items(catalog: Catalog) -> None:
    tree = catalog.registry.tree("2018")
    thin = {leaf: catalog.direct_items("2018", leaf) for leaf in tree.leaves
            if len(catalog.direct_items("2018", leaf)) < 2}
    assert thin == {}


@pytest.mark.parametrize(("field", "value"), [
    *(("service_categories", c) for c in SERVICE_CATEGORIES),
    *(("deployment_models", d) for d in DEPLOYMENT_MODELS),
    ("tenancy", "single"), ("tenancy", "multi"),
    *(("infrastructure", i) for i in ("owned", "colocation", "third-party-cloud")),
])
def test_every_leaf_keeps_an_item_for_each_single_profile(
        catalog: Catalog, field: str, value: str) -> None:
    tree = catalog.registry.tree("2018")
    bare = [leaf for leaf in tree.leaves
            if not any(value in _values(catalog.items[i], field)
                       for i in catalog.direct_items("2018", leaf))]
    assert bare == [], f"no item applies to {value} for these leaves"


def test_narrowing_is_used_on_every_scoping_field(catalog: Catalog) -> None:
    narrowed = {field: [c.id for c in catalog.items.values() if c.item.applicability
                        and getattr(c.item.applicability, field)] for field in SCOPING_FIELDS}
    assert all(narrowed.values()), narrowed


@pytest.mark.parametrize("rule", ["sampling", "questions", "kinds"])
def test_every_item_meets_the_quality_rules(catalog: Catalog, rule: str) -> None:
    def broken(citem: CatalogItem) -> bool:
        item = citem.item
        if rule == "sampling":
            return not any(e.sampling for e in item.evidence)
        if rule == "questions":
            return len(item.questions) < 2
        return any(e.kind == "other" for e in item.evidence)
    assert [c.id for c in catalog.items.values() if broken(c)] == []


def test_role_tags_are_gone_from_the_builtin_content(catalog: Catalog) -> None:
    assert [s.scenario.id for s in catalog.scenarios if s.scenario.applicability.roles] == []
    assert [c.id for c in catalog.items.values()
            if c.item.applicability and c.item.applicability.roles] == []


def test_every_companion_section_is_cited_and_most_items_cite_one(catalog: Catalog) -> None:
    cited = {key for c in catalog.items.values() for key in c.item.references}
    assert sorted(set(load_companion().refs) - cited) == []
    without = [c.id for c in catalog.items.values() if not c.item.references]
    assert len(without) <= len(catalog.items) // 4, without


def test_see_also_is_not_a_merged_id(catalog: Catalog) -> None:
    for citem in catalog.items.values():
        assert not set(citem.item.see_also) & set(catalog.aliases), citem.id


PRIVATE_PAAS = {"id": "paas", "name": "Private PaaS", "categories": ["PaaS"],
                "deployment_models": ["private"], "tenancy": "single"}
PUBLIC_SAAS = {"id": "saas", "name": "Public SaaS", "categories": ["SaaS"],
               "deployment_models": ["public"], "tenancy": "multi"}
DOC = Path(__file__).parents[2] / "docs" / "content.md"
DIFF_ROW = re.compile(r"^\| (S\d\d\.\d\d) \| [^|]+ \| (only [^|]+) \|$", re.M)


def applicable(catalog: Catalog, service: dict[str, object]) -> set[str]:
    manifest = Manifest.model_validate({
        "version": 1, "organization": {"name": "O"},
        "assessment": {"title": "T", "date": dt.date(2026, 12, 1), "assessor": "A"},
        "scope": {"role": "cloud-service-provider", "services": [service]}})
    return {e.item for e in ScopeIndex(manifest, catalog).expected}


def test_a_private_single_tenant_paas_gets_fewer_items_than_a_public_saas(
        catalog: Catalog) -> None:
    paas, saas = applicable(catalog, PRIVATE_PAAS), applicable(catalog, PUBLIC_SAAS)
    assert len(paas) < len(saas)
    # docs/content.md lists the difference, item by item, with the side it applies to.
    documented = {m.group(1): m.group(2) for m in DIFF_ROW.finditer(DOC.read_text())}
    actual = {**{i: "only public multi-tenant SaaS" for i in saas - paas},
              **{i: "only private single-tenant PaaS" for i in paas - saas}}
    assert documented == actual


def test_every_item_recommends_for_each_non_conformant_status(catalog: Catalog) -> None:
    missing = [c.id for c in catalog.items.values() if not (
        (r := c.item.recommendations) and r.partial and r.planned and r.not_implemented)]
    assert missing == []
    long = [c.id for c in catalog.items.values() for text in (
        c.item.recommendations.partial, c.item.recommendations.planned,
        c.item.recommendations.not_implemented)
        if c.item.recommendations and text and len(text.split()) > 50]
    assert long == [], "a recommendation is one or two short sentences"
