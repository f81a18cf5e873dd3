"""The Excel report: read back with openpyxl, counts and values equal to the JSON report, user
text inert, the same bytes every time, and a workbook LibreOffice opens."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, Report
from sms20k.assessment.run import assess
from sms20k.errors import InputError, UsageError
from sms20k.formats import get_renderer
from sms20k.formats.csv_actions import ACTION_COLUMNS
from sms20k.formats.interface import RenderOptions
from sms20k.formats.xlsx import SHEETS
from sms20k.formats.xlsx_items import CLAUSE_COLUMNS, ITEM_COLUMNS
from sms20k.formats.xlsx_sheets import FINDING_COLUMNS

from ..conftest import DATA, Invoke
from ..tools import command
from .conftest import load_small

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
HOSTILE = ("=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3", '=HYPERLINK("http://x","y")',
           "a\x01b")


@pytest.fixture(scope="module")
def report() -> Report:
    return assess(EXAMPLE).report


@pytest.fixture(scope="module")
def data(report: Report) -> bytes:
    return get_renderer("xlsx").encode(report, RenderOptions(marking="Confidential"))


@pytest.fixture(scope="module")
def book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def header(sheet: Worksheet) -> list[Any]:
    return [c.value for c in sheet[1]]


def column(sheet: Worksheet, name: str) -> int:
    return header(sheet).index(name) + 1


def test_sheets_in_order_with_their_headers(book: Any) -> None:
    assert book.sheetnames == ["Summary", "Findings", "Action plan", "Items", "Clauses"]
    assert list(SHEETS) == book.sheetnames
    assert header(book["Findings"]) == [c.header for c in FINDING_COLUMNS]
    assert header(book["Items"]) == [c.header for c in ITEM_COLUMNS]
    assert header(book["Clauses"]) == [c.header for c in CLAUSE_COLUMNS]
    assert [h.lower().replace(" ", "_") for h in header(book["Action plan"])] == \
        list(ACTION_COLUMNS)
    assert header(book["Summary"])[:5] == ["Assessment", "Value", None, "Scenario", "Title"]


def test_one_row_per_finding_action_result_and_clause(book: Any, report: Report) -> None:
    assert len(rows(book["Findings"])) == len(report.findings)
    assert len(rows(book["Action plan"])) == len(report.actions)
    assert len(rows(book["Items"])) == len(report.results)
    assert len(rows(book["Clauses"])) == len(report.clauses_2018) + len(report.clauses_2011)
    scenarios = [r[3] for r in rows(book["Summary"]) if r[3] is not None]
    assert scenarios == [s.id for s in report.scenarios]


def test_summary_states_the_report(book: Any, report: Report) -> None:
    facts = {r[0]: r[1] for r in rows(book["Summary"]) if r[0] is not None}
    meta, summary = report.meta, report.summary
    assert (facts["Organization"], facts["Assessor"]) == (meta.organization, meta.assessor)
    assert facts["Marking"] == "Confidential · Draft"
    assert facts["As of"].date() == dt.date.fromisoformat(meta.as_of)
    assert facts["Overall score"] == summary.score
    assert facts["Item results assessed"] == summary.assessed
    assert facts["Item results in scope"] == summary.items_in_scope == len(report.results) - 1
    assert facts["Items in scope"] == len({r.item for r in report.results}) - 1
    for key, label in RESULT_LABELS.items():
        assert facts[f"Results: {label}"] == summary.counts.results[key]
    for key, label in CLASS_LABELS.items():
        assert facts[f"Audit findings: {label}"] == summary.findings[key]
    for key, count in summary.actions.items():
        assert facts[f"Actions: {key}"] == count


def test_a_finding_row_equals_the_json_report(book: Any, report: Report) -> None:
    finding = report.model_dump(mode="json")["findings"][0]
    row = dict(zip(header(book["Findings"]), rows(book["Findings"])[0], strict=True))
    assert row["Finding"] == finding["id"]
    assert row["Grade"] == CLASS_LABELS[finding["grade"]]
    assert (row["Clause"], row["Clause title"]) == (finding["clause"]["id"],
                                                    finding["clause"]["title"])
    assert row["Statement"] == finding["statement"]
    assert row["Evidence seen"].split("\n") == finding["evidence_seen"]
    assert row["Missing evidence"].split("\n") == finding["missing"]
    assert len(row["Items"].split("\n")) == len(finding["items"])
    assert book["Findings"].cell(row=2, column=2).fill.fgColor.rgb.endswith("F4B6B6")


def test_a_result_row_equals_the_json_report(book: Any, report: Report) -> None:
    results = report.model_dump(mode="json")["results"]
    n, result = next((n, r) for n, r in enumerate(results) if r["evidence"] and r["reviewed"])
    row = dict(zip(header(book["Items"]), rows(book["Items"])[n], strict=True))
    assert (row["Item"], row["Service"], row["Title"]) == (result["item"], result["service"],
                                                          result["title"])
    assert row["Status"] == result["status"]
    assert row["Result"] == RESULT_LABELS[result["result"]]
    assert row["Score"] == result["score"]
    assert row["Notes"] == result["notes"]
    assert len(row["Evidence"].split("\n")) == len(result["evidence"])
    assert row["Review date"].date() == dt.date.fromisoformat(result["reviewed"])
    assert book["Items"].cell(row=n + 2, column=column(book["Items"], "Review date")).is_date


def test_action_rows_flag_overdue_with_real_dates(book: Any, report: Report) -> None:
    sheet = book["Action plan"]
    plan = [dict(zip(header(sheet), r, strict=True)) for r in rows(sheet)]
    late = [a for a in report.actions if a.overdue]
    assert late, "the example records an overdue action"
    assert [p["Id"] for p in plan if p["Overdue"] == "yes"] == [a.id for a in late]
    first = next(p for p in plan if p["Id"] == late[0].id)
    assert first["Days overdue"] == late[0].days_overdue
    assert first["Due"].date() == dt.date.fromisoformat(late[0].due or "")


def last_rows(report: Report) -> dict[str, int]:
    """The last row of each sheet's table (Summary's is the scenario table)."""
    return {"Summary": len(report.scenarios) + 1, "Findings": len(report.findings) + 1,
            "Action plan": len(report.actions) + 1, "Items": len(report.results) + 1,
            "Clauses": len(report.clauses_2018) + len(report.clauses_2011) + 1}


def test_every_sheet_has_a_frozen_header_and_a_filter(book: Any, report: Report) -> None:
    filters = {"Summary": "D1:L", "Findings": "A1:L", "Action plan": "A1:X", "Items": "A1:Q",
               "Clauses": "A1:K"}
    for name, row in last_rows(report).items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref == f"{filters[name]}{row}", name
        assert all(c.font.bold for c in sheet[1] if c.value is not None), sheet.title


def test_score_columns_are_colour_scales(book: Any, report: Report) -> None:
    for name in ("Summary", "Items", "Clauses"):
        row, sheet = last_rows(report)[name], book[name]
        letter = sheet.cell(row=1, column=column(sheet, "Score")).column_letter
        ranges = {str(cf.sqref): [r.type for r in cf.rules]
                  for cf in sheet.conditional_formatting}
        assert ranges == {f"{letter}2:{letter}{row}": ["colorScale"]}, name


def hostile_report() -> Report:
    report, _ = load_small()
    results = [r.model_copy(update={"notes": text, "owner": text})
               for r, text in zip(report.results, HOSTILE, strict=False)]
    findings = [report.findings[0].model_copy(update={"statement": HOSTILE[0],
                                                      "recommendations": list(HOSTILE)}),
                *report.findings[1:]]
    actions = [report.actions[0].model_copy(update={
        "ticket": "javascript:alert(1)", "ticket_link": "javascript:alert(1)",
        "owner": HOSTILE[1]}), *report.actions[1:]]
    meta = report.meta.model_copy(update={"organization": HOSTILE[0], "title": "t\x01"})
    return report.model_copy(update={"results": [*results, *report.results[len(HOSTILE):]],
                                     "findings": findings, "actions": actions, "meta": meta})


def test_user_text_stays_literal_text() -> None:
    report = hostile_report()
    book = openpyxl.load_workbook(io.BytesIO(get_renderer("xlsx").encode(report)))
    items = book["Items"]
    notes, owner = column(items, "Notes"), column(items, "Owner")
    for n, text in enumerate(HOSTILE, start=2):
        literal = text.replace("\x01", "\N{REPLACEMENT CHARACTER}")
        for col in (notes, owner):
            cell = items.cell(row=n, column=col)
            assert (cell.value, cell.data_type) == (literal, "s")
    assert book["Findings"].cell(row=2, column=6).value == HOSTILE[0]
    assert book["Summary"]["B2"].value == HOSTILE[0]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if cell.hyperlink is not None:
                    assert cell.hyperlink.target.startswith(("https://", "http://"))


def test_the_only_hyperlinks_are_web_tickets(book: Any, report: Report) -> None:
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    links = [cell.hyperlink.target for cell in cells if cell.hyperlink is not None]
    assert links == [a.ticket_link for a in report.actions if a.ticket_link]


def test_same_bytes_every_time(report: Report, data: bytes) -> None:
    again = get_renderer("xlsx").encode(report, RenderOptions(marking="Confidential"))
    assert again == data
    package = zipfile.ZipFile(io.BytesIO(data))
    assert package.namelist()[0] == "[Content_Types].xml"
    assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    when = dt.datetime.combine(dt.date.fromisoformat(report.meta.date), dt.time())
    assert (props.creator, props.created, props.modified) == ("sms20k", when, when)


def test_same_bytes_from_another_process(data: bytes, tmp_path: Path) -> None:
    """Another hash seed and another clock: nothing of either gets into the file."""
    target = tmp_path / "again.xlsx"
    script = ("import sys; from pathlib import Path; from sms20k.assessment.run import assess; "
              "from sms20k.formats import get_renderer; "
              "from sms20k.formats.interface import RenderOptions; "
              "Path(sys.argv[2]).write_bytes(get_renderer('xlsx').encode("
              "assess(Path(sys.argv[1])).report, RenderOptions(marking='Confidential')))")
    subprocess.run([sys.executable, "-c", script, str(EXAMPLE), str(target)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"}, timeout=120)
    assert target.read_bytes() == data


def test_xlsx_is_binary_only(report: Report) -> None:
    renderer = get_renderer("xlsx")
    assert renderer.filename == "report.xlsx" and renderer.supports(report)
    with pytest.raises(UsageError, match="binary"):
        renderer.render(report)


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import raises ImportError


def test_missing_openpyxl_is_an_input_error(no_openpyxl: None, report: Report) -> None:
    with pytest.raises(InputError) as info:
        get_renderer("xlsx").encode(report)
    assert "pip install 'sms20k[office]'" in str(info.value), str(info.value)
    assert info.value.exit_code == 2


def test_cli_without_openpyxl_exits_2(no_openpyxl: None, invoke: Invoke,
                                      tmp_path: Path) -> None:
    result = invoke(["assess", DATA / "assess" / "small", "-f", "xlsx", "-o", tmp_path, "-q"],
                    code=2)
    assert "sms20k[office]" in result.stderr and "Traceback" not in result.output, result.output
    assert not (tmp_path / "report.xlsx").exists()


def test_cli_writes_report_xlsx(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["assess", EXAMPLE, "-f", "xlsx", "-f", "json", "-o", tmp_path, "-q"])
    written = tmp_path / "report.xlsx"
    assert written.exists(), result.output
    book = openpyxl.load_workbook(written)
    report = Report.model_validate_json((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert len(rows(book["Findings"])) == len(report.findings), result.output


def test_libreoffice_opens_the_workbook(data: bytes, report: Report, tmp_path: Path) -> None:
    soffice = command("soffice", "libreoffice-calc-nogui")
    pdftotext = command("pdftotext", "poppler-utils")
    source = tmp_path / "report.xlsx"
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    text = subprocess.run([pdftotext, str(tmp_path / "report.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert report.findings[0].id in text and report.meta.organization in text
