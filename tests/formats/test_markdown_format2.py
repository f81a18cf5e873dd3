"""The Markdown report of format 2: coverage, audit findings, repository problems, waivers,
evidence checks and compact not-assessed items."""

from __future__ import annotations

import re

import pytest

from sms20k.assessment.model import Report
from sms20k.checklists.loader import content_version
from sms20k.evidence.validation_view import ValidationView

from .test_markdown_report import CELL_SEPARATOR, LINK, RAW_HTML, render, slug, tables
from .test_text import format2_report


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return format2_report(tmp_path_factory.mktemp("markdown"))


def section(text: str, heading: str) -> str:
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_header_gives_the_as_of_date_and_the_content_version(report: Report) -> None:
    head = render(report).split("## Contents")[0]
    assert "- **As of:** 2026-11-15\n" in head
    assert f"- **Checklist content version:** {content_version()}\n" in head


def test_executive_summary_counts_findings_coverage_waivers_and_problems(
        report: Report) -> None:
    summary = section(render(report), "Executive summary")
    assert ("**Coverage: 6 of 10 item results assessed (60%); 9 items, some judged once per "
            "service.** Not assessed: X03 Customer relationship.") in summary
    assert "| Major | Minor | Observations | Opportunities | Waived | Repository problems |\n" \
           "| ---: | ---: | ---: | ---: | ---: | ---: |\n| 1 | 2 | 1 | 0 | 0 | 3 |" in summary
    assert "1 major nonconformity: [F-8.7.1](#f-871) 8.7.1 Service availability management." \
           in summary
    assert "1 observation: [DC-" in summary and "docs/export-procedure.md changed after " \
           "approval." in summary
    assert "The evidence repository has 2 errors and 1 warning. They are problems of the " \
           "repository, not audit findings" in summary
    assert "see [Repository problems](#repository-problems)" in summary


def test_summary_sentences_speak_of_assessed_scenarios_only(report: Report) -> None:
    text = render(report)
    summary = section(text, "Executive summary")
    assert "Of the assessed scenarios, the weakest is X02 Per-service operations at 12.5% and " \
           "the strongest X01 Data export at 66.7%." in summary
    assert "1 not applicable result and 4 not assessed results are left out of every score " \
           "and count." in summary
    scores = section(text, "Scores per scenario")
    assert "| X03 |  | Customer relationship | not assessed | 3 | 0 |" in scores
    assert "0.0%" not in scores


def test_waived_items_are_listed_in_the_summary(views: tuple[Report, ValidationView]) -> None:
    summary = section(render(views[0]), "Executive summary")
    assert "### Waived items" in summary
    assert "| [X03.02](#x0302) | Satisfaction survey | Nonconformant | Minor nonconformity | " \
           "waived until 2027-06-30 by Chief Executive Officer: Customer surveys restart " \
           "after the CRM migration. |" in summary


def test_no_waived_list_without_waivers(report: Report) -> None:
    results = [r.model_copy(update={"waived": False}) for r in report.results]
    assert "### Waived items" not in render(report.model_copy(update={"results": results}))


def test_audit_findings_cite_2018_with_2011_beside_only_for_2011(report: Report) -> None:
    findings = section(render(report), "Audit findings")
    assert "### F-8.7.1\n\n**Major nonconformity · Service availability management**\n" \
           in findings
    assert "- **Requirement:** ISO/IEC 20000-1:2018 8.7.1 Service availability management " \
           "(2011: 6.3.2, 6.3.3, 6.2)" in findings
    assert "- **Statement:** ISO/IEC 20000-1:2018 8.7.1 Service availability management is " \
           "not fully met for app, infra." in findings
    assert "- **Evidence seen:** Availability report, March 2025 " \
           "(docs/availability-infra-2025-03.md)" in findings
    assert "- **Missing:** planned, not yet implemented; no record (Restore test record with " \
           "duration and data checked.); not implemented; report (Monthly availability report " \
           "per service.) stale since 2025-07-01" in findings
    assert "- **Services:** Stratus App, Stratus Infra · **Scenarios:** X02" in findings
    assert "| [X02.02 · Stratus App](#x0202-app) | Tested restore | Major nonconformity |" \
           in findings
    in_2018 = section(render(report, edition="2018"), "Audit findings")
    assert "(2011:" not in in_2018 and "The 2011 clauses are shown beside." not in in_2018
    assert "- **Requirement:** ISO/IEC 20000-1:2018 8.7.1 Service availability management\n" \
           in in_2018


def test_document_control_observation_names_the_document(report: Report) -> None:
    findings = section(render(report), "Audit findings")
    dc = findings.split("### DC-", 1)[1].split("\n### ", 1)[0]
    assert "**Observation · Control of documented information**" in dc
    assert "- **Document:** docs/export-procedure.md" in dc
    assert "| [X01.01](#x0101) | Export procedure | Conformant |" in dc


