"""The checklist catalog as an OSCAL catalog, and the helpers both OSCAL documents share."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Any

from sms20k.checklists.catalog import Catalog, CatalogItem
from sms20k.checklists.loader import load_companion
from sms20k.checklists.models import Scenario

OSCAL_VERSION = "1.2.1"
NS = "https://sms20k.invalid/ns/oscal"
RMF_NS = "http://csrc.nist.gov/ns/rmf"
UUID_NAMESPACE = uuid.UUID("e44b769e-7ffc-55bf-bc5b-187cfc11e74e")
"""uuid5(NAMESPACE_URL, NS): the root of every UUID sms20k writes."""
CATALOG_TITLE = "sms20k checklists for ISO/IEC 20000-1 (cloud)"
# The date of this catalog content; used when SOURCE_DATE_EPOCH is not set.
EPOCH = "2026-11-29T00:00:00Z"

Json = dict[str, Any]
_MARKDOWN = re.compile(r"([\\<>\[\]])")


def stable_uuid(*names: str) -> str:
    """The same names give the same UUID on every run, so exports diff cleanly."""
    return str(uuid.uuid5(UUID_NAMESPACE, json.dumps(list(names), ensure_ascii=False)))


def digest(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def markup(text: str) -> str:
    """OSCAL prose is Markdown: escape what a GRC tool would render as HTML or a link."""
    return _MARKDOWN.sub(r"\\\1", text.strip())


def line(text: str) -> str:
    """A markup-line: one line, escaped."""
    return markup(" ".join(text.split()))


def prop(name: str, value: str, *, ns: str | None = NS, cls: str | None = None) -> Json:
    result: Json = {"name": name}
    if ns:
        result["ns"] = ns
    result["value"] = " ".join(value.split())
    if cls:
        result["class"] = cls
    return result


def control_id(item_id: str) -> str:
    return item_id.lower()


def objective_id(item_id: str) -> str:
    return f"{control_id(item_id)}_obj"


def build_catalog(catalog: Catalog, *, version: str, last_modified: str) -> Json:
    """``{"catalog": ...}`` with one group per scenario and one control per item."""
    groups = [_group(loaded.scenario, catalog.scenario_items(loaded.scenario.id))
              for loaded in catalog.scenarios]
    metadata: Json = {
        "title": CATALOG_TITLE,
        "last-modified": last_modified,
        "version": version,
        "oscal-version": OSCAL_VERSION,
    }
    return {"catalog": {"uuid": stable_uuid("catalog", digest(groups)), "metadata": metadata,
                        "groups": groups}}


APPLICABILITY_PROPS = (("service-category", "service_categories"),
                       ("deployment-model", "deployment_models"), ("tenancy", "tenancy"),
                       ("infrastructure", "infrastructure"))


def _group(scenario: Scenario, items: list[CatalogItem]) -> Json:
    gid = control_id(scenario.id)
    props = [prop("label", scenario.id, ns=None)]
    if scenario.section:
        props.append(prop("tr20000-9-section", scenario.section))
    applies = scenario.applicability
    for name, field in APPLICABILITY_PROPS:
        props += [prop(name, v) for v in getattr(applies, field)]
    outcomes = "\n".join(f"- {line(text)}" for text in scenario.outcomes)
    group: Json = {"id": gid, "title": line(scenario.title), "props": props, "parts": [
        {"id": f"{gid}_ovw", "name": "overview",
         "prose": f"{markup(scenario.summary)}\n\nOutcomes:\n\n{outcomes}"},
    ]}
    if items:
        group["controls"] = [_control(citem) for citem in items]
    return group


def _control(citem: CatalogItem) -> Json:
    item = citem.item
    cid = control_id(item.id)
    props = [prop("label", item.id, ns=None), prop("criticality", item.criticality)]
    props += [prop("tag", tag) for tag in item.tags]
    props += [prop("iso20000-1-2011-clause", c) for c in citem.clauses_2011]
    derived = "crosswalk" if citem.derived_2018 else None
    props += [prop("iso20000-1-2018-clause", c, cls=derived) for c in citem.clauses_2018]
    props.append(prop("iso20000-1-2018-primary-clause", citem.primary_2018))
    if narrowed := item.applicability:
        for name, field in APPLICABILITY_PROPS:
            props += [prop(name, v) for v in getattr(narrowed, field) or ()]
    companion = load_companion().refs
    props += [prop("companion-reference", companion[key].citation)
              for key in item.references if key in companion]
    props += [prop("merged-id", alias) for alias in item.aliases]
    examine = [_evidence_part(e.kind, e.description, e.cadence, e.sampling)
               for e in item.evidence]
    interview = [{"name": "assessment-objects", "prose": markup(q)} for q in item.questions]
    return {
        "id": cid,
        "title": line(item.title),
        "props": props,
        "parts": [
            {"id": f"{cid}_smt", "name": "statement", "prose": markup(item.guidance)},
            {"id": objective_id(item.id), "name": "assessment-objective",
             "prose": f"Determine that: {line(item.title)}."},
            _method(cid, "EXAMINE", examine),
            _method(cid, "INTERVIEW", interview),
        ],
    }


def _method(cid: str, method: str, objects: list[Json]) -> Json:
    return {"id": f"{cid}_asm-{method.lower()}", "name": "assessment-method",
            "props": [prop("method", method, ns=RMF_NS)], "parts": objects}


def _evidence_part(kind: str, description: str, cadence: str, sampling: str | None) -> Json:
    prose = markup(description)
    if sampling:
        prose += f"\n\nSampling: {markup(sampling)}"
    return {"name": "assessment-objects",
            "props": [prop("evidence-kind", kind), prop("cadence", cadence)], "prose": prose}
