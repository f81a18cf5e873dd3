"""The JUnit XML format, read back the way CI test reporters read it (junitparser)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from junitparser import Failure, JUnitXml, Skipped, xunit2

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Finding
from sms20k.formats import get_renderer

from .conftest import load_small


def parse(view: Report | ValidationView) -> JUnitXml:
    # Bytes, as a consumer reads the file: lxml refuses a str with an encoding declaration.
    return JUnitXml.fromstring(get_renderer("junit").encode(view))


def cases(xml: JUnitXml) -> dict[str, Any]:
    return {case.name: case for suite in xml for case in suite}


def test_golden(views: tuple[Report, ValidationView], golden: Callable[[str, str], None]) -> None:
    golden("report.junit.xml", get_renderer("junit").render(views[0]))


def test_read_from_a_file(views: tuple[Report, ValidationView], tmp_path: Path) -> None:
    path = tmp_path / get_renderer("junit").filename
    path.write_bytes(get_renderer("junit").encode(views[0]))
    assert path.name == "report.junit.xml"
    xml = JUnitXml.fromfile(str(path))
    assert xml.name == "sms20k"
    assert path.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_one_suite_per_scenario_with_matching_counts(views: tuple[Report, ValidationView]) -> None:
    xml = parse(views[0])
    counts = {suite.name: (suite.tests, suite.failures, suite.skipped, suite.errors)
              for suite in xml}
    # The small fixture: X01 has two flagged results, X02 three (X02.02 for both services),
    # X03 and X04 are not assessed or not applicable; validate holds the two errors and two
    # warnings of the repository.
    assert counts == {
        "X01 Data export": (3, 2, 0, 0),
        "X02 Per-service operations": (4, 3, 0, 0),
        "X03 Customer relationship": (3, 0, 3, 0),
        "X04 Marketplace": (1, 0, 1, 0),
        "sms20k validate": (4, 2, 0, 0),
    }
    assert all(case.classname == suite.name.split()[0] for suite in list(xml)[:4]
               for case in suite)
    assert (xml.tests, xml.failures, xml.skipped) == (15, 7, 4)
    xml.update_statistics()  # junitparser's own count agrees with ours
    assert (xml.tests, xml.failures, xml.skipped) == (15, 7, 4)


def test_failures_carry_class_and_reasons(views: tuple[Report, ValidationView]) -> None:
    found = cases(parse(views[0]))
    (failure,) = found["X02.02 (app) Tested restore"].result
    assert isinstance(failure, Failure)
    assert failure.type == "major"
    assert failure.message == "Major nonconformity: planned, not yet implemented"
    assert failure.text == "planned, not yet implemented"
    (minor,) = found["X01.02 Export log"].result
    assert minor.type == "minor" and "waiver expired 2026-10-01" in minor.message


def test_skipped_and_passing_cases(views: tuple[Report, ValidationView]) -> None:
    found = cases(parse(views[0]))
    (skipped,) = found["X03.03 Complaint handling"].result
    assert isinstance(skipped, Skipped) and skipped.message == "not assessed"
    assert found["X03.03 Complaint handling"].system_out == "Observation: no evidence entry"
    (excluded,) = found["X04.01 Partner onboarding checks"].result
    assert excluded.message.startswith("excluded from scope: ")
    (waived,) = found["X03.02 Satisfaction survey"].result
    assert waived.message.startswith("waived until 2027-06-30")
    assert found["X01.01 Export procedure"].is_passed


def test_properties_carry_clauses(views: tuple[Report, ValidationView]) -> None:
    # junitparser reads testcase properties only in its xunit2 flavour.
    xml = xunit2.JUnitXml.fromstring(get_renderer("junit").encode(views[0]))
    case = next(c for s in xml for c in s if c.name == "X02.02 (infra) Tested restore")
    props = {p.name: p.value for p in case.properties()}
    assert props == {"clauses_2011": "6.3.2 6.3.3", "clauses_2018": "8.7.1 8.7.2",
                     "criticality": "high", "result": "nonconformant",
                     "finding_class": "major", "service": "infra"}


def test_validation_view(views: tuple[Report, ValidationView]) -> None:
    view = views[1]
    xml = parse(view)
    (suite,) = list(xml)
    assert suite.name == "sms20k validate"
    assert (suite.tests, suite.failures, suite.skipped) == (4, view.errors, 0)
    found = cases(xml)
    (failure,) = found["NO_EVIDENCE at evidence/x01.yaml:29:13"].result
    assert failure.message == "X01.03 is claimed implemented but lists no evidence"
    assert "(add evidence references or change the status)" in failure.text
    stale = found["EVIDENCE_STALE at evidence/x02.yaml:18:9"]
    assert stale.is_passed and "stale since 2025-07-01" in stale.system_out


def test_clean_repository_is_one_passing_case(views: tuple[Report, ValidationView]) -> None:
    clean = views[1].model_copy(update={"findings": [], "errors": 0, "warnings": 0})
    (suite,) = list(parse(clean))
    (case,) = list(suite)
    assert case.name == "repository is valid" and case.is_passed


def test_text_that_xml_cannot_hold_is_replaced() -> None:
    row = Finding(path="e.yaml", line=1, col=1, level="error", code="REF_RECORD",
                     message='bad \x01 record <"&">', hint=None, field=None, item=None,
                     service=None)
    view = ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=1,
                          entries=1, errors=1, warnings=0, findings=[row])
    (case,) = list(next(iter(parse(view))))
    assert case.result[0].message == 'bad \ufffd record <"&">'


def test_deterministic(views: tuple[Report, ValidationView]) -> None:
    renderer = get_renderer("junit")
    assert renderer.render(views[0]) == renderer.render(load_small()[0])
    assert "timestamp" not in renderer.render(views[0])
