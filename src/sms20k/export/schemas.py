"""JSON Schemas of sms20k's file formats, generated from the Pydantic models.

Each has a stable ``$id``, ``https://sms20k.example/schemas/<kind>-<format version>.json``:
it changes only when the format version of the files it describes does. ``.example`` is a
reserved domain (RFC 2606), so the id names the schema and is never fetched; the schemas
themselves are ``schemas/*.json`` in the repository and ``sms20k/_data/schemas`` in the wheel,
kept equal to this module's output by tests/export/test_schemas.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter

from sms20k.codes import CODES
from sms20k.errors import UsageError

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://sms20k.example/schemas/"
# Scenario files carry no version field; their schema is version 1 until the format changes.
CHECKLIST_FORMAT_VERSION = 1


def _checklist() -> type[BaseModel]:
    from sms20k.checklists.models import Scenario

    return Scenario


def _evidence() -> Any:
    from sms20k.evidence.models import EvidenceFile, Manifest

    return Manifest | EvidenceFile


def _report() -> Any:
    from sms20k.assessment.model import Report

    return Report


def _report_version() -> int:
    from sms20k.assessment.model import REPORT_FORMAT_VERSION

    return REPORT_FORMAT_VERSION


def _evidence_version() -> int:
    from sms20k.evidence.models import FORMAT_VERSION

    return FORMAT_VERSION


_MODELS: dict[str, tuple[Callable[[], Any], Callable[[], int], str]] = {
    "report": (_report, _report_version, "sms20k assessment report (assess --format json)"),
    "checklist": (_checklist, lambda: CHECKLIST_FORMAT_VERSION,
                  "sms20k checklist: one scenario with its items"),
    "evidence": (_evidence, _evidence_version,
                 "sms20k evidence repository: sms20k.yaml or an evidence file"),
}


def _entry(kind: str) -> tuple[Callable[[], Any], Callable[[], int], str]:
    try:
        return _MODELS[kind]
    except KeyError:
        raise UsageError(f"unknown schema {kind!r}; choose one of {', '.join(_MODELS)}") from None


def schema_kinds() -> list[str]:
    return list(_MODELS)


def schema_filename(kind: str) -> str:
    """``<kind>-<format version>.json``, the last part of the schema's ``$id``."""
    return f"{kind}-{_entry(kind)[1]()}.json"


def schema_id(kind: str) -> str:
    return SCHEMA_BASE + schema_filename(kind)


def json_schema(kind: str) -> dict[str, Any]:
    factory, _, title = _entry(kind)
    return model_schema(factory(), schema_id(kind), title)


def model_schema(model: Any, identifier: str, title: str, *,
                 mode: Literal["validation", "serialization"] = "validation") -> dict[str, Any]:
    """The JSON Schema of a model (or a union of models) with sms20k's ``$id`` and title;
    ``serialization`` describes what sms20k prints, computed fields included."""
    schema = TypeAdapter(model).json_schema(by_alias=True, mode=mode)
    if "Finding" in schema.get("$defs", {}):
        _describe_findings(schema["$defs"])
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": identifier,
        "title": title,  # the model's own title ("Report", "Scenario") says less
        **{key: value for key, value in schema.items() if key != "title"},
    }


def _describe_findings(defs: dict[str, Any]) -> None:
    """The codes from the registry, and ``location``, which is serialized but never read."""
    properties = defs["Finding"]["properties"]
    properties["code"] = {
        "title": "Code", "type": "string", "enum": list(CODES),
        "description": "a finding code; docs/cli.md (Findings) says what each means",
    }
    if "Location" in defs:
        properties["location"] = {"$ref": "#/$defs/Location", "readOnly": True,
                                  "description": "path, line and col again (report format 1)"}


def render_schema(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, sort_keys=False) + "\n"
