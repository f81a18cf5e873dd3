"""``sms20k export oscal``: the checklists and an assessment as the OSCAL chain catalog →
profile → system security plan → assessment plan → assessment results.

The repository and its catalog are loaded once, by the assessment."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sms20k import __version__
from sms20k.asof import source_date_epoch
from sms20k.assessment.run import assess
from sms20k.checklists.loader import load_catalog
from sms20k.evidence.hashing import Progress
from sms20k.export.oscal_catalog import EPOCH, Json, build_catalog
from sms20k.export.oscal_plan import build_plan
from sms20k.export.oscal_profile import CATALOG, PLAN, PROFILE, RESULTS, SSP, build_profile
from sms20k.export.oscal_results import build_results
from sms20k.export.oscal_ssp import build_ssp
from sms20k.yamlio import DEFAULT_MAX_BYTES

CATALOG_FILE = CATALOG.file
RESULTS_FILE = RESULTS.file


@dataclass(frozen=True)
class Document:
    path: Path
    data: bytes
    summary: str


def dumps(document: Json) -> bytes:
    """Pretty, stable JSON with a trailing newline: the same document gives the same bytes."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def catalog_timestamp() -> str:
    """SOURCE_DATE_EPOCH if set, else a fixed epoch: never the wall clock."""
    moment = source_date_epoch()
    return EPOCH if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def oscal_documents(directory: Path, repo: Path | None, checklist_dirs: Sequence[Path] = (), *,
                   as_of: dt.date | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   progress: Progress | None = None) -> list[Document]:
    """catalog.json and, unless ``repo`` is None, profile.json, ssp.json, assessment-plan.json
    and assessment-results.json, for ``directory`` (evidence links in the results are relative
    to it). The caller writes them.

    Without a repository the catalog is the built-in checklists plus ``checklist_dirs``; with
    one it is the catalog the repository is assessed against, so every finding's target is in
    it.
    """
    stamp = catalog_timestamp()
    if repo is None:
        catalog = load_catalog(checklist_dirs)
        return [_catalog_document(directory, build_catalog(catalog, version=__version__,
                                                           last_modified=stamp))]
    result = assess(repo, checklist_dirs, as_of=as_of, max_bytes=max_bytes, progress=progress)
    catalog_doc = build_catalog(result.catalog, version=__version__, last_modified=stamp)
    prefix = os.path.relpath(result.root.resolve(), directory.resolve())
    prefix = "" if prefix == "." else prefix.replace(os.sep, "/")
    report = result.report
    profile = build_profile(catalog_doc, version=__version__, last_modified=stamp)
    ssp = build_ssp(report)
    plan = build_plan(report, ssp)
    results = build_results(report, href_prefix=prefix)
    requirements = ssp[SSP.key]["control-implementation"]["implemented-requirements"]
    selection = plan[PLAN.key]["reviewed-controls"]["control-selections"][0]
    body = results[RESULTS.key]["results"][0]
    return [
        _catalog_document(directory, catalog_doc),
        Document(directory / PROFILE.file, dumps(profile), "imports every control"),
        Document(directory / SSP.file, dumps(ssp),
                 f"{len(ssp[SSP.key]['system-implementation']['components'])} components, "
                 f"{len(requirements)} implemented requirements"),
        Document(directory / PLAN.file, dumps(plan),
                 f"{len(selection.get('include-controls', []))} controls reviewed"),
        Document(directory / RESULTS.file, dumps(results),
                 f"{len(body.get('observations', []))} observations, "
                 f"{len(body.get('findings', []))} finding"
                 f"{'s' * (len(body.get('findings', [])) != 1)}"),
    ]


def _catalog_document(directory: Path, document: Json) -> Document:
    groups = document["catalog"]["groups"]
    controls = sum(len(group.get("controls", [])) for group in groups)
    return Document(directory / CATALOG.file, dumps(document),
                    f"{len(groups)} groups, {controls} controls")
