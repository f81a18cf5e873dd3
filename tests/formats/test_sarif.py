"""The SARIF format: schema-valid, located, fingerprinted and deterministic."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Finding
from sms20k.formats import get_renderer

from ..conftest import DATA
from .conftest import load_small

SCHEMA = json.loads((DATA / "schemas" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))




@pytest.fixture(scope="module")
def report(views: tuple[Report, ValidationView]) -> Report:
    return views[0]


@pytest.fixture(scope="module")
def validation(views: tuple[Report, ValidationView]) -> ValidationView:
    return views[1]


def sarif(view: Report | ValidationView) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(get_renderer("sarif").render(view))
    return data


def finding(**changes: Any) -> Finding:
    row = {"path": "evidence/x.yaml", "line": 3, "col": 7, "level": "error",
           "code": "REF_MISSING", "message": "docs/a.md does not exist", "hint": None,
           "field": None, "item": "X01.01", "service": None}
    return Finding(**(row | changes))


def test_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.sarif", get_renderer("sarif").render(report))


@pytest.mark.parametrize("which", ["report", "validation"])
def test_valid_against_the_official_schema(views: tuple[Report, ValidationView],
                                           which: str) -> None:
    view = views[0] if which == "report" else views[1]
    errors = [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(sarif(view))]
    assert errors == []


def test_one_run_by_sms20k(report: Report) -> None:
    from sms20k import __version__

    data = sarif(report)
    assert data["version"] == "2.1.0" and len(data["runs"]) == 1
    driver = data["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("sms20k", __version__)
    assert driver["informationUri"] == "https://pypi.org/project/sms20k/"
    assert driver["semanticVersion"] == __version__


def test_rules_cover_findings_items_and_finding_codes(report: Report) -> None:
    rules = {r["id"]: r for r in sarif(report)["runs"][0]["tool"]["driver"]["rules"]}
    assert {"F-8.7.1", "X01.02", "X02.02", "NO_EVIDENCE", "WAIVER_EXPIRED"} <= rules.keys()
    assert "X01.01" not in rules  # conformant, nothing to report
    assert "X03.03" not in rules  # not assessed: never a result
    restore = rules["X02.02"]
    assert restore["shortDescription"]["text"] == "Tested restore"
    assert restore["name"] == "TestedRestore"
    assert "6.3.2" in restore["help"]["text"] and "8.7.1" in restore["help"]["text"]
    assert {"criticality-high", "2011:6.3.2", "2018:8.7.2"} <= set(restore["properties"]["tags"])
    assert rules["NO_EVIDENCE"]["defaultConfiguration"]["level"] == "error"
    no_evidence = rules["NO_EVIDENCE"]
    assert no_evidence["name"] == "ImplementedWithoutEvidence"  # its title: never the id
    assert no_evidence["helpUri"] == (
        "https://github.com/sms20k/sms20k/blob/main/docs/evidence-format.md#finding-codes")
    assert restore["helpUri"].endswith("/docs/assessment-rules.md#item-results")
    assert rules["F-8.7.1"]["helpUri"].endswith("/docs/assessment-rules.md#audit-findings")
    assert no_evidence["shortDescription"] == {"text": "Implemented without evidence"}
    assert no_evidence["fullDescription"] == {
        "text": "Implemented without any evidence reference.",
        "markdown": "`implemented` without any evidence reference."}
    assert no_evidence["help"] == {"text": "Add references or change the status.",
                                   "markdown": "Add references or change the status."}
    assert rules["WAIVER_EXPIRED"]["shortDescription"] == {"text": "Waiver expired"}


def test_validation_view_has_only_code_rules(validation: ValidationView) -> None:
    run = sarif(validation)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted(["EVIDENCE_STALE", "MISSING_ENTRY", "NO_EVIDENCE", "WAIVER_EXPIRED"])
    assert [r["ruleId"] for r in run["results"]] == [
        "NO_EVIDENCE", "EVIDENCE_STALE", "MISSING_ENTRY", "WAIVER_EXPIRED"]


def test_major_result_is_an_error_at_its_entry(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    restore = next(r for r in results
                   if r["ruleId"] == "X02.02" and r["properties"]["service"] == "app")
    assert restore["level"] == "error"
    assert restore["message"]["text"].startswith("Major nonconformity in X02.02 (app)")
    physical = restore["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "evidence/x02.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 22, "startColumn": 5}
    assert restore["properties"]["findingClass"] == "major"
    assert restore["properties"]["result"] == "nonconformant"


def test_levels_and_rule_indexes(report: Report) -> None:
    run = sarif(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    levels = {(r["ruleId"], r["properties"].get("service")): r["level"] for r in run["results"]}
    assert levels[("F-8.7.1", None)] == "error"  # a major audit finding
    assert levels[("F-8.5.2.2", None)] == "warning"  # a minor one
    assert levels[("X01.03", None)] == "warning"  # minor
    assert levels[("X02.01", "infra")] == "note"  # observation
    assert levels[("EVIDENCE_STALE", "infra")] == "warning"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_not_assessed_is_never_a_result(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    assert not [r for r in results if r["ruleId"] == "X03.03"
                or r.get("properties", {}).get("result") == "not-assessed"]
    # The scenario's one MISSING_ENTRY warning stays: a problem of the repository.
    (missing,) = [r for r in results if r["ruleId"] == "MISSING_ENTRY"]
    assert missing["properties"] == {"item": "X03", "repositoryProblem": True}
    assert missing["locations"][0]["physicalLocation"]["region"]["startLine"] == 30


def test_audit_findings_are_results_with_their_clause_and_items(report: Report) -> None:
    run = sarif(report)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    availability = next(r for r in run["results"] if r["ruleId"] == "F-8.7.1")
    assert availability["properties"] == {
        "findingId": "F-8.7.1", "kind": "requirement", "grade": "major", "worstItem": "major",
        "clause": "8.7.1", "clauseTitle": "Service availability management",
        "clauses2011": ["6.3.2", "6.3.3", "6.2"],
        "items": ["X02.02 (app)", "X02.02 (infra)", "X02.01 (infra)"],
        "services": ["app", "infra"], "scenarios": ["X02"], "waived": False}
    assert availability["message"]["text"].startswith(
        "ISO/IEC 20000-1:2018 8.7.1 Service availability management is not fully met")
    # At its first (worst) item's entry.
    physical = availability["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "evidence/x02.yaml"
    assert physical["region"] == {"startLine": 22, "startColumn": 5}
    rule = rules["F-8.7.1"]
    assert rule["shortDescription"] == {
        "text": "ISO/IEC 20000-1:2018 8.7.1 Service availability management"}
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert {"audit-finding", "2018:8.7.1", "2011:6.3.2"} <= set(rule["properties"]["tags"])
    # Each item result names the findings that cite it.
    restore = next(r for r in run["results"] if r["ruleId"] == "X02.02")
    assert restore["properties"]["auditFindings"] == ["F-8.7.1"]
    # Findings first, then items, then codes; every index points at its rule.
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids[:4] == [f.id for f in report.findings]


def test_waived_results_keep_their_level_and_are_suppressed(report: Report) -> None:
    results = sarif(report)["runs"][0]["results"]
    survey = next(r for r in results if r["ruleId"] == "X03.02")
    assert survey["level"] == "warning"  # the minor verdict stands
    assert survey["properties"]["findingClass"] == "minor"
    assert survey["properties"]["waived"] is True
    assert "waived until 2027-06-30 by Chief Executive Officer" in survey["message"]["text"]
    (suppression,) = survey["suppressions"]
    assert suppression == {
        "kind": "external", "status": "accepted",
        "justification": "Customer surveys restart after the CRM migration. "
                         "(waived until 2027-06-30 by Chief Executive Officer)"}
    finding = next(r for r in results if r["ruleId"] == "F-8.3.2")
    assert finding["level"] == "warning" and finding["properties"]["waived"] is True
    assert finding["suppressions"] == [suppression]
    assert "Waived: every item" in finding["message"]["text"]
    others = [r for r in results if r["ruleId"] not in ("X03.02", "F-8.3.2")]
    assert not [r for r in others if "suppressions" in r]


def test_the_as_of_date_is_in_the_run(views: tuple[Report, ValidationView]) -> None:
    report, validation = views
    props = sarif(report)["runs"][0]["properties"]
    assert props["asOf"] == "2026-11-15" and props["reportFormat"] == 2
    assert props["findings"] == {"major": 1, "minor": 3, "observation": 0, "ofi": 0}
    assert props["coverage"]["assessed"] == 9 and props["waived"] == 1
    assert (props["repositoryErrors"], props["repositoryWarnings"]) == (0, 1)
    assert sarif(validation)["runs"][0]["properties"] == {"asOf": "2026-11-15"}


def test_repository_problems_and_audit_checks_are_told_apart(report: Report) -> None:
    run = sarif(report)["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "repository-problem" in rules["MISSING_ENTRY"]["properties"]["tags"]
    assert "audit-check" in rules["NO_EVIDENCE"]["properties"]["tags"]
    flags = {r["ruleId"]: r["properties"]["repositoryProblem"] for r in run["results"]
             if "repositoryProblem" in r["properties"]}
    assert flags == {"NO_EVIDENCE": False, "EVIDENCE_STALE": False, "MISSING_ENTRY": True,
                     "WAIVER_EXPIRED": False}


def test_unknown_position_has_no_region_and_odd_paths_are_uris() -> None:
    view = ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=1,
                          entries=1, errors=2, warnings=0, findings=[
                              finding(path="my docs/50%#1.yaml", line=None, col=None),
                              finding(path="/srv/repo/evidence/x.yaml", line=4, col=0)])
    data = sarif(view)
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(data)) == []
    first, second = (r["locations"][0]["physicalLocation"] for r in data["runs"][0]["results"])
    assert first == {"artifactLocation": {"uri": "my%20docs/50%25%231.yaml",
                                          "uriBaseId": "%SRCROOT%"}}
    assert second == {"artifactLocation": {"uri": "file:///srv/repo/evidence/x.yaml"},
                      "region": {"startLine": 4}}


def test_fingerprints_are_unique_and_survive_moved_lines(report: Report) -> None:
    def prints(view: Report) -> list[str]:
        return [r["partialFingerprints"]["sms20k/v1"] for r in sarif(view)["runs"][0]["results"]]

    before = prints(report)
    assert len(set(before)) == len(before)
    github = [r["partialFingerprints"]["primaryLocationLineHash"]
              for r in sarif(report)["runs"][0]["results"]]
    assert len(set(github)) == len(github)
    moved = report.model_copy(update={"results": [
        r.model_copy(update={"location": r.location.model_copy(update={"line": 99})})
        if r.location else r for r in report.results]})
    assert prints(moved) == before


def test_deterministic(report: Report) -> None:
    first = get_renderer("sarif").render(report)
    assert get_renderer("sarif").render(load_small()[0]) == first
    assert first.endswith("}\n")


def test_rules_of_codes_come_from_the_registry(validation: ValidationView) -> None:
    from sms20k.codes import CODES
    from sms20k.formats.sarif_rules import code_rule

    rules = sarif(validation)["runs"][0]["tool"]["driver"]["rules"]
    assert rules == [code_rule(CODES[r["id"]]) for r in rules]


def test_item_and_service_are_the_findings_own(report: Report) -> None:
    results = {r["ruleId"]: r for r in sarif(report)["runs"][0]["results"]}
    assert results["NO_EVIDENCE"]["properties"] == {"item": "X01.03",
                                                    "repositoryProblem": False}
    assert results["EVIDENCE_STALE"]["properties"] == {"item": "X02.01", "service": "infra",
                                                       "repositoryProblem": False}
    # The report carries the hint the checks gave, as validate does.
    assert results["NO_EVIDENCE"]["message"]["text"] == (
        "X01.03 is claimed implemented but lists no evidence "
        "(add evidence references or change the status).")  # a sentence, as SARIF asks


def test_an_unregistered_code_gets_a_plain_rule() -> None:
    view = ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=1,
                          entries=1, errors=1, warnings=0, findings=[finding(code="NEW_CODE")])
    (rule,) = sarif(view)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["id"] == "NEW_CODE" and rule["shortDescription"] == {"text": "NEW_CODE"}
    assert rule["defaultConfiguration"] == {"level": "error"}


# Checklist text a pull request controls: Markdown that would render, HTML, a link, and
# terminal controls, bidi and line separators that must show escaped.
HOSTILE_TEXT = ["*bold* _it_ `code`", "[click](javascript:alert(1))", "<img src=x onerror=y>",
                "# heading", "- list", "\x1b[2J\x1b]0;title\x07", "\u202egpj.exe",
                "line\u2028::error::x", "a | b", "&amp; entity"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_checklist_text_is_escaped_as_in_the_markdown_report(report: Report, text: str) -> None:
    from sms20k.formats.markdown_syntax import escape
    from sms20k.safetext import visible

    flagged = next(r for r in report.results if r.finding_class == "major")
    clauses = [c.model_copy(update={"title": f"Clause {text}"}) for c in flagged.clauses_2011]
    hostile = flagged.model_copy(update={"title": f"Title {text}", "clauses_2011": clauses,
                                         "reasons": [f"why {text}"]})
    data = sarif(report.model_copy(update={"results": [hostile], "findings": []}))
    rule = data["runs"][0]["tool"]["driver"]["rules"][0]
    markdown = rule["help"]["markdown"]
    assert f"{hostile.item} {escape(f'Title {text}')} (scenario" in markdown
    assert escape(f"Clause {text}") in markdown
    message = data["runs"][0]["results"][0]["message"]["text"]
    for field in (markdown, rule["help"]["text"], rule["shortDescription"]["text"],
                  rule["fullDescription"]["text"], message):
        hidden = [c for c in field if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                  and c != "\n"]
        assert not hidden and "\n::" not in field, ascii(field)
    assert rule["shortDescription"]["text"] == visible(f"Title {text}")
    assert visible(f"why {text}") in message


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_audit_finding_text_is_escaped(report: Report, text: str) -> None:
    from sms20k.formats.markdown_syntax import escape

    first = report.findings[0]
    clause = first.clause.model_copy(update={"title": f"Clause {text}"})
    hostile = first.model_copy(update={
        "clause": clause, "statement": f"Statement {text}",
        "requirement": f"ISO/IEC 20000-1:2018 {clause.id} Clause {text}"})
    data = sarif(report.model_copy(update={"findings": [hostile]}))
    rule = data["runs"][0]["tool"]["driver"]["rules"][0]
    result = data["runs"][0]["results"][0]
    assert rule["id"] == result["ruleId"] == first.id
    assert escape(f"Clause {text}") in rule["help"]["markdown"]
    for field in (rule["help"]["markdown"], rule["help"]["text"],
                  rule["shortDescription"]["text"], rule["fullDescription"]["text"],
                  result["message"]["text"], result["properties"]["clauseTitle"]):
        hidden = [c for c in field if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                  and c != "\n"]
        assert not hidden and "\n::" not in field, ascii(field)
