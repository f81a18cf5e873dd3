"""The JUnit XML format, read back the way CI test reporters read it (junitparser).

The real consumers (xmllint with junit-10.xsd, junit-report-merger) are in
test_junit_consumers.py."""

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


def props(case: Any) -> dict[str, str]:
    """A test case's facts: ``key: value`` lines of its system-out (junit-10.xsd allows no
    properties on a test case)."""
    lines = (case.system_out or "").splitlines()
    return dict(line.split(": ", 1) for line in lines if line.split(": ", 1)[0].isidentifier())


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
    # The small fixture: four audit findings (one major, three minor, all failing); X01 has
    # two minors; X02 two majors (X02.02 for both services) and an observation that passes;
    # X03 a waived minor that still fails, a not-applicable and a not-assessed item, both
    # skipped; X04 is out of scope. The repository has one warning (MISSING_ENTRY); the audit
    # checks among the validation findings are in the verdicts already.
    assert counts == {
        "sms20k audit findings": (4, 4, 0, 0),
        "X01 Data export": (3, 2, 0, 0),
        "X02 Per-service operations": (4, 2, 0, 0),
        "X03 Customer relationship": (3, 1, 2, 0),
        "X04 Marketplace": (1, 0, 1, 0),
        "sms20k repository": (1, 0, 0, 0),
    }
    assert all(case.classname == suite.name.split()[0] for suite in list(xml)[1:5]
               for case in suite)
    # junit-10.xsd has no skipped on testsuites: only the suites say it.
    assert (xml.tests, xml.failures) == (16, 9) and xml._elem.get("skipped") is None
    xml.update_statistics()  # junitparser's own count agrees with ours
    assert (xml.tests, xml.failures, xml.skipped) == (16, 9, 3)


def test_failures_carry_class_and_reasons(views: tuple[Report, ValidationView]) -> None:
    found = cases(parse(views[0]))
    (failure,) = found["X02.02 (app) Tested restore"].result
    assert isinstance(failure, Failure)
    assert failure.type == "major"
    assert failure.message == ("evidence/x02.yaml:22: Major nonconformity: "
                               "planned, not yet implemented")
    assert failure.text == "evidence/x02.yaml:22: planned, not yet implemented"
    (minor,) = found["X01.02 Export log"].result
    assert minor.type == "minor" and "waiver expired 2026-10-01" in minor.message


def test_one_case_per_audit_finding(views: tuple[Report, ValidationView]) -> None:
    xml = xunit2.JUnitXml.fromstring(get_renderer("junit").encode(views[0]))
    suite = next(s for s in xml if s.name == "sms20k audit findings")
    found = {c.name: c for c in suite}
    # The id and the clause's title, never the grade: a regraded finding is the same case.
    assert list(found) == [
        "F-8.7.1 Service availability management",
        "F-7.5.3 Control of documented information",
        "F-8.3.2 Business relationship management",
        "F-8.5.2.2 Design"]
    assert {c.classname for c in suite} == {"sms20k.findings"}
    major = found["F-8.7.1 Service availability management"]
    (failure,) = major.result
    assert (failure.type, failure.message) == (
        "major", "evidence/x02.yaml:22: Major nonconformity: F-8.7.1")
    assert failure.text.startswith(
        "evidence/x02.yaml:22: ISO/IEC 20000-1:2018 8.7.1 Service availability")
    assert props(major) == {"finding_id": "F-8.7.1", "kind": "requirement", "grade": "major",
                     "clause_2018": "8.7.1", "clauses_2011": "6.3.2 6.3.3 6.2",
                     "items": "X02.02 (app), X02.02 (infra), X02.01 (infra)",
                     "waived": "false"}
    (waived,) = found["F-8.3.2 Business relationship management"].result
    assert waived.message.endswith(": Minor nonconformity (waived): F-8.3.2")
    assert "Waived: every item, exempt from the CI gates only." in waived.text


def test_no_findings_is_one_passing_case(views: tuple[Report, ValidationView]) -> None:
    xml = parse(views[0].model_copy(update={"findings": []}))
    suite = next(s for s in xml if s.name == "sms20k audit findings")
    (case,) = list(suite)
    assert case.name == "no audit findings" and case.is_passed


