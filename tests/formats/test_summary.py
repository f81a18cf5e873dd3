"""The terminal summary of ``assess``: coverage, audit findings, waivers, repository problems."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.checklists.loader import content_version
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import RenderOptions
from sms20k.formats.summary import SummaryRenderer

from ..conftest import Invoke
from .test_text import format2_repo, format2_report


def summary(report: Report, width: int = 100) -> str:
    return SummaryRenderer().render(report, RenderOptions(width=width))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return format2_report(tmp_path_factory.mktemp("summary"))


def row(text: str, scenario: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"│ {scenario} "))


def test_header_names_the_as_of_date_and_the_checklists(report: Report) -> None:
    head = summary(report).splitlines()[:2]
    assert head[0] == "Stratus <b>Cloud</b> & Co: Fixture gap assessment"
    assert head[1] == ("as of 2026-11-15 · assessment date 2026-11-15 · custom scenarios X01, "
                       f"X02, X03, X04 (content {content_version()})")


def test_coverage_is_its_own_figure_and_names_the_scenarios_not_assessed(
        report: Report) -> None:
    text = summary(report)
    # The terminal table wraps the long line; read it as words.
    assert ("Coverage 6 of 10 item results assessed (60%); 9 items, some judged once per "
            "service · not assessed: X03 Customer relationship") in " ".join(text.split())
    assert re.search(r"Overall score   45\.0% .* of the assessed items", text)


def test_a_scenario_nobody_assessed_is_not_assessed_never_zero(report: Report) -> None:
    text = summary(report)
    x03 = row(text, "X03")
    assert "not assessed" in x03 and "0.0%" not in x03 and "0/3" in x03
    assert "░" not in x03
    assert "3/4" in row(text, "X02")  # one result of X02 could not be assessed
    assert "n/a" in row(text, "X04")  # excluded: assessed, nothing to score
    assert "weakest" not in text


def test_findings_count_audit_findings_not_item_results(report: Report) -> None:
    text = summary(report, width=200)
    s = report.summary
    assert (s.findings["major"], s.counts.classes["major"]) == (1, 2)  # two items, one finding
    # Five item gaps and the conformant item that cites the changed document.
    assert ("Audit findings  1 major · 2 minor · 1 observation · 0 opportunities "
            "(with 6 item results as objective evidence)\n") in text


def test_waived_and_repository_problems_are_counted_apart(
        report: Report, views: tuple[Report, ValidationView]) -> None:
    # The small fixture waives the assessed X03.02; format2_repo leaves X03 unassessed, and
    # a waiver on a result nobody judged exempts nothing.
    waived = " ".join(summary(views[0], width=200).split())
    assert "Waived 1 result under an active waiver: still judged and counted, exempt only " \
           "from the CI gates" in waived
    text = " ".join(summary(report, width=200).split())
    assert "Waived " not in text
    assert "Repository 2 errors, 1 warning: problems of the evidence repository, not audit " \
           "findings; see the report's Repository problems section" in text


def test_no_waiver_and_no_repository_problem_lines_when_there_are_none(
        report: Report) -> None:
    clean = report.model_copy(update={"summary": report.summary.model_copy(update={
        "waived": 0, "repository_errors": 0, "repository_warnings": 0})})
    text = summary(clean)
    assert "Waived " not in text and "Repository " not in text


def test_top_gaps_show_notes_and_missing_evidence(report: Report) -> None:
    text = " ".join(summary(report, width=200).split())
    assert ("Tested restore: planned, not yet implemented · First restore test of the full "
            "database is booked for January.") in text
    assert "Service monitoring: report (Monthly availability report per service.) stale " \
           "since 2025-07-01" in text


def test_long_notes_are_shortened(report: Report) -> None:
    notes = "Requirements sit in three places. " + "Nothing links them together. " * 10
    first = report.gaps[0].model_copy(update={"notes": notes, "missing": ["no register"]})
    text = " ".join(summary(report.model_copy(update={"gaps": [first]}), width=200).split())
    assert "Requirements sit in three places. … · missing: no register" in text
    assert "Nothing links them" not in text


def test_small_fixture(views: tuple[Report, ValidationView]) -> None:
    text = summary(views[0], width=200)
    assert ("Coverage 9 of 10 item results assessed (90%); 9 items, some judged once per "
            "service Overall score") in " ".join(text.split())
    assert "not assessed:" not in text
    # X03.02 is waived: its verdict stays, with the waiver in the reasons.
    assert "Satisfaction survey: not implemented; waived until 2027-06-30" in text


def test_assess_prints_it(invoke: Invoke, tmp_path: Path) -> None:
    repo = format2_repo(tmp_path)
    result = invoke(["assess", repo, "-f", "json", "-o", tmp_path / "out", "--as-of",
                     "2026-11-15"], code=1)  # the repository gate fails
    assert result.stdout.startswith("Stratus <b>Cloud</b> & Co: Fixture gap assessment\n"
                                    "as of 2026-11-15 ·")
    assert "6 of 10 item results assessed (60%)" in result.stdout
    assert "\x1b[" not in result.stdout
