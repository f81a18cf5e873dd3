"""``sms20k init``: write a new evidence repository from the templates.

Every entry it writes is ``not-assessed``: a fresh repository states that nothing has been
judged yet, never that everything failed. Whatever only the user knows (assessor, service
and organization names) is written as a constant of ``placeholders``, which ``validate``
flags until it is replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from sms20k.asof import today as utc_today
from sms20k.atomic import write_all
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.models import (
    DEPLOYMENT_MODELS,
    INFRASTRUCTURES,
    SERVICE_CATEGORIES,
    TENANCIES,
)
from sms20k.errors import InputError, UsageError
from sms20k.evidence import placeholders
from sms20k.evidence.limits import MAX_SERVICES, SERVICES_VARIABLE, limit
from sms20k.evidence.models import (
    STATUSES,
    DeclaredScope,
    Engagement,
    Manifest,
    Organization,
    Service,
)
from sms20k.evidence.repo import MANIFEST_NAME
from sms20k.evidence.scope import ScopeIndex
from sms20k.packaged_templates import render, text_environment
from sms20k.suggest import did_you_mean

T = TypeVar("T", bound=str)
SHORTHAND_ID = "main-service"
SERVICE_FORM = "id:Name:CATEGORIES:MODELS[:tenancy=T][:infrastructure=I]"
SERVICE_EXAMPLE = 'crm:"Nimbus CRM":SaaS:public,community'
# The pattern of ServiceId in evidence/models.py; the manifest would refuse any other id.
_SERVICE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _choose(values: list[str], allowed: tuple[T, ...], what: str) -> list[T]:
    by_lower = {a.lower(): a for a in allowed}
    chosen: list[T] = []
    for value in values:
        match = by_lower.get(value.lower())
        if match is None:
            hint = did_you_mean(value, allowed) or f"choose from {', '.join(allowed)}"
            raise UsageError(f"{value!r} is not a {what} ({hint})")
        if match not in chosen:
            chosen.append(match)
    return chosen


def _bad(spec: str, problem: str) -> UsageError:
    return UsageError(f"--service {spec!r}: {problem}; expected {SERVICE_FORM}, "
                      f"e.g. --service {SERVICE_EXAMPLE}")


def _values(spec: str, text: str, allowed: tuple[T, ...], what: str) -> list[T]:
    names = [part.strip() for part in text.split(",")]
    if not all(names):
        raise _bad(spec, f"an empty {what} in {text!r}; separate them with single commas")
    try:
        chosen = _choose(names, allowed, what)
    except UsageError as exc:
        raise _bad(spec, str(exc)) from None
    if len(chosen) != len(names):
        raise _bad(spec, f"a {what} is listed twice in {text!r}")
    return chosen


_OPTIONAL = ("tenancy", "infrastructure")


def _optional_parts(spec: str, parts: list[str]) -> dict[str, str]:
    """Strip trailing ``tenancy=...`` and ``infrastructure=...`` parts off ``parts``."""
    found: dict[str, str] = {}
    while parts and "=" in parts[-1] and parts[-1].split("=", 1)[0].strip() in _OPTIONAL:
        key, _, text = parts.pop().partition("=")
        key = key.strip()
        if key in found:
            raise _bad(spec, f"{key} is given twice")
        found[key] = text
    return found


def parse_service(spec: str) -> Service:
    """One ``--service id:Name:CATEGORIES:MODELS``, optionally followed by
    ``:tenancy=...`` and ``:infrastructure=...``; the name may itself contain colons."""
    parts = spec.split(":")
    optional = _optional_parts(spec, parts)
    if len(parts) < 4:
        raise _bad(spec, f"{len(parts)} part{'s' * (len(parts) != 1)} where 4 are needed")
    ident, name, categories, models = (parts[0].strip(), ":".join(parts[1:-2]).strip(),
                                       parts[-2], parts[-1])
    if not _SERVICE_ID.fullmatch(ident):
        fixed = "-".join(re.findall(r"[a-z0-9]+", ident.lower()))
        hint = f" (did you mean `{fixed}`?)" if fixed else ""
        raise _bad(spec, f"the id {ident!r} is not lower-case letters and digits joined by "
                   f"single hyphens{hint}")
    if not name:
        raise _bad(spec, "the name is empty")
    return Service(id=ident, name=name,
                   categories=_values(spec, categories, SERVICE_CATEGORIES,
                                      "cloud service category"),
                   deployment_models=_values(spec, models, DEPLOYMENT_MODELS,
                                             "deployment model"),
                   tenancy=_values(spec, optional["tenancy"], TENANCIES, "tenancy")
                   if "tenancy" in optional else None,
                   infrastructure=_values(spec, optional["infrastructure"], INFRASTRUCTURES,
                                          "kind of infrastructure")
                   if "infrastructure" in optional else None)


def choose_services(specs: Sequence[str], categories: Sequence[str] = (),
                    deployments: Sequence[str] = ()) -> list[Service]:
    """The services in scope: each ``--service``, else the one the shorthand options (or
    nothing at all: SaaS, public) describe, with a placeholder name."""
    if specs and (categories or deployments):
        raise UsageError("--service cannot be combined with --service-category or --deployment "
                         "(those describe the single service `main-service`); give each "
                         f"service as --service {SERVICE_FORM}")
    if not specs:
        return [Service(
            id=SHORTHAND_ID, name=placeholders.SERVICE_NAME,
            categories=_choose(list(categories) or ["SaaS"], SERVICE_CATEGORIES,
                               "cloud service category"),
            deployment_models=_choose(list(deployments) or ["public"], DEPLOYMENT_MODELS,
                                      "deployment model"))]
    services: dict[str, Service] = {}
    for spec in specs:
        service = parse_service(spec)
        if service.id in services:
            raise _bad(spec, f"the id {service.id!r} is already given to "
                       f"{services[service.id].name!r}; every service needs its own id")
        services[service.id] = service
    most = limit(SERVICES_VARIABLE, MAX_SERVICES)
    if len(services) > most:
        raise UsageError(f"{len(services):,} services given to --service; sms20k assesses at "
                         f"most {most:,} in one repository")
    return list(services.values())


def scaffold(directory: Path, catalog: Catalog, *, services: Sequence[str] = (),
             categories: Sequence[str] = (), deployments: Sequence[str] = (),
             organization: str | None = None, force: bool = False,
             today: dt.date | None = None) -> list[Path]:
    """Write the repository; refuse (exit 2, nothing written) if any file exists, unless forced.

    Without ``organization`` its name is a placeholder.
    """
    if organization is None:
        organization = placeholders.ORGANIZATION
    if not organization.strip():
        raise UsageError("--organization is empty; give the organization's name, or leave "
                         "the option out for a placeholder")
    chosen = choose_services(services, categories, deployments)
    day = today or utc_today()
    manifest = Manifest(
        version=1, organization=Organization(name=organization),
        assessment=Engagement(title="ISO/IEC 20000-1 gap assessment", date=day,
                              assessor=placeholders.ASSESSOR),
        scope=DeclaredScope(role="cloud-service-provider", services=chosen),
    )
    scope = ScopeIndex(manifest, catalog)
    wanted = {e.item for e in scope.expected}
    env = text_environment()
    files: dict[Path, str] = {
        directory / MANIFEST_NAME: render(env, "init/sms20k.yaml.j2", manifest=manifest,
                                          today=day.isoformat()),
        directory / "README.md": render(env, "init/README.md.j2", organization=organization,
                                        services=chosen),
        directory / "ci" / "github-actions.yml": render(env, "init/ci/github-actions.yml.j2"),
        directory / "ci" / "gitlab-ci.yml": render(env, "init/ci/gitlab-ci.yml.j2"),
    }
    for loaded in catalog.scenarios:
        items = [i for i in loaded.scenario.items if i.id in wanted]
        if items:
            applies = {i.id: [s.id for s in scope.applicable_services(catalog.items[i.id])]
                       for i in items}
            files[directory / "evidence" / f"{loaded.scenario.id}.yaml"] = render(
                env, "init/evidence.yaml.j2", scenario=loaded.scenario, items=items,
                applies=applies, several=len(chosen) > 1, statuses=STATUSES)
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing and not force:
        raise InputError("already exists; nothing was written", path=str(existing[0]),
                         hint="choose an empty directory, or pass --force to overwrite")
    # Even with --force, a symlinked directory on the way or a file that is not a regular one
    # refuses the whole run before anything is written.
    write_all(list(files.items()), parents=True)
    return list(files)
