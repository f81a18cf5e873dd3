"""SARIF that GitHub code scanning accepts (issue 15, problem 3): Microsoft's SARIF multitool,
with GitHub's rules and its own, reports no error and no warning on the example, on a
repository that cannot be loaded and on a repository in a subfolder of a git work tree; the
OASIS schema accepts the same files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ..conftest import DATA, TESTS, Invoke
from ..tools import npm_file

SCHEMA = json.loads((DATA / "schemas" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
EXAMPLE = TESTS.parent / "examples" / "nimbus-cloud"
AS_OF = ["--as-of", "2026-11-15"]
ACCEPTED: dict[str, str] = {}
"""Multitool rules (id: reason) that sms20k cannot meet at error or warning level: none."""


def multitool(sarif: Path) -> list[dict[str, Any]]:
    """The errors and warnings of ``Sarif.Multitool validate --rule-kind Gh;Sarif``."""
    binary = npm_file("@microsoft/sarif-multitool-linux", "Sarif.Multitool")
    out = sarif.with_name(f"{sarif.stem}.validation.sarif")
    # The native binary, not npx: a shell would split "Gh;Sarif" at the ';'.
    run = subprocess.run([str(binary), "validate", "--rule-kind", "Gh;Sarif",
                          "--level", "Error;Warning;Note", "--log", "ForceOverwrite",
                          "-o", str(out), str(sarif)],
                         capture_output=True, text=True, timeout=300)
    assert out.exists(), f"the multitool wrote nothing:\n{run.stdout}\n{run.stderr}"
    log = json.loads(out.read_text(encoding="utf-8-sig"))
    found = []
    for validation in log["runs"]:
        rules = {r["id"]: r for r in validation["tool"]["driver"].get("rules", [])}
        for r in validation.get("results", []):
            if r.get("level", "warning") not in ("error", "warning") or r["ruleId"] in ACCEPTED:
                continue
            message = r["message"]
            text = (rules.get(r["ruleId"], {}).get("messageStrings", {})
                    .get(message.get("id", ""), {}).get("text", message.get("text", "")))
            found.append({"level": r.get("level", "warning"), "rule": r["ruleId"],
                          "message": text, "arguments": message.get("arguments", [])})
    return found


def check(sarif: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(sarif.read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(data)] == []
    assert data["runs"][0]["results"], "nothing to check"
    assert multitool(sarif) == []
    return data


def test_the_example(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["assess", EXAMPLE, "-o", tmp_path, "-f", "sarif", "-q", *AS_OF])
    data = check(tmp_path / "report.sarif")
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in data["runs"][0]["results"] for loc in r["locations"]}
    assert all(u.startswith("examples/nimbus-cloud/") for u in uris), uris


def test_a_repository_that_cannot_be_loaded(invoke: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(DATA / "evidence" / "valid" / "basic", repo)
    entries = repo / "evidence" / "entries.yaml"
    entries.write_text(entries.read_text().replace(
        "    status: partial\n", "    status: partial\n    colour: red\n", 1))
    out = tmp_path / "broken.sarif"
    out.write_text(invoke(["validate", repo, "-f", "sarif"], code=2).stdout, encoding="utf-8")
    data = check(out)
    assert [r["ruleId"] for r in data["runs"][0]["results"]] == ["SCHEMA"]
    (rule,) = data["runs"][0]["tool"]["driver"]["rules"]
    assert rule["name"] == "SchemaViolation"  # not the id recased, which SARIF1001 refuses


def test_a_repository_in_a_subfolder_of_a_git_work_tree(invoke: Invoke, tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    shutil.copytree(DATA / "assess" / "small", root / "compliance")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    out = tmp_path / "out"
    invoke(["assess", root / "compliance", "-o", out, "-f", "sarif", "-q", *AS_OF])
    data = check(out / "report.sarif")
    run = data["runs"][0]
    assert str(tmp_path) not in json.dumps(data)  # no local absolute path leaks
    locations = [loc["physicalLocation"]["artifactLocation"]
                 for r in run["results"] for loc in r["locations"]]
    assert {a["uriBaseId"] for a in locations} == {"%SRCROOT%"}
    assert all(a["uri"].startswith("compliance/") for a in locations)


PASCAL = re.compile(r"(?:[A-Z][a-z0-9]+)+")
"""What the multitool's SARIF2012 takes as PascalCase: every capital followed by a small
letter or a digit."""


@pytest.mark.parametrize("title, name", [
    ("Covered services, definitions and measurement in the SLA",
     "CoveredServicesDefinitionsAndMeasurementInTheSla"),
    ("Management of suppliers acting as a supplier", "ManagementOfSuppliersActingAsSupplier"),
    ("2FA for admins", "Rule2faForAdmins"), ("", "Rule"), ("Invalid YAML", "InvalidYaml")])
def test_rule_names_are_pascal_case(title: str, name: str) -> None:
    from sms20k.formats.sarif_rules import _pascal

    assert _pascal(title) == name and PASCAL.fullmatch(name)


def test_every_rule_has_what_github_shows(views: Any) -> None:
    from sms20k.codes import CODES
    from sms20k.formats import get_renderer
    from sms20k.formats.sarif_rules import code_rule

    report, _ = views
    rules = json.loads(get_renderer("sarif").render(report))["runs"][0]["tool"]["driver"]["rules"]
    rules += [code_rule(c) for c in CODES.values()]
    for rule in rules:
        assert rule["fullDescription"]["text"] and rule["shortDescription"]["text"], rule["id"]
        assert rule["helpUri"].startswith("https://github.com/sms20k/sms20k/blob/main/docs/")
        assert PASCAL.fullmatch(rule["name"]), rule["name"]
        assert rule["name"].lower() != rule["id"].lower(), rule["id"]
