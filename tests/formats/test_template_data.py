"""formats/template_data.py: ``ctx.weakest_clauses``, the executive summary's weakest clauses,
as plain data a user's template renders (docs/templates.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions
from sms20k.formats.template_data import TemplateData
from sms20k.formats.user_templates import render_user_template
from sms20k.scores import score_text

DOCS = Path(__file__).parents[2] / "docs" / "templates.md"
WEAKEST = """{% for clause in ctx.weakest_clauses -%}
{{ loop.index }}. {{ clause.id }} {{ clause.title }}: {{ clause.score|score }}, {{ clause.items }}
{% else -%}
none
{% endfor %}"""

EDITIONS = [RenderOptions(), RenderOptions(edition="2011", by="clause")]


@pytest.mark.parametrize("options", EDITIONS, ids=["2018", "2011-by-clause"])
def test_a_template_lists_the_weakest_clauses_of_the_summary(
        views: tuple[Report, ValidationView], options: RenderOptions, tmp_path: Path) -> None:
    report = views[0]
    template = tmp_path / "weakest.md.j2"
    template.write_text(WEAKEST, encoding="utf-8")
    text = render_user_template(template, report, options)
    weakest = ReportContext(report, options).weakest_clauses
    assert weakest, "the small fixture has clauses below 100%"
    assert text.splitlines() == [f"{n}. {c.id} {c.title}: {score_text(c.score)}, {c.items}"
                                 for n, c in enumerate(weakest, 1)], text


def test_the_weakest_clauses_are_the_reports_own_clause_entries(
        views: tuple[Report, ValidationView]) -> None:
    data = TemplateData(views[0], RenderOptions(edition="2011"))
    weakest = data.ctx["weakest_clauses"]
    entries = {id(c): c for c in data.report["clauses_2018"]}
    assert weakest and all(entries.get(id(c)) is c for c in weakest)
    assert [c["id"] for c in weakest] == \
        [c.id for c in ReportContext(views[0], RenderOptions()).weakest_clauses]


def test_none_when_every_clause_is_met(views: tuple[Report, ValidationView],
                                       tmp_path: Path) -> None:
    report = views[0]
    met = report.model_copy(update={"clauses_2018": [
        c.model_copy(update={"score": 100.0}) for c in report.clauses_2018]})
    template = tmp_path / "weakest.md.j2"
    template.write_text(WEAKEST, encoding="utf-8")
    assert render_user_template(template, met, RenderOptions()).strip() == "none"


def test_documented() -> None:
    assert "| `ctx.weakest_clauses` |" in DOCS.read_text(encoding="utf-8")
