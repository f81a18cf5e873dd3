"""The CI formats place findings where GitHub and GitLab look (issue 15, problems 2, 5, 6):
paths relative to the root of the git work tree (or --path-prefix), one fingerprint per
problem that survives moved lines and is the same in validate and assess, and one CI result
per scenario with missing entries."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sms20k.formats.paths import CiPaths, normalize_prefix, work_tree_root

from ..conftest import DATA, Invoke

SMALL = DATA / "assess" / "small"
AS_OF = ["--as-of", "2026-11-15"]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git work tree with the evidence repository in compliance/."""
    root = tmp_path / "checkout"
    shutil.copytree(SMALL, root / "compliance")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def _paths(invoke: Invoke, args: list[Any], out: Path) -> dict[str, set[str]]:
    """Every path each CI format writes, for one assess run."""
    invoke(["assess", *args, "-o", out, "-f", "sarif", "-f", "codequality", "-f", "junit",
            "-q", *AS_OF])
    sarif = json.loads((out / "report.sarif").read_text())
    quality = json.loads((out / "report.codequality.json").read_text())
    results = sarif["runs"][0]["results"]
    return {
        "sarif": {loc["physicalLocation"]["artifactLocation"]["uri"]
                  for r in results for loc in r["locations"]},
        "sarif-base": {loc["physicalLocation"]["artifactLocation"].get("uriBaseId", "")
                       for r in results for loc in r["locations"]},
        "codequality": {i["location"]["path"] for i in quality},
    }


def _github(invoke: Invoke, args: list[Any]) -> set[str]:
    out = invoke(["validate", *args, "-f", "github", *AS_OF], code=1).stdout
    return {line.split("file=", 1)[1].split(",", 1)[0] for line in out.splitlines()
            if line.startswith("::")}


def test_paths_are_relative_to_the_work_tree_root_wherever_sms20k_runs(
        invoke: Invoke, checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []
    for cwd, target in ((checkout, "compliance"), (checkout / "compliance", "."),
                        (tmp_path, checkout / "compliance"), (tmp_path, "checkout/compliance")):
        monkeypatch.chdir(cwd)
        runs.append((_paths(invoke, [target], tmp_path / f"out{len(runs)}"),
                     _github(invoke, [target])))
    first = runs[0]
    assert all(run == first for run in runs), runs
    every = first[0]["sarif"] | first[0]["codequality"] | first[1]
    assert every and all(p.startswith("compliance/") for p in every), every
    assert first[0]["sarif-base"] == {"%SRCROOT%"}


def test_a_path_prefix_replaces_the_root(invoke: Invoke, checkout: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    paths = _paths(invoke, [checkout / "compliance", "--path-prefix", "./audit/"],
                   tmp_path / "out")
    assert paths["codequality"] and all(p.startswith("audit/evidence/") or p == "audit/sms20k.yaml"
                                        for p in paths["codequality"]), paths
    assert _github(invoke, [checkout / "compliance", "--path-prefix", "."]) == {
        "evidence/x01.yaml", "evidence/x02.yaml", "sms20k.yaml"}


def test_outside_git_paths_are_relative_to_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "plain" / "repo"
    (repo / "evidence").mkdir(parents=True)
    (repo / "sms20k.yaml").write_text("version: 1\n")
    if work_tree_root(repo) != repo:
        pytest.skip("the temporary directory lies inside a git work tree")
    paths = CiPaths.for_repository(repo)
    assert paths.rewrite(str(repo / "evidence" / "a.yaml")) == "evidence/a.yaml"
    assert CiPaths.for_repository(repo / "sms20k.yaml") == paths  # the manifest names it too


@pytest.mark.parametrize(("given", "expected"), [
    (None, None), ("", ""), (".", ""), ("./", ""), ("/", ""), ("audit", "audit"),
    ("audit/", "audit"), ("./audit//x/", "audit/x"), ("\\audit\\x", "audit/x"),
])
def test_prefixes_are_normalized(given: str | None, expected: str | None) -> None:
    assert normalize_prefix(given) == expected


def _fingerprints(invoke: Invoke, repo: Path, out: Path) -> dict[str, dict[str, str]]:
    """Code Quality and SARIF fingerprints of assess, and of validate, by rule and path."""
    invoke(["assess", repo, "-o", out, "-f", "sarif", "-f", "codequality", "-q", *AS_OF])
    quality = json.loads((out / "report.codequality.json").read_text())
    sarif = json.loads((out / "report.sarif").read_text())["runs"][0]["results"]
    validated = json.loads(invoke(["validate", repo, "-f", "codequality", *AS_OF],
                                  code=1).stdout)
    return {
        "codequality": {f"{i['check_name']} {i['description']}": i["fingerprint"]
                        for i in quality},
        "sarif": {f"{r['ruleId']} {r['message']['text']}": r["partialFingerprints"]["sms20k/v1"]
                  for r in sarif},
        "validate": {f"{i['check_name']} {i['description']}": i["fingerprint"]
                     for i in validated},
    }


def test_fingerprints_survive_moved_lines(invoke: Invoke, checkout: Path,
                                          tmp_path: Path) -> None:
    repo = checkout / "compliance"
    before = _fingerprints(invoke, repo, tmp_path / "before")
    for name in ("sms20k.yaml", *(f"evidence/{p.name}" for p in (repo / "evidence").iterdir())):
        path = repo / name
        path.write_text("# moved down\n# by three\n# comment lines\n" + path.read_text())
    after = _fingerprints(invoke, repo, tmp_path / "after")
    for fmt in before:
        # Messages that quote a line number change with it; their fingerprints must not.
        assert sorted(before[fmt].values()) == sorted(after[fmt].values()), fmt


def test_validate_and_assess_fingerprint_a_problem_alike(invoke: Invoke, checkout: Path,
                                                         tmp_path: Path) -> None:
    found = _fingerprints(invoke, checkout / "compliance", tmp_path / "out")
    problems = set(found["validate"].values())
    assert problems and problems <= set(found["codequality"].values())
    assert problems <= set(found["sarif"].values())
    assert len(set(found["codequality"].values())) == len(found["codequality"])


def test_a_scenario_without_entries_is_one_ci_result(invoke: Invoke, checkout: Path,
                                                     tmp_path: Path) -> None:
    # X03 has items without entries in the fixture: one MISSING_ENTRY, and no result for
    # the items themselves, which nobody judged.
    out = tmp_path / "out"
    invoke(["assess", checkout / "compliance", "-o", out, "-f", "sarif", "-f", "codequality",
            "-q", *AS_OF])
    quality = json.loads((out / "report.codequality.json").read_text())
    sarif = json.loads((out / "report.sarif").read_text())["runs"][0]["results"]
    for rules in ([i["check_name"] for i in quality], [r["ruleId"] for r in sarif]):
        assert rules.count("MISSING_ENTRY") == 1
        assert "X03.03" not in rules
    assert not any("\\" in i["location"]["path"] for i in quality)
