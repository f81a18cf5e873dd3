"""The documented size limits of one evidence repository (docs/evidence-format.md, "Limits").

Below them every command's cost grows linearly; beyond them sms20k refuses with exit 2 before
it builds anything, so a small manifest cannot ask for hundreds of thousands of results.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sms20k.errors import ProblemsError, UsageError

if TYPE_CHECKING:
    from sms20k.evidence.models import Manifest
    from sms20k.evidence.scope import ScopeIndex
    from sms20k.yamlio import YamlDocument

MAX_SERVICES = 200
MAX_RESULTS = 20_000
MAX_INCLUDE_PATTERNS = 1000

# Whoever runs sms20k (a CI job's own configuration, never the repository) may raise them.
SERVICES_VARIABLE = "SMS20K_MAX_SERVICES"
RESULTS_VARIABLE = "SMS20K_MAX_RESULTS"

SPLIT = "split the repository by service, one sms20k.yaml for each group of services"


def _refuse(doc: YamlDocument, key: str, message: str, hint: str) -> ProblemsError:
    """A SCOPE_TOO_LARGE problem at the ``scope.KEY:`` line of the manifest."""
    from sms20k.codes import SCOPE_TOO_LARGE  # the finding model loads only when refusing

    pos = doc.locate(("scope", key), key=True)
    return ProblemsError([SCOPE_TOO_LARGE.at(doc.display, pos.line if pos else None,
                                             pos.col if pos else None, message, hint=hint)])


def limit(variable: str, default: int) -> int:
    """The limit set in the environment variable, else the default."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise UsageError(f"{variable}={text[:20]!r} is not a whole number from 1 to 999999999; "
                         f"unset it for the default of {default:,}")
    return int(text)


def check_services(manifest: Manifest, doc: YamlDocument) -> None:
    services = len(manifest.scope.services)
    most = limit(SERVICES_VARIABLE, MAX_SERVICES)
    if services > most:
        raise _refuse(doc, "services", f"{services:,} services in scope; sms20k assesses "
                      f"at most {most:,} in one repository",
                      f"{SPLIT} (or raise {SERVICES_VARIABLE} in the CI job)")


def check_results(scope: ScopeIndex, doc: YamlDocument) -> None:
    """Refuse a scope whose results (one per item, or per item and service for the items
    of ``scope.per_service``) would exceed MAX_RESULTS; ``doc`` is its manifest."""
    results = scope.result_count()
    most = limit(RESULTS_VARIABLE, MAX_RESULTS)
    if results <= most:
        return
    per_service = scope.manifest.scope.per_service
    raise _refuse(
        doc, "per_service" if per_service else "services",
        f"the scope yields {results:,} results ({len(scope.catalog.items):,} items, "
        f"{len(scope.services):,} services, "
        f"{len(per_service):,} ids in scope.per_service); sms20k builds at most "
        f"{most:,}", f"narrow scope.per_service, or {SPLIT} (or raise {RESULTS_VARIABLE} in "
        "the CI job)")
