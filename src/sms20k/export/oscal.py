"""``sms20k export oscal``: the checklists and an assessment as OSCAL JSON documents.

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
from sms20k.export.oscal_results import build_results
from sms20k.yamlio import DEFAULT_MAX_BYTES

CATALOG_FILE = "catalog.json"
RESULTS_FILE = "assessment-results.json"


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
    """catalog.json and, unless ``repo`` is None, assessment-results.json, for ``directory``
    (links in the results are relative to it). The caller writes them.

    Without a repository the catalog is the built-in checklists plus ``checklist_dirs``; with
    one it is the catalog the repository is assessed against, so every finding's target is in
    it.
    """
    documents: list[Document] = []
    if repo is None:
        catalog = load_catalog(checklist_dirs)
    else:
        result = assess(repo, checklist_dirs, as_of=as_of, max_bytes=max_bytes,
                        progress=progress)
        catalog = result.catalog
        prefix = os.path.relpath(result.root.resolve(), directory.resolve())
        prefix = "" if prefix == "." else prefix.replace(os.sep, "/")
        results = build_results(result.report, href_prefix=prefix)
        body = results["assessment-results"]["results"][0]
        documents.append(Document(directory / RESULTS_FILE, dumps(results),
                                  f"{len(body.get('observations', []))} observations, "
                                  f"{len(body.get('findings', []))} findings"))
    document = build_catalog(catalog, version=__version__, last_modified=catalog_timestamp())
    groups = document["catalog"]["groups"]
    controls = sum(len(group.get("controls", [])) for group in groups)
    documents.insert(0, Document(directory / CATALOG_FILE, dumps(document),
                                 f"{len(groups)} groups, {controls} controls"))
    return documents
