"""What the scope expects: which items apply, to which services, and which are excluded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.models import SCOPING_FIELDS
from sms20k.evidence.models import Exclusion, Manifest, Service


@dataclass(frozen=True)
class Expected:
    item: str
    service: str | None


class ScopeIndex:
    def __init__(self, manifest: Manifest, catalog: Catalog) -> None:
        self.manifest = manifest
        self.catalog = catalog
        self.services: dict[str, Service] = {s.id: s for s in manifest.scope.services}
        self._per_service = set(manifest.scope.per_service)
        self._applicable: dict[tuple[frozenset[str], ...], list[Service]] = {}

    def known_id(self, ref: str) -> bool:
        return ref in self.catalog.items or self.catalog.scenario(ref) is not None

    @cached_property
    def excluded(self) -> dict[str, Exclusion]:
        """Item id -> the exclusion that removes it (by item or by scenario)."""
        result: dict[str, Exclusion] = {}
        for exclusion in self.manifest.exclusions:
            for item_id, citem in self.catalog.items.items():
                if exclusion.id in (item_id, citem.scenario.id):
                    result.setdefault(item_id, exclusion)
        return result

    def per_service(self, item_id: str) -> bool:
        citem = self.catalog.items[item_id]
        return item_id in self._per_service or citem.scenario.id in self._per_service

    def applicable_services(self, citem: CatalogItem) -> list[Service]:
        own = citem.item.applicability
        scenario = citem.scenario.applicability
        key = tuple(frozenset((own and getattr(own, name)) or getattr(scenario, name))
                    for name in SCOPING_FIELDS)
        found = self._applicable.get(key)
        if found is None:
            found = self._applicable[key] = [s for s in self.services.values()
                                             if _matches(s, *key)]
        return found

    def result_count(self) -> int:
        """How many results the engine builds: one per applicable item, or one per item
        and applicable service for the items assessed per service."""
        total = 0
        for item_id, citem in self.catalog.items.items():
            services = len(self.applicable_services(citem))
            total += services if services and self.per_service(item_id) else min(services, 1)
        return total

    @cached_property
    def expected(self) -> list[Expected]:
        """Every (item, service) pair the scope expects an entry for, in catalog order."""
        wanted: list[Expected] = []
        for item_id, citem in self.catalog.items.items():
            if item_id in self.excluded:
                continue
            services = self.applicable_services(citem)
            if not services:
                continue
            if self.per_service(item_id):
                wanted.extend(Expected(item_id, s.id) for s in services)
            else:
                wanted.append(Expected(item_id, None))
        return wanted


def _matches(service: Service, categories: frozenset[str], models: frozenset[str],
             tenancy: frozenset[str], infrastructure: frozenset[str]) -> bool:
    """An item applies to a service that shares a category and a deployment model with it,
    and whose tenancy and infrastructure, where the service declares them, the item covers."""
    return bool(categories & set(service.categories)
                and models & set(service.deployment_models)
                and (service.tenancy is None or tenancy & set(service.tenancy))
                and (service.infrastructure is None
                     or infrastructure & set(service.infrastructure)))
