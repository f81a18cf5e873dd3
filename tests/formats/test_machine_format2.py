"""The CI formats on a format-2 repository: nothing for what nobody assessed, repository
problems told apart from audit results, and the document-control observation.

The repository is the small fixture with X03 marked not assessed, a path typo under X02.01
(app), so that result is not assessed and REF_MISSING is a repository problem, and a locked
document edited after approval (LOCK_MISMATCH, and one DC- observation against 7.5.3).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import JUnitXml

from sms20k.assessment.model import Report
from sms20k.formats import get_renderer

from ..conftest import DATA
from .test_text import format2_repo, format2_report

AS_OF = dt.date(2026, 11, 15)
SARIF_SCHEMA = json.loads((DATA / "schemas" / "sarif-2.1.0.schema.json").read_text("utf-8"))
NOT_ASSESSED = ("X02.01 (app)", "X03.01", "X03.02", "X03.03")


def build(root: Path) -> Path:
    """The format-2 repository the Markdown and summary tests use too."""
    return format2_repo(root)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return format2_report(tmp_path_factory.mktemp("machine"))


def render(fmt: str, report: Report) -> str:
    return get_renderer(fmt).render(report)


def test_the_repository_is_what_the_tests_need(report: Report) -> None:
    labels = {r.label for r in report.results if not r.assessed}
    assert set(NOT_ASSESSED) <= labels
    assert [f.kind for f in report.findings].count("document-control") == 1
    assert {f.code for f in report.validation} >= {"REF_MISSING", "LOCK_MISMATCH"}


def test_sarif(report: Report) -> None:
    data = json.loads(render("sarif", report))
    assert list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(data)) == []
    results = data["runs"][0]["results"]
    items = [r for r in results if "findingClass" in r.get("properties", {})]
    assert not [r for r in items if r["properties"]["result"] == "not-assessed"]
    assert not [r for r in results if r["ruleId"].startswith("X03.")]
    (dc,) = [r for r in results if r["ruleId"].startswith("DC-")]
    assert dc["level"] == "note"
    assert dc["properties"]["kind"] == "document-control"
    assert dc["properties"]["document"] == "docs/export-procedure.md"
    assert dc["properties"]["clause"] == "7.5.3"
    problems = {r["ruleId"]: r["properties"]["repositoryProblem"] for r in results
                if "repositoryProblem" in r.get("properties", {})}
    assert problems["REF_MISSING"] is problems["LOCK_MISMATCH"] is True
    assert problems["NO_EVIDENCE"] is False


def test_junit(report: Report) -> None:
    xml = JUnitXml.fromstring(get_renderer("junit").encode(report))
    suites = {s.name: s for s in xml}
    repository = suites["sms20k repository"]
    failed = sorted(c.name.split()[0] for c in repository if not c.is_passed)
    assert failed == ["LOCK_MISMATCH", "REF_MISSING"]
    dc = next(c for c in suites["sms20k audit findings"] if c.name.startswith("DC-"))
    assert dc.is_passed and dc.system_out.startswith(
        "evidence/x01.yaml:2: Observation: ISO/IEC 20000-1:2018 7.5.3")
    # Not-assessed results are skipped, never failed.
    x03 = suites["X03 Customer relationship"]
    assert (x03.tests, x03.failures, x03.skipped) == (3, 0, 3)
    app = next(c for c in suites["X02 Per-service operations"]
               if c.name.startswith("X02.01 (app)"))
    assert app.is_skipped


def test_code_quality(report: Report) -> None:
    issues: list[dict[str, Any]] = json.loads(render("codequality", report))
    names = [i["check_name"] for i in issues]
    assert not [n for n in names if n.startswith("X03.")]
    (dc,) = [i for i in issues if i["check_name"].startswith("DC-")]
    assert dc["severity"] == "minor"
    assert dc["location"] == {"path": "evidence/x01.yaml", "lines": {"begin": 2}}
    by_name = {i["check_name"]: i for i in issues}
    assert by_name["REF_MISSING"]["description"].startswith("Repository problem: ")
    assert by_name["LOCK_MISMATCH"]["description"].startswith("Repository problem: ")
    assert not by_name["NO_EVIDENCE"]["description"].startswith("Repository problem")


def test_github(report: Report) -> None:
    lines = render("github", report).splitlines()
    assert not [line for line in lines if "title=X03." in line or "title=X02.01 (app)" in line]
    (dc,) = [line for line in lines if "title=DC-" in line]
    assert dc.startswith("::notice file=evidence/x01.yaml,line=2,col=5,title=DC-")
    assert "docs/export-procedure.md changed after it was approved" in dc
    assert any(line.startswith("::error file=evidence/x02.yaml,line=8,col=15,"
                               "title=REF_MISSING (repository problem)::") for line in lines)
    assert lines[-1].endswith("repository: 2 errors, 1 warning (as of 2026-11-15)")
