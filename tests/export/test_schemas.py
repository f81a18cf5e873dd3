from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from sms20k.export.schemas import json_schema

from ..conftest import DATA

ROOT = Path(__file__).resolve().parents[1]


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", ["checklist", "evidence"])
def test_schemas_are_valid_json_schema(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_checklist_schema_accepts_every_builtin_scenario() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("checklist"))
    for path in sorted((ROOT / "checklists" / "scenarios").glob("*.yaml")):
        errors = list(validator.iter_errors(_jsonable(yaml.safe_load(path.read_text()))))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_evidence_schema_accepts_manifests_and_evidence_files() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("evidence"))
    case = DATA / "evidence" / "valid" / "basic"
    for path in (case / "sms20k.yaml", case / "evidence" / "entries.yaml"):
        assert not list(validator.iter_errors(_jsonable(yaml.safe_load(path.read_text()))))


def test_evidence_schema_rejects_a_typo() -> None:
    validator = jsonschema.Draft202012Validator(json_schema("evidence"))
    case = DATA / "evidence" / "invalid" / "schema-typo" / "evidence" / "entries.yaml"
    assert list(validator.iter_errors(_jsonable(yaml.safe_load(case.read_text()))))


def test_the_schema_command_offers_exactly_the_exported_schemas() -> None:
    from sms20k.cli.browse import SchemaKind
    from sms20k.errors import UsageError

    offered = [kind.value for kind in SchemaKind]
    assert sorted(offered) == ["checklist", "evidence", "report"]
    for kind in offered:
        assert json_schema(kind)["title"]
    with pytest.raises(UsageError, match="choose one of report, checklist, evidence"):
        json_schema("nope")
