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