def test_skipped_and_passing_cases(views: tuple[Report, ValidationView]) -> None:
    found = cases(parse(views[0]))
    (skipped,) = found["X03.03 Complaint handling"].result
    assert isinstance(skipped, Skipped) and skipped.message == "not assessed"
    assert props(found["X03.03 Complaint handling"])["result"] == "not-assessed"
    (excluded,) = found["X04.01 Partner onboarding checks"].result
    assert excluded.message.startswith("excluded from scope: ")
    assert found["X01.01 Export procedure"].is_passed
    monitoring = found["X02.01 (infra) Service monitoring"]
    assert monitoring.is_passed
    assert monitoring.system_out.startswith("evidence/x02.yaml:12: Observation: ")


def test_a_waived_result_fails_on_its_verdict(views: tuple[Report, ValidationView]) -> None:
    xml = xunit2.JUnitXml.fromstring(get_renderer("junit").encode(views[0]))
    case = next(c for s in xml for c in s if c.name == "X03.02 Satisfaction survey")
    (failure,) = case.result
    assert isinstance(failure, Failure) and failure.type == "minor"
    assert failure.message.endswith(": Minor nonconformity: not implemented; waived until "
                                    "2027-06-30 by Chief Executive Officer")
    assert props(case)["waived"] == "true"


def test_repository_problems_have_their_suite(views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    xml = parse(report)
    suite = next(s for s in xml if s.name == "sms20k repository")
    (case,) = list(suite)
    assert case.classname == "sms20k.repository"
    assert case.name == "MISSING_ENTRY X03 sms20k.yaml 13af5514" and case.is_passed
    assert case.system_out.startswith("sms20k.yaml:30: [warning] MISSING_ENTRY (repository")
    # An error-level repository problem fails; an audit check (NO_EVIDENCE) stays out.
    broken = report.validation[0].model_copy(update={"code": "REF_MISSING", "line": 40})
    xml = parse(report.model_copy(update={"validation": [*report.validation, broken]}))
    suite = next(s for s in xml if s.name == "sms20k repository")
    assert [c.name.rsplit(" ", 1)[0] for c in suite] == ["MISSING_ENTRY X03 sms20k.yaml",
                                                         "REF_MISSING X01.03 evidence/x01.yaml"]
    assert (suite.tests, suite.failures) == (2, 1)
    (failure,) = list(suite)[1].result
    assert failure.message.startswith("evidence/x01.yaml:40: ")
    clean = parse(report.model_copy(update={"validation": []}))
    (case,) = list(next(s for s in clean if s.name == "sms20k repository"))
    assert case.name == "repository is valid" and case.is_passed


def test_every_suite_carries_the_as_of_date(views: tuple[Report, ValidationView]) -> None:
    for view in views:
        xml = xunit2.JUnitXml.fromstring(get_renderer("junit").encode(view))
        for suite in xml:
            assert suite.timestamp == "2026-11-15T00:00:00"
            assert {p.name: p.value for p in suite.properties()} == {"as_of": "2026-11-15"}


def test_properties_carry_clauses(views: tuple[Report, ValidationView]) -> None:
    # junitparser reads testcase properties only in its xunit2 flavour.
    xml = xunit2.JUnitXml.fromstring(get_renderer("junit").encode(views[0]))
    case = next(c for s in xml for c in s if c.name == "X02.02 (infra) Tested restore")
    assert props(case) == {"clauses_2011": "6.3.2 6.3.3", "clauses_2018": "8.7.1 8.7.2",
                           "criticality": "high", "result": "nonconformant",
                           "finding_class": "major", "service": "infra",
                           "location": "evidence/x02.yaml:27"}
    assert list(case.properties()) == []  # junit-10.xsd: none on a test case


def test_validation_view(views: tuple[Report, ValidationView]) -> None:
    view = views[1]
    xml = parse(view)
    (suite,) = list(xml)
    assert suite.name == "sms20k validate"
    assert (suite.tests, suite.failures, suite.skipped) == (4, view.errors, 0)
    found = cases(xml)
    (failure,) = found["NO_EVIDENCE X01.03 evidence/x01.yaml 8c227df2"].result
    assert failure.message == ("evidence/x01.yaml:29: "
                               "X01.03 is claimed implemented but lists no evidence")
    assert failure.text.startswith("evidence/x01.yaml:29: [error] NO_EVIDENCE")
    assert "(add evidence references or change the status)" in failure.text
    stale = found["EVIDENCE_STALE X02.01 (infra) evidence/x02.yaml 186c18b3"]
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
    assert case.result[0].message == 'e.yaml:1: bad \ufffd record <"&">'


def test_deterministic(views: tuple[Report, ValidationView]) -> None:
    renderer = get_renderer("junit")
    assert renderer.render(views[0]) == renderer.render(load_small()[0])
