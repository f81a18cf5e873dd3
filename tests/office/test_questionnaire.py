"""The exported workbook: its sheets, rows, locked and input columns, and the hidden sheet."""

from __future__ import annotations

import io
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sms20k.evidence.models import STATUSES
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.evidence.scope import ScopeIndex
from sms20k.office.layout import INDEX, LOCKED, META_SHEET, entry_hash
from sms20k.office.meta import read_meta
from sms20k.office.questionnaire import build_questionnaire
from sms20k.office.rows import entries_by_key

from ..tools import command
from .workbooks import find_row


@pytest.fixture
def book(export: Callable[[], Path]) -> Any:
    return load_workbook(export())


def test_one_row_per_expected_item_and_service(repo: Path, book: Any) -> None:
    loaded, catalog = load_with_catalog(repo)
    scope = ScopeIndex(loaded.manifest, catalog)
    rows = [(row[0].value, row[1].value or None) for sheet in book.worksheets[1:]
            if sheet.title != META_SHEET for row in sheet.iter_rows(min_row=2)]
    assert rows == [(e.item, e.service) for e in scope.expected]
    assert set(scope.excluded) and not set(scope.excluded) & {item for item, _ in rows}
    per_service = [e for e in scope.expected if e.service]
    assert per_service, "the example assesses some items per service"


def test_sheets_instructions_first_then_scenarios_hidden_meta_last(book: Any) -> None:
    names = book.sheetnames
    assert names[0] == "Instructions"
    assert names[-1] == META_SHEET
    assert book[META_SHEET].sheet_state == "veryHidden"
    scenarios = names[1:-1]
    assert [n[:3] for n in scenarios] == [f"S{n:02}" for n in range(1, len(scenarios) + 1)]
    assert all(len(n) <= 31 for n in names) and len(set(names)) == len(names)
    text = "\n".join(str(c.value) for row in book["Instructions"].iter_rows()
                     for c in row if c.value)
    assert all(status in text for status in STATUSES)
    assert "sms20k import" in text and "YYYY-MM-DD" in text


def test_input_columns_are_prefilled_from_the_entries(repo: Path, book: Any) -> None:
    loaded, _ = load_with_catalog(repo)
    entries = entries_by_key(loaded)
    checked = 0
    for (item, service), located in list(entries.items())[::20]:
        sheet, row = find_row(book, item, service)
        entry = located.value
        assert sheet.cell(row, INDEX["status"]).value == entry.status
        assert sheet.cell(row, INDEX["owner"]).value == entry.owner
        reviewed = sheet.cell(row, INDEX["reviewed"])
        assert (reviewed.value.date() if reviewed.value else None) == entry.reviewed
        assert reviewed.number_format == "yyyy-mm-dd"
        lines = (sheet.cell(row, INDEX["evidence"]).value or "").splitlines()
        assert len(lines) == len(entry.evidence)
        checked += 1
    assert checked > 5


def test_locked_and_input_cells_and_validations(book: Any) -> None:
    sheet = book.worksheets[1]
    assert sheet.protection.sheet
    assert sheet.freeze_panes == "D2"
    for key, number in INDEX.items():
        assert sheet.cell(2, number).protection.locked is (key in LOCKED)
    validations = {v.type: v for v in sheet.data_validations.dataValidation}
    assert validations["list"].formula1 == '"' + ",".join(STATUSES) + '"'
    assert validations["date"].formula2 == "DATE(2026,11,15)"
    assert book.security.lockStructure


def test_the_hidden_sheet_records_every_row(repo: Path, book: Any) -> None:
    loaded, _ = load_with_catalog(repo)
    entries = entries_by_key(loaded)
    exported = read_meta(book)
    assert exported.organization == loaded.manifest.organization.name
    assert exported.as_of == loaded.manifest.assessment.date
    data_rows = sum(sheet.max_row - 1 for sheet in book.worksheets[1:-1])
    assert len(exported.records) == data_rows
    for record in exported.records.values():
        located = entries.get((record.item, record.service))
        assert record.entry_sha256 == entry_hash(located.value if located else None)
        assert book[record.sheet].cell(record.row, 1).value == record.item


def test_the_same_repository_gives_the_same_bytes(repo: Path) -> None:
    loaded, catalog = load_with_catalog(repo)
    first = build_questionnaire(loaded, catalog)
    assert first == build_questionnaire(loaded, catalog)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-11-15T00:00:00Z" in core


def test_text_that_looks_like_a_formula_stays_a_string(repo: Path,
                                                       export: Callable[[], Path]) -> None:
    s01 = repo / "evidence" / "S01.yaml"
    s01.write_text(s01.read_text().replace(
        "notes: PESTLE-style", "notes: =HYPERLINK(\"http://evil.example\",\"x\") PESTLE-style",
        1), encoding="utf-8")
    book = load_workbook(export())
    sheet, row = find_row(book, "S01.01")
    cell = sheet.cell(row, INDEX["notes"])
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK(")


def test_libreoffice_opens_the_questionnaire(export: Callable[[], Path], tmp_path: Path) -> None:
    soffice = command("soffice", "libreoffice-calc-nogui")
    pdftotext = command("pdftotext", "poppler-utils")
    path = export()
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, timeout=120, capture_output=True)
    pdf = tmp_path / "answers.pdf"
    text = subprocess.run([pdftotext, str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    assert "sms20k import" in text
    assert "S01.01" in text and "S15.01" in text
