"""Whether a row's item and service are ones the scope asks about: the checks an edited
item or service cell fails, in the words of the matching ``validate`` problems."""

from __future__ import annotations

from dataclasses import dataclass

from sms20k import codes
from sms20k.codes import Code
from sms20k.evidence.scope import ScopeIndex

HINT = "export a questionnaire with `sms20k questionnaire` and fill that in"


@dataclass(frozen=True)
class Misfit:
    code: Code
    column: str
    message: str
    hint: str


def scope_misfit(scope: ScopeIndex, item: str, service: str | None) -> Misfit | None:
    """Why the scope has no row for this item and service, or None when it has one."""
    citem = scope.catalog.items.get(item)
    if citem is None:
        return Misfit(codes.UNKNOWN_ITEM, "item", f"unknown item {item!r:.40}", HINT)
    if service is not None and service not in scope.services:
        return Misfit(codes.UNKNOWN_SERVICE, "service", f"unknown service {service!r:.40}",
                      "use a service id of the manifest's scope")
    if item in scope.excluded:
        return Misfit(codes.EXCLUDED_ITEM, "item", f"{item} is excluded by the manifest",
                      "remove the row or the exclusion")
    applicable = [s.id for s in scope.applicable_services(citem)]
    if not applicable or (service is not None and service not in applicable):
        return Misfit(codes.EXCLUDED_ITEM, "item", f"{item} does not apply to "
                      f"{service or 'any service in scope'}", "remove the row")
    if scope.per_service(item) and service is None:
        return Misfit(codes.SERVICE_REQUIRED, "service",
                      f"{item} is assessed per service; the row names none", HINT)
    if not scope.per_service(item) and service is not None:
        return Misfit(codes.SERVICE_NOT_EXPECTED, "service", f"{item} is assessed once for "
                      "the whole scope; the row names a service", HINT)
    return None
