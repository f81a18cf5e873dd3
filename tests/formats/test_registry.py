"""The format registry: what it says of each format is what the renderer does, and the
command line offers exactly the formats it lists for each command."""

from __future__ import annotations

import pytest

from sms20k.assessment.action_plan import plan_view
from sms20k.assessment.auditplan import build_plan
from sms20k.assessment.diff import compare
from sms20k.assessment.model import Report
from sms20k.checklists import browse
from sms20k.checklists.lint_view import LintView
from sms20k.checklists.loader import load_catalog
from sms20k.errors import UsageError
from sms20k.evidence.command_views import InitView, LockView
from sms20k.evidence.validation_view import ValidationView
from sms20k.export.oscal_view import OscalExportView, WrittenDocument
from sms20k.formats import FORMATS, describe, get_renderer, names, offered
from sms20k.modelbase import View
from sms20k.office.views import ImportView, QuestionnaireView

from ..conftest import DATA, Invoke


def _messages() -> list[View]:
    """What the commands that write files report (each a MessageView)."""
    return [
        LockView(lock_file="sms20k.lock.json", files=2, added=["a.pdf"], changed=["b.pdf"],
                 removed=[], skipped=0),
        InitView(directory="repo", created=["repo/sms20k.yaml"],
                 next_command="sms20k validate repo"),
        LintView(directories=["mine"], checklist_files=1, items=3, valid=True, problems=[]),
        QuestionnaireView(workbook="q.xlsx", rows=4, prefilled=1),
        ImportView(workbook="q.xlsx", files=[], unchanged_rows=2, written=False),
        OscalExportView(documents=[WrittenDocument(path="out/catalog.json", summary="1 group")]),
    ]


@pytest.fixture(scope="module")
def samples(views: tuple[Report, ValidationView]) -> dict[str, View]:
    """One view of every kind, keyed by its kind."""
    catalog = load_catalog([DATA / "checklists" / "valid" / "two-files"], builtin=False)
    report, validation = views
    found: list[View] = [
        browse.scenario_list(catalog), browse.show(catalog, "X01"), browse.show(catalog, "X01.02"),
        browse.show(catalog, "2011:6.6"), browse.clause_tree(catalog, "2011"),
        browse.matrix(catalog, "2011"), browse.catalog_view(catalog), compare(report, report),
        report, build_plan(catalog, "2011"), validation, plan_view(report), *_messages(),
    ]
    return {view.model_dump()["kind"]: view for view in found}


def test_every_kind_of_view_has_a_sample(samples: dict[str, View]) -> None:
    assert sorted(samples) == ["action-plan", "assessment", "audit-plan", "catalog", "clause",
                               "clauses", "diff", "export-oscal", "import", "init", "item",
                               "lint", "lock", "matrix", "questionnaire", "scenario",
                               "scenarios", "validation"]


@pytest.mark.parametrize("fmt", names())
def test_each_format_renders_what_its_row_lists_and_refuses_the_rest(
        fmt: str, samples: dict[str, View]) -> None:
    spec, renderer = describe(fmt), get_renderer(fmt)
    assert (renderer.name, renderer.filename) == (fmt, spec.filename)
    listed = set(samples) if spec.views is None else set(spec.views)
    assert listed <= set(samples), "a kind of view that does not exist"
    for kind, view in samples.items():
        if kind not in listed:
            with pytest.raises(UsageError, match=f"the {fmt} format cannot show a "):
                renderer.encode(view)
        elif not spec.binary:  # tests/formats/test_pdf.py, test_docx.py, test_xlsx.py render them
            assert renderer.encode(view).strip(), kind


def test_file_names_and_binary_formats() -> None:
    files = {f.name: f.filename for f in FORMATS if f.filename}
    assert files == {"html": "report.html", "md": "report.md", "json": "report.json",
                     "csv": "report.csv", "pdf": "report.pdf", "docx": "report.docx",
                     "xlsx": "report.xlsx",
                     "sarif": "report.sarif", "junit": "report.junit.xml",
                     "codequality": "report.codequality.json"}
    assert [f.name for f in FORMATS if f.binary] == ["pdf", "docx", "xlsx"]


@pytest.mark.parametrize(("kinds", "expected"), [
    (("assessment",), ["html", "md", "json", "csv", "pdf", "docx", "xlsx", "sarif", "junit",
                       "github", "codequality"]),
    (("validation",), ["text", "json", "sarif", "junit", "github", "codequality"]),
    (("diff",), ["text", "md", "json"]),
    (("audit-plan",), ["html", "md", "json", "csv"]),
    (("action-plan",), ["md", "json", "csv"]),
    (("scenarios",), ["text", "json"]),
    (("scenario", "item", "clause"), ["text", "json"]),
    (("clauses",), ["text", "json"]),
    (("matrix",), ["text", "md", "json"]),
    (("catalog",), ["md", "json", "yaml"]),
    *(((kind,), ["text", "json"]) for kind in ("lock", "init", "lint", "questionnaire",
                                               "import", "export-oscal")),
])
def test_commands_offer_the_formats_they_always_did(kinds: tuple[str, ...],
                                                    expected: list[str]) -> None:
    assert offered(*kinds) == expected


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match="unknown format 'xml'; choose one of text, html, md"):
        describe("xml")


@pytest.mark.parametrize(("args", "code"), [
    (["catalog", "-f", "yaml"], 0),
    (["scenarios", "-f", "yaml"], 2),
    (["matrix", "-f", "md"], 0),
    (["show", "X01", "-f", "md"], 2),
])
def test_the_cli_accepts_exactly_the_offered_formats(invoke: Invoke, args: list[str],
                                                     code: int) -> None:
    result = invoke(args, code=code)
    if code:
        assert "Invalid value for '--format' / '-f'" in result.stderr
