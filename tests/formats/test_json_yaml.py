"""JSON and YAML: the report of format 2 as it is, the same data in both."""

from __future__ import annotations

import json

import yaml

from sms20k.assessment.model import REPORT_FORMAT_VERSION, Report
from sms20k.checklists.loader import content_version
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats import get_renderer


def test_json_and_yaml_hold_the_same_report(views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    data = json.loads(get_renderer("json").render(report))
    assert yaml.safe_load(get_renderer("yaml").render(report)) == data
    assert data["format_version"] == REPORT_FORMAT_VERSION == 2
    assert data["meta"]["as_of"] == "2026-11-15"
    assert data["meta"]["content_version"] == content_version()
    assert data["summary"]["findings"] == {"major": 1, "minor": 3, "observation": 0, "ofi": 0}
    assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]
    # It reads back as the same report (what --baseline and diff do).
    again = Report.model_validate(data)
    assert json.loads(get_renderer("json").render(again)) == data


def test_not_assessed_results_have_no_class_and_no_score(
        views: tuple[Report, ValidationView]) -> None:
    data = json.loads(get_renderer("json").render(views[0]))
    (x0303,) = [r for r in data["results"] if r["item"] == "X03.03"]
    assert (x0303["result"], x0303["finding_class"], x0303["score"]) == (
        "not-assessed", None, None)
    survey = next(r for r in data["results"] if r["item"] == "X03.02")
    assert (survey["finding_class"], survey["waived"]) == ("minor", True)
    assert survey["waiver"]["active"] is True


def test_validation_carries_its_as_of_date(views: tuple[Report, ValidationView]) -> None:
    data = json.loads(get_renderer("json").render(views[1]))
    assert data["as_of"] == "2026-11-15"
    assert yaml.safe_load(get_renderer("yaml").render(views[1])) == data