def test_a_raised_finding_says_why(report: Report) -> None:
    first = report.findings[1].model_copy(update={
        "grade": "major", "worst_item": "minor",
        "raised": "3 minor results across 2 scenarios show a systemic failure"})
    text = render(report.model_copy(update={"findings": [first]}))
    assert "- **Grade:** Major nonconformity, raised from minor nonconformity: 3 minor " \
           "results across 2 scenarios show a systemic failure" in text


def test_repository_problems_have_their_own_section(report: Report) -> None:
    problems = section(render(report), "Repository problems")
    assert "They are not audit findings and count in no score or finding" in problems
    assert "| error | REF\\_MISSING | docs/availabilty-app-2026-10.md does not exist | " \
           "X02.01 · Stratus App | evidence/x02.yaml:8:15 |" in problems
    assert "LOCK\\_MISMATCH" in problems
    for audit in ("NO\\_EVIDENCE", "EVIDENCE\\_STALE", "WAIVER\\_EXPIRED"):
        assert audit not in problems
    validation = section(render(report), "Validation")
    assert "| error | NO\\_EVIDENCE | audit |" in validation
    assert "| error | REF\\_MISSING | repository problem |" in validation


def test_no_repository_problems(views: tuple[Report, ValidationView]) -> None:
    report = views[0].model_copy(update={"validation": []})
    assert "## Repository problems\n" in render(report)
    assert "\nNone.\n" in section(render(report), "Repository problems")


def test_gaps_show_notes_and_missing_evidence(report: Report) -> None:
    summary = section(render(report), "Executive summary")
    assert "| # | Item | Title | Class | Criticality | Clauses | Why | Notes | " \
           "Missing evidence |" in summary
    assert "| planned, not yet implemented | First restore test of the full database is " \
           "booked for January. | no record (Restore test record with duration and data " \
           "checked.) |" in summary
    assert "| report (Monthly availability report per service.) stale since 2025-07-01 |  | " \
           "report (Monthly availability report per service.) stale since 2025-07-01 |" \
           in summary


def test_long_notes_are_shortened_in_gaps_and_whole_in_details(report: Report) -> None:
    notes = "Restores are booked. " + "Every detail follows here. " * 10
    results = [r.model_copy(update={"notes": notes}) if r.label == "X02.02 (app)" else r
               for r in report.results]
    gaps = [g.model_copy(update={"notes": notes}) if g.label == "X02.02 (app)" else g
            for g in report.gaps]
    text = render(report.model_copy(update={"results": results, "gaps": gaps}))
    assert "| Restores are booked. … |" in section(text, "Executive summary")
    assert f"- **Notes:** {' '.join(notes.split())}" in section(text, "Item details")


def test_item_details_show_evidence_checks_finding_and_waiver(
        report: Report, views: tuple[Report, ValidationView]) -> None:
    details = section(render(report), "Item details")
    assert "| Expected evidence | Level | Cadence | State | Latest date |" in details
    assert "| report: Monthly availability report per service. | required | 3 months | " \
           "stale since 2025-07-01 | 2025-04-01 |" in details
    assert "- **Finding:** Observation (audit finding [F-8.7.1](#f-871))" in details
    assert "- **Primary clause (2018):** 8.7.1 Service availability management" in details
    small = section(render(views[0]), "Item details")
    assert "**Satisfaction survey** · waived\n" in small
    assert "- **Waiver:** active until 2027-06-30, approved by Chief Executive Officer on " \
           "2026-06-01: Customer surveys restart after the CRM migration." in small
    assert "- **Waiver:** expired 2026-10-01, approved by Chief Operating Officer" in small


def test_not_assessed_items_are_one_line_each(report: Report) -> None:
    for by in ("scenario", "clause"):
        details = section(render(report, by=by), "Item details")
        assert "#### X03." not in details and "#### X02.01 (app)" not in details
        assert "- X03.03 Complaint handling: not assessed: no evidence entry" in details
    x03 = section(render(report), "Item details").split("### X03 ", 1)[1].split("\n### ")[0]
    assert x03.startswith("Customer relationship\n\nNone of its 3 results was assessed.\n")
    x02 = section(render(report), "Item details").split("### X02 ", 1)[1].split("\n### ")[0]
    assert "Score: █░░░░░░░░░ 12.5% · 4 results, 3 assessed" in x02
    assert "Not assessed:\n\n- X02.01 (app) Service monitoring: not assessed: report " in x02


@pytest.mark.parametrize("options", [{}, {"edition": "2018", "by": "clause"}])
def test_links_tables_and_escaping_hold(report: Report, options: dict[str, str]) -> None:
    text = render(report, **options)
    assert not RAW_HTML.search(text)
    anchors = {slug(line.lstrip("#").strip()) for line in text.splitlines()
               if line.startswith("#")}
    targets = {t[1:] for t in LINK.findall(text) if t.startswith("#")}
    assert {"f-871", "x0202-app", "repository-problems", "audit-findings"} <= targets
    assert targets <= anchors, targets - anchors
    for block in tables(text):
        assert len({len(CELL_SEPARATOR.split(line)) for line in block}) == 1, block
    assert re.search(r"^## Item findings$", text, re.M)
