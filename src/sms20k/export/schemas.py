"""JSON Schemas of sms20k's file formats, generated from the Pydantic models."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, TypeAdapter

from sms20k.codes import CODES
from sms20k.errors import UsageError

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _checklist() -> type[BaseModel]:
    from sms20k.checklists.models import Scenario

    return Scenario


def _evidence() -> Any:
    from sms20k.evidence.models import EvidenceFile, Manifest

    return Manifest | EvidenceFile


def _report() -> Any:
    from sms20k.assessment.model import Report

    return Report


_MODELS: dict[str, tuple[Callable[[], Any], str]] = {
    "report": (_report, "sms20k assessment report (assess --format json)"),
    "checklist": (_checklist, "sms20k checklist: one scenario with its items"),
    "evidence": (_evidence, "sms20k evidence repository: sms20k.yaml or an evidence file"),
}


def json_schema(kind: str) -> dict[str, Any]:
    try:
        factory, title = _MODELS[kind]
    except KeyError:
        raise UsageError(f"unknown schema {kind!r}; choose one of {', '.join(_MODELS)}") from None
    schema = TypeAdapter(factory()).json_schema(by_alias=True)
    if "Finding" in schema.get("$defs", {}):
        _describe_findings(schema["$defs"])
    return {
        "$schema": SCHEMA_DIALECT,
        "title": title,
        **schema,
    }


def _describe_findings(defs: dict[str, Any]) -> None:
    """The codes from the registry, and ``location``, which is serialized but never read."""
    properties = defs["Finding"]["properties"]
    properties["code"] = {
        "title": "Code", "type": "string", "enum": list(CODES),
        "description": "a finding code; docs/cli.md (Findings) says what each means",
    }
    properties["location"] = {"$ref": "#/$defs/Location", "readOnly": True,
                              "description": "path, line and col again (report format 1)"}


def render_schema(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, sort_keys=False) + "\n"
