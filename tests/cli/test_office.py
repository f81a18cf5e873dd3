"""sms20k questionnaire and sms20k import through the CLI: the round trip on a copy of the
example, every class of bad cell, conflicts, and hostile workbooks."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from sms20k.office.layout import INDEX, letter
from sms20k.xlsxcells import put

from ..conftest import Invoke
from ..office.workbooks import copy_example, fill, find_row, snapshot

S01_02 = "  - item: S01.02\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


@pytest.fixture
def book(repo: Path, tmp_path: Path, invoke: Invoke) -> Path:
    path = tmp_path / "answers.xlsx"
    result = invoke(["questionnaire", repo, "-o", path])
    assert f"{path}: 221 rows" in result.stdout, result.stdout
    return path


def cell(workbook: Any, item: str, key: str, service: str | None = None) -> Any:
    sheet, row = find_row(workbook, item, service)
    return sheet.cell(row, INDEX[key])


def place(workbook: Any, item: str, key: str, service: str | None = None) -> str:
    sheet, row = find_row(workbook, item, service)
    return f"{sheet.title}!{letter(key)}{row}"


def drop_entry(repo: Path) -> None:
    """Remove S01.02's entry, so the questionnaire has an item without one."""
    s01 = repo / "evidence" / "S01.yaml"
    text = s01.read_text(encoding="utf-8")
    start = text.index(S01_02)
    end = text.index("  - item: S01.03\n")
    s01.write_text(text[:start] + text[end:], encoding="utf-8")


def answer(workbook: Any) -> None:
    cell(workbook, "S01.01", "status").value = "partial"
    put(cell(workbook, "S01.01", "notes").parent, cell(workbook, "S01.01", "notes").row,
        INDEX["notes"], "=SUM(A1:A3) is what the finance team calls it")
    cell(workbook, "S01.01", "reviewed").value = dt.date(2026, 11, 12)
    evidence = cell(workbook, "S01.01", "evidence")
    evidence.value += "\nhttps://intranet.example.com/context | Context page on the intranet"
    cell(workbook, "S01.02", "status").value = "implemented"
    cell(workbook, "S01.02", "owner").value = "Head of Service Management"
    cell(workbook, "S01.02", "evidence").value = (
        "docs/scope/context-and-interested-parties.md | Interested parties, section 3 | register")
    cell(workbook, "S09.01", "owner", "compute").value = "Platform Operations Lead"


def test_round_trip(repo: Path, tmp_path: Path, invoke: Invoke) -> None:
    drop_entry(repo)
    before = (repo / "evidence" / "S01.yaml").read_text(encoding="utf-8")
    path = tmp_path / "answers.xlsx"
    invoke(["questionnaire", repo, "-o", path])
    fill(path, answer)
    result = invoke(["import", path, repo])
    out = result.stdout
    assert "Plan: 2 entries updated, 1 added; 2 files changed, 1 created" in out, out
    assert "update S01.01 (line 3): status implemented -> partial, reviewed 2026-11-02 -> " \
        "2026-11-12, notes, evidence +1" in out, out
    assert "evidence/questionnaire.yaml (new file)" in out and "add S01.02: status" in out, out
    assert "update S09.01 (compute)" in out, out
    invoke(["validate", repo])
    after = (repo / "evidence" / "S01.yaml").read_text(encoding="utf-8")
    old_lines, new_lines = before.splitlines(), after.splitlines()
    entry_end = old_lines.index("  - item: S01.03") - 1
    assert new_lines[:2] == old_lines[:2], "the header comment and key stay"
    assert new_lines[-(len(old_lines) - entry_end):] == old_lines[entry_end:], \
        "every line after the edited entry is unchanged"
    assert "    notes: =SUM(A1:A3) is what the finance team calls it" in after
    added = (repo / "evidence" / "questionnaire.yaml").read_text(encoding="utf-8")
    assert "- item: S01.02\n    status: implemented\n    owner: Head of Service Management" \
        in added
    # Both ways: the formula-looking note comes back out as a string cell.
    again = tmp_path / "again.xlsx"
    invoke(["questionnaire", repo, "-o", again])
    note = cell(load_workbook(again), "S01.01", "notes")
    assert note.data_type == "s" and note.value.startswith("=SUM(A1:A3)")
    # A second import of the same answers changes nothing.
    assert "Nothing to import" in invoke(["import", path, repo]).stdout


