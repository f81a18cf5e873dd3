"""``sms20k init``: write a new evidence repository from the templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

from sms20k.atomic import write_all
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.models import DEPLOYMENT_MODELS, SERVICE_CATEGORIES
from sms20k.errors import InputError, UsageError
from sms20k.evidence.models import DeclaredScope, Engagement, Manifest, Organization, Service
from sms20k.evidence.repo import MANIFEST_NAME
from sms20k.evidence.scope import ScopeIndex
from sms20k.packaged_templates import render, text_environment
from sms20k.suggest import did_you_mean

T = TypeVar("T", bound=str)


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


def scaffold(directory: Path, catalog: Catalog, *, categories: list[str], deployments: list[str],
             organization: str, force: bool = False, today: dt.date | None = None) -> list[Path]:
    """Write the repository; refuse (exit 2, nothing written) if any file exists, unless forced."""
    cats = _choose(categories or ["SaaS"], SERVICE_CATEGORIES, "cloud service category")
    deps = _choose(deployments or ["public"], DEPLOYMENT_MODELS, "deployment model")
    day = today or dt.date.today()
    manifest = Manifest(
        version=1, organization=Organization(name=organization),
        assessment=Engagement(title="ISO/IEC 20000-1 gap assessment", date=day, assessor="-"),
        scope=DeclaredScope(role="cloud-service-provider", services=[
            Service(id="main-service", name="-", categories=cats, deployment_models=deps)]),
    )
    wanted = {e.item for e in ScopeIndex(manifest, catalog).expected}
    env = text_environment()
    files: dict[Path, str] = {
        directory / MANIFEST_NAME: render(env, "init/sms20k.yaml.j2", organization=organization,
                                          today=day.isoformat(), categories=cats,
                                          deployments=deps),
        directory / "README.md": render(env, "init/README.md.j2", organization=organization),
        directory / "ci" / "github-actions.yml": render(env, "init/ci/github-actions.yml.j2"),
        directory / "ci" / "gitlab-ci.yml": render(env, "init/ci/gitlab-ci.yml.j2"),
    }
    for loaded in catalog.scenarios:
        items = [i for i in loaded.scenario.items if i.id in wanted]
        if items:
            files[directory / "evidence" / f"{loaded.scenario.id}.yaml"] = render(
                env, "init/evidence.yaml.j2", scenario=loaded.scenario, items=items)
    existing = [p for p in files if p.exists() or p.is_symlink()]
    if existing and not force:
        raise InputError("already exists; nothing was written", path=str(existing[0]),
                         hint="choose an empty directory, or pass --force to overwrite")
    # Even with --force, a symlinked directory on the way or a file that is not a regular one
    # refuses the whole run before anything is written.
    write_all(list(files.items()), parents=True)
    return list(files)
