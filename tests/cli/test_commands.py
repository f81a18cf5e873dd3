from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sms20k import __version__

from ..conftest import DATA, Invoke

MINIMAL = DATA / "checklists" / "valid" / "minimal"


def test_version(invoke: Invoke) -> None:
    assert invoke(["--version"]).stdout == f"sms20k {__version__}\n"


def test_no_arguments_shows_help(invoke: Invoke) -> None:
    result = invoke([], code=2)
    assert "scenarios" in result.output and "lint-checklists" in result.output


def test_scenarios_text(invoke: Invoke) -> None:
    out = invoke(["scenarios"]).stdout
    assert "S07" in out and "Establish a cloud service agreement" in out
    assert "15 scenarios" in out
    assert "\x1b[" not in out, "no escape codes when stdout is not a terminal"


def test_scenarios_json_is_stable(invoke: Invoke) -> None:
    data = json.loads(invoke(["scenarios", "--format", "json"]).stdout)
    assert data["kind"] == "scenarios" and data["format_version"] == 1
    assert [row["id"] for row in data["scenarios"]] == [f"S{n:02d}" for n in range(1, 16)]
    first = data["scenarios"][0]
    assert set(first) == {"id", "section", "title", "items", "source"}
    assert first["section"] == "5.1" and first["source"] == "built-in"


def test_scenarios_with_custom_checklists(invoke: Invoke) -> None:
    data = json.loads(invoke(["scenarios", "-f", "json", "--checklists", MINIMAL]).stdout)
    ids = [row["id"] for row in data["scenarios"]]
    assert ids[-1] == "X01" and len(ids) == 16
    assert data["scenarios"][-1]["source"].endswith("X01.yaml")


def test_show_scenario(invoke: Invoke) -> None:
    out = invoke(["show", "S07"]).stdout
    assert "S07 Establish a cloud service agreement" in out
    assert "S07.01" in out and "Questions:" in out


def test_show_item_json(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "S07.03", "-f", "json"]).stdout)
    item = data["item"]
    assert data["kind"] == "item" and item["id"] == "S07.03" and item["scenario"] == "S07"
    assert item["clauses_2011"] and all(c["edition"] == "2011" for c in item["clauses_2011"])
    assert item["evidence"][0]["cadence"].startswith("P")


def test_show_custom_item(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "X01.02", "-f", "json", "--checklists", MINIMAL]).stdout)
    assert data["item"]["clauses_2018_derived"] is False
    assert [c["id"] for c in data["item"]["clauses_2018"]] == ["7.5.3", "8.3.3"]


def test_a_bare_clause_id_is_of_the_2018_edition(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "6.1", "-f", "json"]).stdout)
    assert data["edition"] == "2018"
    assert data["title"] == "Actions to address risks and opportunities"
    wrong = invoke(["show", "8.3.9"], code=2)
    assert "not a clause of ISO/IEC 20000-1:2018" in wrong.stderr
    assert "did you mean `8.3.4`" in wrong.stderr and "6.3" not in wrong.stderr, wrong.stderr
    older = invoke(["show", "2011:8.3.9"], code=2)
    assert "not a clause of ISO/IEC 20000-1:2011" in older.stderr, older.stderr


def test_ids_in_any_case_show_canonically(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "s07.03", "-f", "json"]).stdout)
    assert data["item"]["id"] == "S07.03"
    assert json.loads(invoke(["show", "s07", "-f", "json"]).stdout)["scenario"]["id"] == "S07"


def test_show_clause_2011_lists_items_and_crosswalk(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "2011:6.1", "-f", "json"]).stdout)
    assert data["kind"] == "clause" and data["edition"] == "2011"
    assert data["title"] == "Service level management"
    assert {row["id"] for row in data["crosswalk"]} == {"8.3.3", "8.2.4"}
    assert any(row["id"] == "S07.01" for row in data["items"])


def test_show_clause_2018_heading_includes_subclause_items(invoke: Invoke) -> None:
    data = json.loads(invoke(["show", "2018:8.7", "-f", "json"]).stdout)
    assert {c["id"] for c in data["subclauses"]} == {"8.7.1", "8.7.2", "8.7.3"}
    assert data["items"] and {row["via"] for row in data["items"]} == {"subclause"}


