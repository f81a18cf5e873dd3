"""scaffold: the files it writes, its refusals and their messages (issues 12 and 13)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.errors import InputError, UsageError
from sms20k.evidence import placeholders
from sms20k.evidence import scaffold as scaffold_module
from sms20k.evidence.scaffold import scaffold
from sms20k.formats import describe

DAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_files_it_writes(catalog: Catalog, tmp_path: Path) -> None:
    written = scaffold(tmp_path, catalog, categories=[], deployments=[],
                       organization="Acme Hosting", today=DAY)
    assert written[:4] == [tmp_path / "sms20k.yaml", tmp_path / "README.md",
                           tmp_path / "ci" / "github-actions.yml",
                           tmp_path / "ci" / "gitlab-ci.yml"]
    assert (tmp_path / "ci" / "gitlab-ci.yml").is_file()
    assert "Acme Hosting" in (tmp_path / "README.md").read_text()
    manifest = (tmp_path / "sms20k.yaml").read_text()
    assert "categories: [SaaS]" in manifest and "deployment_models: [public]" in manifest


def test_an_existing_file_refuses_without_force(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    with pytest.raises(InputError) as caught:
        scaffold(tmp_path, catalog, categories=[], deployments=[], organization="A", today=DAY)
    assert caught.value.path == str(tmp_path / "README.md")
    assert caught.value.hint == "choose an empty directory, or pass --force to overwrite"
    assert (tmp_path / "README.md").read_text() == "mine\n"


def test_an_unknown_deployment_model(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        scaffold(tmp_path, catalog, categories=[], deployments=["publik"], organization="A")
    assert str(caught.value) == "'publik' is not a deployment model (did you mean `public`?)"


def test_an_unknown_category_with_nothing_close(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        scaffold(tmp_path, catalog, categories=["zzz"], deployments=[], organization="A")
    assert str(caught.value) == ("'zzz' is not a cloud service category (choose from CaaS, "
                                 "CompaaS, DSaaS, IaaS, NaaS, PaaS, SaaS)")
    assert list(tmp_path.iterdir()) == []


def test_without_an_organization_its_name_is_the_placeholder(catalog: Catalog,
                                                             tmp_path: Path) -> None:
    scaffold(tmp_path, catalog, today=DAY)
    manifest = yaml.safe_load((tmp_path / "sms20k.yaml").read_text())
    assert manifest["organization"] == {"name": placeholders.ORGANIZATION}
    assert manifest["assessment"] == {"title": "ISO/IEC 20000-1 gap assessment", "date": DAY,
                                      "assessor": placeholders.ASSESSOR}
    assert manifest["scope"]["services"][0]["name"] == placeholders.SERVICE_NAME


def test_the_assessment_date_is_today_in_utc(catalog: Catalog, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold_module, "utc_today", lambda: dt.date(2027, 2, 3))
    scaffold(tmp_path, catalog)
    assert "  date: 2027-02-03\n" in (tmp_path / "sms20k.yaml").read_text()


def test_services_are_refused_before_anything_is_written(catalog: Catalog,
                                                         tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        scaffold(tmp_path, catalog, services=["crm"])
    assert str(caught.value).startswith("--service 'crm': 1 part where 4 are needed; ")
    assert list(tmp_path.iterdir()) == []


def _ci(tmp_path: Path, name: str) -> Any:
    return yaml.safe_load((tmp_path / "ci" / name).read_text())


def test_github_actions_judge_freshness_on_the_day_they_run(catalog: Catalog,
                                                            tmp_path: Path) -> None:
    scaffold(tmp_path, catalog, today=DAY)
    steps = _ci(tmp_path, "github-actions.yml")["jobs"]["sms20k"]["steps"]
    runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("sms20k")]
    assert runs == ["sms20k validate --as-of today -f text",
                    "sms20k assess --as-of today -f sarif -f junit -f html --junit-locations "
                    "-o sms20k-report"]
    uploads = {s["uses"].split("@")[0]: s.get("with", {}) for s in steps if "uses" in s}
    assert uploads["github/codeql-action/upload-sarif"]["sarif_file"] == \
        "sms20k-report/report.sarif"
    assert uploads["mikepenz/action-junit-report"]["report_paths"] == \
        "sms20k-report/report.junit.xml"
    assert describe("sarif").filename == "report.sarif"


def test_gitlab_lists_the_code_quality_file_assess_writes(catalog: Catalog,
                                                          tmp_path: Path) -> None:
    scaffold(tmp_path, catalog, today=DAY)
    jobs = _ci(tmp_path, "gitlab-ci.yml")
    assert jobs["sms20k-validate"]["script"][-1] == "sms20k validate --as-of today"
    assess_job = jobs["sms20k-assess"]
    (command,) = [c for c in assess_job["script"] if c.startswith("sms20k")]
    assert command == ("sms20k assess --as-of today -f junit -f codequality -f html "
                       "-o sms20k-report")
    # GitLab takes a single Code Quality file per job: the one assess writes into -o.
    assert assess_job["artifacts"] == {
        "when": "always", "paths": ["sms20k-report/"],
        "reports": {"junit": "sms20k-report/report.junit.xml",
                    "codequality": "sms20k-report/report.codequality.json"}}
    assert describe("codequality").filename == "report.codequality.json"
    assert describe("junit").filename == "report.junit.xml"


@pytest.mark.parametrize(("name", "section"), [("github-actions.yml", "GitHub Actions"),
                                               ("gitlab-ci.yml", "GitLab CI")])
def test_docs_ci_shows_the_files_init_writes(catalog: Catalog, tmp_path: Path, name: str,
                                             section: str) -> None:
    scaffold(tmp_path, catalog, today=DAY)
    written = (tmp_path / "ci" / name).read_text()
    doc = (Path(__file__).resolve().parents[2] / "docs" / "ci.md").read_text()
    shown = re.search(rf"## {section}\n\n[^\n]*\n\n```yaml\n(.*?)```", doc, re.S)
    assert shown is not None and shown.group(1) == written
