from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.paths import work_tree_root

from ..conftest import DATA, Invoke


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(DATA / "assess" / "small")
    return Path()


# The CI formats write paths relative to the root of the git work tree the fixture lies in.
SMALL = DATA / "assess" / "small"
HERE = os.path.relpath(SMALL, work_tree_root(SMALL)).replace(os.sep, "/")

def test_assess_code_quality_report(invoke: Invoke, small: Path, tmp_path: Path) -> None:
    invoke(["assess", small, "-f", "codequality", "-o", tmp_path, "-q", "--as-of",
            "2026-11-15"])
    issues = json.loads((tmp_path / "report.codequality.json").read_text())
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert issue["type"] == "issue"
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1
    by_check = {}
    for issue in issues:
        by_check.setdefault(issue["check_name"], []).append(issue)
    restore = by_check["X02.02"]
    assert {i["severity"] for i in restore} == {"critical"}
    assert {i["location"]["path"] for i in restore} == {f"{HERE}/evidence/x02.yaml"}
    assert "X03.03" not in by_check, "not assessed: never an issue"
    (availability,) = by_check["F-8.7.1"]
    assert availability["severity"] == "critical"
    assert availability["location"] == {"path": f"{HERE}/evidence/x02.yaml",
                                        "lines": {"begin": 22}}
    assert availability["description"].startswith(
        "F-8.7.1 Major nonconformity: 8.7.1 Service availability management: ISO/IEC")
    (missing,) = by_check["MISSING_ENTRY"]
    assert missing["location"] == {"path": f"{HERE}/sms20k.yaml", "lines": {"begin": 30}}
    assert missing["description"].startswith("Repository problem: X03: ")
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_validate_machine_formats(invoke: Invoke, small: Path) -> None:
    args = ["validate", "--as-of", "2026-11-15", "-f"]
    quality = json.loads(invoke([*args, "codequality"], code=1).stdout)
    assert {i["check_name"] for i in quality} >= {"NO_EVIDENCE", "WAIVER_EXPIRED"}
    sarif = json.loads(invoke([*args, "sarif"], code=1).stdout)
    assert sarif["version"] == "2.1.0"
    assert "<testsuite" in invoke([*args, "junit"], code=1).stdout
    github = invoke([*args, "github"], code=1).stdout
    assert f"::error file={HERE}/evidence/x01.yaml,line=29" in github


def test_github_is_the_default_on_github_actions(invoke: Invoke, small: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    out = invoke(["validate", "--as-of", "2026-11-15"], code=1).stdout
    assert out.startswith("::")


def _quality(view: object) -> list[dict[str, Any]]:
    from sms20k.formats import get_renderer

    data: list[dict[str, Any]] = json.loads(get_renderer("codequality").render(view))
    return data


def test_findings_read_as_they_are(views: tuple[Report, ValidationView]) -> None:
    report, validation = views
    issues = {i["check_name"]: i for i in _quality(report)}
    assert issues["EVIDENCE_STALE"]["severity"] == "minor"
    assert issues["WAIVER_EXPIRED"]["severity"] == "major"
    assert issues["WAIVER_EXPIRED"]["description"] == (
        "waiver for X01.02 expired 2026-10-01 (renew the waiver or close the gap)")
    assert issues["X02.01"]["description"] == (
        "X02.01 (infra) Service monitoring: Observation: report (Monthly availability report "
        "per service.) stale since 2025-07-01")
    same = {i["check_name"]: i["fingerprint"] for i in _quality(validation)}
    assert same["NO_EVIDENCE"] == issues["NO_EVIDENCE"]["fingerprint"]


def test_waived_results_keep_their_severity(views: tuple[Report, ValidationView]) -> None:
    issues = {i["check_name"]: i for i in _quality(views[0])}
    survey = issues["X03.02"]
    assert survey["severity"] == "major"  # a minor nonconformity, waived or not
    assert survey["description"] == ("X03.02 Satisfaction survey: Minor nonconformity: not "
                                     "implemented; waived until 2027-06-30 by Chief Executive "
                                     "Officer")
    assert issues["F-8.3.2"]["severity"] == "major"
    assert "Waived: every item" in issues["F-8.3.2"]["description"]


def test_audit_finding_fingerprints_survive_moved_items(views: tuple[Report, ValidationView]
                                                        ) -> None:
    report = views[0]

    def prints(view: Report) -> dict[str, str]:
        return {i["check_name"]: i["fingerprint"] for i in _quality(view)
                if i["check_name"].startswith("F-")}

    moved = report.model_copy(update={"results": [
        r.model_copy(update={"location": r.location.model_copy(update={
            "path": "evidence/moved.yaml", "line": 99})}) if r.location else r
        for r in report.results]})
    assert prints(moved) == prints(report) and len(prints(report)) == 4


# GitLab publishes no JSON Schema for this report; this one is written from its documentation
# (tests/data/schemas/README.md).
GITLAB_SCHEMA = json.loads((DATA / "schemas" / "gitlab-codequality-report.schema.json")
                           .read_text(encoding="utf-8"))


def test_code_quality_passes_gitlabs_documented_schema(invoke: Invoke, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import jsonschema

    jsonschema.Draft7Validator.check_schema(GITLAB_SCHEMA)
    validator = jsonschema.Draft7Validator(GITLAB_SCHEMA)
    monkeypatch.chdir(tmp_path)  # from elsewhere, given an absolute path: still relative paths
    invoke(["assess", SMALL.resolve(), "-f", "codequality", "-o", "out", "-q"])
    issues = json.loads((tmp_path / "out" / "report.codequality.json").read_text())
    assert issues and [e.message for e in validator.iter_errors(issues)] == []
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sms20k.yaml").write_text("version: 1\nbogus: 1\n")
    loaded = json.loads(invoke(["validate", broken, "-f", "codequality"], code=2).stdout)
    assert loaded and [e.message for e in validator.iter_errors(loaded)] == []
    absolute = [{**issues[0], "location": {"path": str(SMALL.resolve()), "lines": {"begin": 1}}}]
    assert not validator.is_valid(absolute)
