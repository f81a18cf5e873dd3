"""Words for the cloud vocabulary the checklists use (ISO/IEC 17788 categories and models)."""

from __future__ import annotations

from collections.abc import Sequence

from sms20k.checklists.models import (
    INFRASTRUCTURES,
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


def applies_to(app: Applicability | ItemApplicability, *, spell: bool = True) -> str:
    """One line: categories; deployment models; tenancy and infrastructure when narrowed."""
    parts: list[str] = []
    categories = app.service_categories
    if categories:
        every = set(categories) == set(SERVICE_CATEGORIES)
        shown = ("every service category" if every and not spell else
                 ", ".join(category_label(c) if spell else c for c in categories))
        parts.append(shown)
    if app.deployment_models:
        parts.append(", ".join(app.deployment_models) + " clouds")
    parts += _narrowed(app.tenancy, TENANCIES, TENANCY_NAMES)
    parts += _narrowed(app.infrastructure, INFRASTRUCTURES, INFRASTRUCTURE_NAMES)
    return "; ".join(parts)


def _narrowed(values: Sequence[str] | None, every: Sequence[str],
              names: dict[str, str]) -> list[str]:
    if not values or set(values) == set(every):
        return []
    return [" or ".join(names[v] for v in values)]
