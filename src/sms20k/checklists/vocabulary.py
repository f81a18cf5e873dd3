"""Words for the cloud vocabulary the checklists use (ISO/IEC 17788 categories and models)."""

from __future__ import annotations

from collections.abc import Sequence

from sms20k.checklists.models import (
    DEPLOYMENT_MODELS,
    INFRASTRUCTURES,
    SCOPING_FIELDS,
    SERVICE_CATEGORIES,
    TENANCIES,
    Applicability,
    ItemApplicability,
)

# ISO/IEC 17788 names; CaaS is communications (not containers) as a service.
CATEGORY_NAMES: dict[str, str] = {
    "CaaS": "communications as a service",
    "CompaaS": "compute as a service",
    "DSaaS": "data storage as a service",
    "IaaS": "infrastructure as a service",
    "NaaS": "network as a service",
    "PaaS": "platform as a service",
    "SaaS": "software as a service",
}
TENANCY_NAMES: dict[str, str] = {"single": "single-tenant", "multi": "multi-tenant"}
INFRASTRUCTURE_NAMES: dict[str, str] = {
    "owned": "own hardware", "colocation": "own hardware in colocation",
    "third-party-cloud": "another provider's cloud",
}


def category_label(category: str) -> str:
    """``CaaS (communications as a service)``."""
    name = CATEGORY_NAMES.get(category)
    return f"{category} ({name})" if name else category


def effective(scenario: Applicability, item: ItemApplicability | None) -> Applicability:
    """The scenario's applicability narrowed by the item's."""
    if item is None:
        return scenario
    narrowed = {f: getattr(item, f) for f in SCOPING_FIELDS if getattr(item, f)}
    return scenario.model_copy(update=narrowed)


def applies_to(app: Applicability, *, compact: bool = False) -> str:
    """One line: categories (spelled out); deployment models; tenancy and infrastructure when
    narrowed. ``compact`` says "every service category" rather than listing all seven."""
    every = set(app.service_categories) == set(SERVICE_CATEGORIES)
    parts = ["every service category" if compact and every else
             ", ".join(category_label(c) for c in app.service_categories)]
    if compact and set(app.deployment_models) == set(DEPLOYMENT_MODELS):
        parts.append("every deployment model")
    else:
        parts.append(", ".join(app.deployment_models) + " clouds")
    parts += _narrowed(app.tenancy, TENANCIES, TENANCY_NAMES)
    parts += _narrowed(app.infrastructure, INFRASTRUCTURES, INFRASTRUCTURE_NAMES)
    return "; ".join(parts)


def _narrowed(values: Sequence[str], every: Sequence[str],
              names: dict[str, str]) -> list[str]:
    if not values or set(values) == set(every):
        return []
    return [" or ".join(names[v] for v in values)]
