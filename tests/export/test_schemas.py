from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from sms20k.export.schemas import (
    SCHEMA_BASE,
    json_schema,
    render_schema,
    schema_filename,
    schema_kinds,
)

from ..conftest import DATA, Invoke
from ..tools import missing

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = ROOT.parent / "schemas"


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", ["checklist", "evidence", "report"])
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
    from sms20k.cli.output_schemas import OUTPUTS, output_schema
    from sms20k.errors import UsageError

    offered = [kind.value for kind in SchemaKind]
    assert offered == [*sorted(schema_kinds()), *OUTPUTS]
    for kind in offered:
        schema = output_schema(kind) if kind in OUTPUTS else json_schema(kind)
        assert schema["title"] and schema["$id"].startswith(SCHEMA_BASE)
    with pytest.raises(UsageError, match="choose one of report, checklist, evidence"):
        json_schema("nope")


def test_every_schema_has_a_stable_id() -> None:
    ids = {kind: json_schema(kind)["$id"] for kind in schema_kinds()}
    assert ids == {
        "report": SCHEMA_BASE + "report-2.json",
        "checklist": SCHEMA_BASE + "checklist-1.json",
        "evidence": SCHEMA_BASE + "evidence-1.json",
    }
    assert SCHEMA_BASE == "https://sms20k.example/schemas/"
    assert all(ids[kind].endswith("/" + schema_filename(kind)) for kind in ids)


def test_published_schemas_are_what_the_code_generates(request: pytest.FixtureRequest) -> None:
    """schemas/*.json (in the wheel as sms20k/_data/schemas) are exactly `sms20k schema KIND`;
    ``pytest --update-golden`` rewrites them after a model change."""
    expected = {schema_filename(kind): render_schema(kind) for kind in schema_kinds()}
    if request.config.getoption("--update-golden"):
        for stale in set(p.name for p in PUBLISHED.glob("*.json")) - set(expected):
            (PUBLISHED / stale).unlink()
        for name, text in expected.items():
            (PUBLISHED / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in PUBLISHED.glob("*.json")) == sorted(expected)
    for name, text in expected.items():
        assert (PUBLISHED / name).read_text(encoding="utf-8") == text, (
            f"schemas/{name} is stale; run pytest --update-golden and review")
    from sms20k.resources import data_root

    packaged = data_root() / "schemas"
    assert sorted(p.name for p in packaged.iterdir() if p.name.endswith(".json")) == sorted(
        expected)


@pytest.mark.parametrize("kind", ["checklist", "evidence", "report"])
def test_the_schema_command_prints_the_published_file(invoke: Invoke, kind: str) -> None:
    printed = invoke(["schema", kind]).stdout
    assert printed == (PUBLISHED / schema_filename(kind)).read_text(encoding="utf-8")
    assert json.loads(printed)["$id"].startswith(SCHEMA_BASE)


def _check_jsonschema() -> str:
    found = Path(sys.executable).with_name("check-jsonschema")
    if found.exists():
        return str(found)
    return shutil.which("check-jsonschema") or missing(
        "check-jsonschema", "pip install -e '.[test]'")


def _run_check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_check_jsonschema(), *map(str, args)], capture_output=True,
                          text=True, check=False, timeout=120)


def test_published_schemas_pass_check_jsonschema_metaschema() -> None:
    files = sorted(PUBLISHED.glob("*.json"))
    assert len(files) == 3
    result = _run_check_jsonschema("--check-metaschema", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_check_jsonschema_reads_files_with_the_published_schemas(tmp_path: Path) -> None:
    """What an editor or CI job would do with a published schema file."""
    basic = DATA / "evidence" / "valid" / "basic"
    scenarios = ROOT.parent / "checklists" / "scenarios"
    good = [("evidence-1.json", [basic / "sms20k.yaml", basic / "evidence" / "entries.yaml"]),
            ("checklist-1.json", sorted(scenarios.glob("*.yaml")))]
    for name, instances in good:
        result = _run_check_jsonschema("--schemafile", PUBLISHED / name, *instances)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
    typo = DATA / "evidence" / "invalid" / "schema-typo" / "evidence" / "entries.yaml"
    rejected = _run_check_jsonschema("--schemafile", PUBLISHED / "evidence-1.json", typo)
    assert rejected.returncode == 1, rejected.stdout + rejected.stderr