def test_dry_run_prints_the_diff_and_writes_nothing(repo: Path, book: Path,
                                                    invoke: Invoke) -> None:
    fill(book, lambda wb: setattr(cell(wb, "S01.01", "status"), "value", "planned"))
    before = snapshot(repo)
    out = invoke(["import", book, repo, "--dry-run"]).stdout
    assert "update S01.01 (line 3): status implemented -> planned" in out, out
    assert "--- a/evidence/S01.yaml\n+++ b/evidence/S01.yaml\n" in out, out
    assert "-    status: implemented\n+    status: planned\n" in out, out
    assert snapshot(repo) == before


def _bad(key: str, value: Any, item: str = "S01.01",
         service: str | None = None) -> Callable[[Any], str]:
    def change(workbook: Any) -> str:
        where = place(workbook, item, key, service)
        target = cell(workbook, item, key, service)
        put(target.parent, target.row, target.column, value) if isinstance(value, str) \
            and key != "notes" else setattr(target, "value", value)
        return where
    return change


BAD = {
    "unknown status": (_bad("status", "done"), "SCHEMA unknown status 'done'"),
    "not a date": (_bad("reviewed", "next week"), "SCHEMA 'next week' is not a date"),
    "future date": (_bad("reviewed", dt.date(2027, 1, 4)),
                    "SCHEMA review date 2027-01-04 is after the as-of date 2026-11-15"),
    "unknown item": (_bad("item", "S99.99"), "UNKNOWN_ITEM unknown item 'S99.99'"),
    "unknown service": (_bad("service", "nosuch", "S09.01", "crm"),
                        "UNKNOWN_SERVICE unknown service 'nosuch'"),
    "excluded item": (_bad("item", "S06.11"), "EXCLUDED_ITEM S06.11 is excluded"),
    "not applicable": (_bad("item", "S15.13"), "EXCLUDED_ITEM S15.13 does not apply to any"),
    "duplicate row": (_bad("item", "S01.01", "S01.02"),
                      "DUPLICATE_ENTRY S01.01 is also on S01"),
    "edited locked column": (_bad("guidance", "Easier guidance"),
                             "SCHEMA the locked guidance cell was edited"),
    "bad evidence line": (_bad("evidence", "the policy on the wiki"),
                          "SCHEMA bad evidence reference, line 1:"),
    "formula": (_bad("notes", "=1+1"), "SCHEMA is a formula"),
    "not-applicable without justification": (
        _bad("status", "not-applicable"), "JUSTIFICATION_REQUIRED not-applicable needs"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_every_bad_cell_is_reported_at_its_cell(case: str, repo: Path, book: Path,
                                                invoke: Invoke) -> None:
    change, message = BAD[case]
    before = snapshot(repo)
    where: list[str] = []
    fill(book, lambda wb: where.append(change(wb)))
    result = invoke(["import", book, repo], code=2)
    expected = f"{book}:{where[0]}: [error] {message}"
    assert expected in result.stderr, f"{expected}\nstderr:\n{result.stderr}"
    assert snapshot(repo) == before


def test_all_problems_are_reported_at_once(repo: Path, book: Path, invoke: Invoke) -> None:
    def change(workbook: Any) -> None:
        cell(workbook, "S01.01", "status").value = "done"
        cell(workbook, "S02.01", "reviewed").value = "soon"
    fill(book, change)
    err = invoke(["import", book, repo], code=2).stderr
    assert "unknown status 'done'" in err and "'soon' is not a date" in err, err
    assert err.endswith("2 problems in 1 file; nothing was written\n"), err


def test_a_workbook_without_the_hidden_sheet_is_refused(repo: Path, book: Path,
                                                       invoke: Invoke) -> None:
    fill(book, lambda wb: wb.remove(wb["_sms20k"]))
    err = invoke(["import", book, repo], code=2).stderr
    assert f"{book}: [error] is not a questionnaire from sms20k: has no _sms20k sheet" in err, err


def test_a_conflict_is_refused_unless_forced(repo: Path, book: Path, invoke: Invoke) -> None:
    s01 = repo / "evidence" / "S01.yaml"
    s01.write_text(s01.read_text().replace("owner: Head of Service Management",
                                           "owner: Chief Operating Officer", 1))
    fill(book, lambda wb: setattr(cell(wb, "S01.01", "status"), "value", "partial"))
    before = snapshot(repo)
    err = invoke(["import", book, repo], code=2).stderr
    assert "evidence/S01.yaml:3:5: [error] SCHEMA S01.01 changed in the repository since the " \
        "questionnaire was exported" in err, err
    assert f"its answers (row {find_row(load_workbook(book), 'S01.01')[1]} of " in err, err
    assert "--force" in err
    assert snapshot(repo) == before
    invoke(["import", book, repo, "--force"])
    text = s01.read_text()
    assert "status: partial" in text.split("- item: S01.02")[0]
    assert "owner: Chief Operating Officer" in text, "the repository's own change stays"


def test_new_entries_need_an_included_file(repo: Path, tmp_path: Path, invoke: Invoke) -> None:
    drop_entry(repo)
    path = tmp_path / "answers.xlsx"
    invoke(["questionnaire", repo, "-o", path])
    fill(path, lambda wb: setattr(cell(wb, "S01.02", "status"), "value", "planned"))
    err = invoke(["import", path, repo, "--into", "answers/q.yaml"], code=2).stderr
    assert "new entries go to answers/q.yaml, which the manifest's include patterns do not " \
        "match" in err and "add `- answers/q.yaml`" in err, err


def _zip_with(book: Path, name: str, data: bytes) -> None:
    buffer = io.BytesIO(book.read_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    book.write_bytes(buffer.getvalue())


@pytest.mark.parametrize(("damage", "message"), [
    (lambda b: b.write_text("item,status\nS01.01,implemented\n"), "not a zip archive"),
    (lambda b: _zip_with(b, "xl/bomb.xml", b"<a>" + b"0" * (4 << 20) + b"</a>"),
     "refused as a zip bomb"),
    (lambda b: _zip_with(b, "xl/vbaProject.bin", b"macro"), "contains macros"),
    (lambda b: _zip_with(b, "xl/evil.xml", b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'),
     "is not safe, well-formed XML"),
], ids=["csv", "zip bomb", "macros", "entities"])
def test_hostile_workbooks_are_refused(damage: Callable[[Path], None], message: str,
                                       repo: Path, book: Path, invoke: Invoke) -> None:
    damage(book)
    before = snapshot(repo)
    err = invoke(["import", book, repo], code=2).stderr
    assert f"{book}: [error] " in err and message in err, err
    assert snapshot(repo) == before


def test_questionnaire_needs_an_xlsx_name(repo: Path, tmp_path: Path, invoke: Invoke) -> None:
    err = invoke(["questionnaire", repo, "-o", tmp_path / "q.csv"], code=2).stderr
    assert "name the file FILE.xlsx" in err, err


def test_the_plan_shows_hidden_characters_as_escapes(repo: Path, book: Path,
                                                     invoke: Invoke) -> None:
    fill(book, lambda wb: setattr(cell(wb, "S01.01", "owner"), "value", "Ops\u202eLead"))
    out = invoke(["import", book, repo, "--dry-run"]).stdout
    assert "\u202e" not in out, out
    assert "-> Ops\\u202eLead" in out and "+    owner: Ops\\u202eLead" in out, out
    invoke(["import", book, repo])
    invoke(["validate", repo])


def test_a_workbook_saved_again_by_libreoffice_imports(repo: Path, book: Path, tmp_path: Path,
                                                       invoke: Invoke) -> None:
    import subprocess

    from ..tools import command

    soffice = command("soffice", "libreoffice-calc-nogui")
    out = tmp_path / "saved"
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(book)], check=True, timeout=120, capture_output=True)
    before = snapshot(repo)
    result = invoke(["import", out / book.name, repo])
    assert "Nothing to import" in result.stdout, result.stdout
    assert snapshot(repo) == before


def test_a_second_import_appends_to_the_new_file(repo: Path, tmp_path: Path,
                                                 invoke: Invoke) -> None:
    drop_entry(repo)
    s01 = repo / "evidence" / "S01.yaml"
    text = s01.read_text(encoding="utf-8")
    start, end = text.index("  - item: S01.03\n"), text.index("  - item: S01.04\n")
    s01.write_text(text[:start] + text[end:], encoding="utf-8")
    path = tmp_path / "answers.xlsx"
    for item in ("S01.02", "S01.03"):
        invoke(["questionnaire", repo, "-o", path])
        fill(path, lambda wb, item=item: setattr(cell(wb, item, "status"), "value", "planned"))
        invoke(["import", path, repo])
    added = (repo / "evidence" / "questionnaire.yaml").read_text(encoding="utf-8")
    assert added.count("  - item: ") == 2 and added.index("S01.02") < added.index("S01.03")
    invoke(["validate", repo])
