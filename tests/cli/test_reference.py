"""docs/cli.md is generated from the application, and every ``-f json`` output matches the
schema ``sms20k schema <command>`` prints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from sms20k.cli.output_schemas import OUTPUTS, kind_of
from sms20k.cli.reference import BEGIN, END, commands, render_reference, splice

from ..conftest import Invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "nimbus-cloud"
CLI_MD = ROOT / "docs" / "cli.md"


def test_docs_cli_md_is_the_generated_reference() -> None:
    text = CLI_MD.read_text(encoding="utf-8")
    assert text == splice(text), ("docs/cli.md is stale; run "
                                  "`python -m sms20k.cli.reference --write docs/cli.md`")
    generated = text[text.index(BEGIN):text.index(END) + len(END) + 1]
    assert generated == render_reference()


def test_the_reference_covers_every_command_and_option() -> None:
    text = render_reference()
    for path, command in commands():
        assert f"### `sms20k {path}`" in text
        for param in command.params:
            for name in param.opts:
                if name.startswith("-"):
                    assert name in text, f"{path} {name}"


def test_every_command_with_json_output_has_a_schema() -> None:
    with_json = {kind_of(path) for path, command in commands()
                 if path not in ("schema", "assess")}
    assert with_json == set(OUTPUTS)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(EXAMPLE, target)
    return target


def _cases(repo: Path, tmp: Path, invoke: Invoke) -> dict[str, tuple[list[object], int]]:
    invoke(["assess", repo, "-f", "json", "-o", tmp / "out", "-q"])
    invoke(["questionnaire", repo, "-o", tmp / "q.xlsx", "-q"])
    report = tmp / "out" / "report.json"
    return {
        "validate": (["validate", repo, "-f", "json"], 0),
        "lock": (["lock", repo, "-f", "json"], 0),
        "init": (["init", tmp / "new", "-f", "json"], 0),
        "questionnaire": (["questionnaire", repo, "-o", tmp / "q2.xlsx", "-f", "json"], 0),
        "import": (["import", tmp / "q.xlsx", repo, "-f", "json"], 0),
        "diff": (["diff", report, report, "-f", "json"], 0),
        "audit-plan": (["audit-plan", repo, "-f", "json"], 0),
        "scenarios": (["scenarios", "-f", "json"], 0),
        "show": (["show", "S07.03", "-f", "json"], 0),
        "clauses": (["clauses", "-f", "json"], 0),
        "matrix": (["matrix", "-f", "json"], 0),
        "catalog": (["catalog", "-f", "json"], 0),
        "lint-checklists": (["lint-checklists", ROOT / "checklists" / "scenarios", "-f", "json"],
                            0),
        "export-oscal": (["export", "oscal", "--catalog-only", "-o", tmp / "oscal", "-f",
                          "json"], 0),
        "export-actions": (["export", "actions", repo, "-f", "json"], 0),
    }


def test_every_json_output_matches_its_schema(invoke: Invoke, repo: Path,
                                               tmp_path: Path) -> None:
    cases = _cases(repo, tmp_path, invoke)
    assert set(cases) == set(OUTPUTS)
    for kind, (args, code) in cases.items():
        out = invoke(args, code=code).stdout
        schema = json.loads(invoke(["schema", kind]).stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(out)))
        assert not errors, f"{kind}: {errors[0].message} at {list(errors[0].path)}\n{out[:2000]}"


def test_quiet_drops_the_text_but_not_json(invoke: Invoke, repo: Path) -> None:
    assert invoke(["lock", repo, "-q"]).stdout == ""
    assert json.loads(invoke(["lock", repo, "-q", "-f", "json"]).stdout)["kind"] == "lock"
    assert invoke(["show", "S07", "-q"]).stdout == ""
    invoke(["show", "S99", "-q"], code=2)
    lines = invoke(["validate", repo, "-q"]).stdout.splitlines()
    assert lines and all("[warning]" in line or "[error]" in line for line in lines), lines


def test_lint_json_on_broken_checklists_keeps_exit_2(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "S99.yaml").write_text("id: S99\ntitle: t\nitems: []\n", encoding="utf-8")
    result = invoke(["lint-checklists", tmp_path, "-f", "json"], code=2)
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["problems"], result.stdout
    assert data["problems"][0]["path"].endswith("S99.yaml") and "S99.yaml:" in result.stderr
