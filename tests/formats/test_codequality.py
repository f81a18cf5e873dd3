from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView

from ..conftest import DATA, Invoke


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(DATA / "assess" / "small")
    return Path()


def test_assess_code_quality_report(invoke: Invoke, small: Path, tmp_path: Path) -> None:
    invoke(["assess", small, "-f", "codequality", "-o", tmp_path, "-q"])
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
    assert {i["location"]["path"] for i in restore} == {"evidence/x02.yaml"}
    not_assessed = by_check["X03.03"][0]
    assert not_assessed["location"] == {"path": "sms20k.yaml", "lines": {"begin": 30}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_validate_machine_formats(invoke: Invoke, small: Path) -> None:
    args = ["validate", "--as-of", "2026-11-15", "-f"]
    quality = json.loads(invoke([*args, "codequality"], code=1).stdout)
    assert {i["check_name"] for i in quality} >= {"NO_EVIDENCE", "WAIVER_EXPIRED"}
    sarif = json.loads(invoke([*args, "sarif"], code=1).stdout)
    assert sarif["version"] == "2.1.0"
    assert "<testsuite" in invoke([*args, "junit"], code=1).stdout
    github = invoke([*args, "github"], code=1).stdout
    assert "::error file=evidence/x01.yaml,line=29" in github


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
        "X02.01 (infra) Service monitoring: Minor nonconformity: evidence stale since "
        "2025-07-01")
    same = {i["check_name"]: i["fingerprint"] for i in _quality(validation)}
    assert same["NO_EVIDENCE"] == issues["NO_EVIDENCE"]["fingerprint"]


def test_a_missing_entry_locates_its_result_whatever_its_message(
        views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    reworded = [r.model_copy(update={"problems": [
        p.model_copy(update={"message": "reworded", "line": 7}) for p in r.problems]})
        for r in report.results]
    issues = _quality(report.model_copy(update={"results": reworded}))
    not_assessed = next(i for i in issues if i["check_name"] == "X03.03")
    assert not_assessed["location"] == {"path": "sms20k.yaml", "lines": {"begin": 7}}
