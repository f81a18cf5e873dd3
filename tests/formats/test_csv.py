"""CSV cells: formula leads neutralized by the OWASP rule, controls shown escaped."""

from __future__ import annotations

import csv
import io

import pytest

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats import get_renderer
from sms20k.formats.csv import cell, neutralize

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"]
# What a spreadsheet skips before it looks for a formula, and the lookalike leads it folds.
LEADS = ["", " ", "   ", "\t", "\r", "\n", "\r\n", "\xa0", "\u3000", "\u2003", "\u200b",
         "\ufeff", " \xa0\t"]
LOOKALIKES = ["\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\ufe661", "\u22121"]


@pytest.mark.parametrize("lead", LEADS)
@pytest.mark.parametrize("formula", FORMULAS + LOOKALIKES)
def test_a_formula_after_any_lead_is_neutralized(lead: str, formula: str) -> None:
    assert neutralize(lead + formula) == "'" + lead + formula


@pytest.mark.parametrize("value", ["\tplain", "\rplain", "\nplain"])
def test_tab_cr_and_lf_leads_are_neutralized_whatever_follows(value: str) -> None:
    assert neutralize(value) == "'" + value


@pytest.mark.parametrize("value", ["", " ", "plain", "a=1", "5", "1-2", "mail@example.com",
                                   "x +1", "'quoted"])
def test_other_cells_are_left_alone(value: str) -> None:
    assert neutralize(value) == value


def test_negative_numbers_are_neutralized_too() -> None:
    # OWASP: every lead, numbers included; a spreadsheet shows '-5 as the text -5.
    assert neutralize("-5") == "'-5"


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J=1", "\\x1b[2J=1"),
    ("a\u202eb", "a\\u202eb"),
    ("two\nlines", "two\nlines"),
    ("cr\r\nlf", "cr\\r\nlf"),
    ("\xa0=1", "'\xa0=1"),
])
def test_cells_show_controls_escaped(raw: str, shown: str) -> None:
    assert cell(raw) == shown


def test_report_cells_are_neutralized(views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    first = report.results[0]
    hostile = [first.model_copy(update={"owner": lead + formula, "reasons": [lead + formula]})
               for lead in LEADS for formula in FORMULAS + LOOKALIKES]
    text = get_renderer("csv").render(report.model_copy(update={"results": hostile}))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(hostile)
    for row in rows:
        for value in (row["owner"], row["reasons"]):
            # Neutralized, or shown escaped (a CR as \r), which no spreadsheet runs either.
            assert value.startswith(("'", "\\")), value


OLD_COLUMNS = ["id", "service", "scenario", "title", "criticality", "clauses_2011",
               "clauses_2018", "status", "result", "finding_class", "score", "weight", "owner",
               "evidence_count", "last_review", "reasons", "location"]
NEW_COLUMNS = ["finding_id", "finding_grade", "waived", "notes", "missing_evidence",
               "primary_2018", "as_of"]


def rows_of(report: Report) -> dict[str, dict[str, str]]:
    text = get_renderer("csv").render(report)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == OLD_COLUMNS + NEW_COLUMNS  # new columns only at the end
    return {f"{row['id']} {row['service']}".strip(): row for row in reader}


@pytest.fixture(scope="module")
def format2(tmp_path_factory: pytest.TempPathFactory) -> Report:
    from .test_text import format2_report

    return format2_report(tmp_path_factory.mktemp("csv"))


def test_each_item_row_names_its_audit_finding(format2: Report) -> None:
    rows = rows_of(format2)
    assert len(rows) == len(format2.results)
    both = [rows["X02.02 app"], rows["X02.02 infra"], rows["X02.01 infra"]]
    assert {(r["finding_id"], r["finding_grade"]) for r in both} == {
        ("F-8.7.1", "Major nonconformity")}
    # An observation under a major finding keeps its own class beside the finding's grade.
    assert rows["X02.01 infra"]["finding_class"] == "Observation"
    dc = next(f.id for f in format2.findings if f.kind == "document-control")
    assert (rows["X01.01"]["finding_id"], rows["X01.01"]["finding_grade"]) == (dc, "Observation")
    assert rows["X03.03"]["finding_id"] == rows["X03.03"]["finding_grade"] == ""


def test_new_columns(format2: Report, views: tuple[Report, ValidationView]) -> None:
    rows = rows_of(format2)
    assert {r["as_of"] for r in rows.values()} == {"2026-11-15"}
    assert rows["X02.01 infra"]["missing_evidence"] == (
        "report (Monthly availability report per service.) stale since 2025-07-01")
    assert rows["X02.01 app"]["missing_evidence"] == (
        "report (Monthly availability report per service.) cannot be used: its reference is "
        "broken")
    assert (rows["X02.01 app"]["result"], rows["X02.01 app"]["score"]) == ("Not assessed", "")
    assert rows["X02.02 app"]["notes"] == (
        "First restore test of the full database is booked for January.")
    assert rows["X02.02 app"]["primary_2018"] == "8.7.1"
    small = rows_of(views[0])
    assert small["X03.02"]["waived"] == "yes" and small["X01.02"]["waived"] == "no"
    assert small["X03.02"]["finding_class"] == "Minor nonconformity"  # keeps its verdict
    assert small["X01.02"]["notes"] == "'+1 export was late; see the log."  # neutralized


def test_supporting_evidence_is_marked(format2: Report) -> None:
    first = next(r for r in format2.results if r.label == "X02.01 (infra)")
    check = first.evidence_checks[0].model_copy(update={"level": "supporting"})
    report = format2.model_copy(update={"results": [first.model_copy(
        update={"evidence_checks": [check]})]})
    row = next(iter(rows_of(report).values()))
    assert row["missing_evidence"].endswith("stale since 2025-07-01 (supporting)")


def test_new_columns_are_neutralized(views: tuple[Report, ValidationView]) -> None:
    first = views[0].results[0]
    hostile = [first.model_copy(update={"notes": formula}) for formula in FORMULAS]
    text = get_renderer("csv").render(views[0].model_copy(update={"results": hostile}))
    for row in csv.DictReader(io.StringIO(text, newline="")):
        assert row["notes"].startswith("'"), row["notes"]