def test_show_new_2018_clause(invoke: Invoke) -> None:
    out = invoke(["show", "2018:7.6"]).stdout
    assert "New in 2018" in out and "Knowledge" in out


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("S7", "did you mean `S07`?"),
        ("S07.99", "is not a scenario, item or clause"),
        ("2018:8.8", "is not a clause of ISO/IEC 20000-1:2018"),
        ("banana", "use a scenario (S07), an item (S07.03) or a clause"),
    ],
)
def test_show_unknown_ids(invoke: Invoke, ref: str, message: str) -> None:
    result = invoke(["show", ref], code=2)
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_clauses_2011_shows_full_coverage(invoke: Invoke) -> None:
    out = invoke(["clauses", "--edition", "2011"]).stdout
    assert "4.5.4.2" in out and "Internal audit" in out
    assert "39/39 leaf clauses covered" in out
    assert "uncovered" not in out


def test_clauses_json(invoke: Invoke) -> None:
    data = json.loads(invoke(["clauses", "--edition", "2018", "-f", "json"]).stdout)
    assert data["edition"] == "2018" and data["leaves"] == 57
    rows = {row["id"]: row for row in data["clauses"]}
    assert rows["8.5.1.3"]["parent"] == "8.5.1" and rows["8.5.1.3"]["leaf"]
    assert rows["8"]["depth"] == 0 and not rows["8"]["leaf"]
    assert data["covered_leaves"] == 57 - len(data["uncovered"])


def test_custom_checklists_join_the_catalog(invoke: Invoke) -> None:
    data = json.loads(invoke(["catalog", "-f", "json", "--checklists", MINIMAL]).stdout)
    assert data["scenarios"][-1]["id"] == "X01"
    assert data["items"] == sum(len(s["items"]) for s in data["scenarios"])


@pytest.mark.parametrize("fmt", ["json", "yaml", "md"])
def test_catalog_formats(invoke: Invoke, fmt: str) -> None:
    out = invoke(["catalog", "--format", fmt]).stdout
    if fmt == "json":
        data = json.loads(out)
    elif fmt == "yaml":
        data = yaml.safe_load(out)
    else:
        assert out.startswith("# sms20k checklist")
        assert "## S07 Establish a cloud service agreement (TR 20000-9 5.7)" in out
        assert "**Interview questions**" in out and "| Kind | Evidence |" in out
        return
    assert data["kind"] == "catalog" and len(data["scenarios"]) == 15
    item = data["scenarios"][0]["items"][0]
    assert {"guidance", "evidence", "questions", "criticality", "tags", "clauses_2018"} <= set(item)


def test_lint_checklists_valid(invoke: Invoke) -> None:
    result = invoke(["lint-checklists", DATA / "checklists" / "valid" / "two-files"])
    assert result.stdout == "2 checklist files, 3 items: valid\n"


def test_lint_checklists_invalid(invoke: Invoke) -> None:
    case = DATA / "checklists" / "invalid" / "bad-criticality"
    result = invoke(["lint-checklists", case], code=2)
    assert f"{case}/X01.yaml:26:18: [error] SCHEMA items[0].criticality" in result.stderr
    assert "did you mean `high`?" in result.stderr
    assert "1 problem in 1 file" in result.stderr
    assert result.stdout == ""


def test_lint_checklists_of_the_builtin_directory_is_no_collision(invoke: Invoke) -> None:
    builtin = Path(__file__).resolve().parents[2] / "checklists" / "scenarios"
    result = invoke(["lint-checklists", builtin])
    assert result.stdout.startswith("15 checklist files, ") and "valid" in result.stdout, \
        result.stdout + result.stderr


def test_lint_checklists_one_file_one_item(invoke: Invoke, tmp_path: Path) -> None:
    source = (DATA / "checklists" / "valid" / "minimal" / "X01.yaml").read_text()
    (tmp_path / "X01.yaml").write_text(source)
    result = invoke(["lint-checklists", tmp_path])
    assert result.stdout.startswith("1 checklist file, "), result.stdout


def test_lint_checklists_missing_directory(invoke: Invoke, tmp_path: object) -> None:
    result = invoke(["lint-checklists", "/nonexistent/dir"], code=2)
    assert "/nonexistent/dir: [error] checklist directory not found" in result.stderr


def test_schema_checklist(invoke: Invoke) -> None:
    schema = json.loads(invoke(["schema", "checklist"]).stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "title", "items", "applicability"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_unknown_option_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke(["clauses", "--edition", "2015"], code=2)
    assert "2015" in result.output
