"""Reading a filled questionnaire: the guards that run before any cell is looked at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl.xml
import pytest

from sms20k.errors import InputError, ProblemsError
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.evidence.scope import ScopeIndex
from sms20k.office import answers
from sms20k.office.answers import open_workbook, read_answers

from .workbooks import fill


def read(repo: Path, path: Path, organization: str | None = None) -> list[answers.Answer]:
    loaded, catalog = load_with_catalog(repo)
    scope = ScopeIndex(loaded.manifest, catalog)
    _, found = read_answers(path.read_bytes(), "a.xlsx",
                            organization or loaded.manifest.organization.name, scope,
                            loaded.manifest.assessment.date)
    return found


def test_an_untouched_questionnaire_has_no_answers(repo: Path,
                                                    export: Callable[[], Path]) -> None:
    found = read(repo, export())
    assert found and not any(a.given for a in found)


def test_openpyxl_without_defusedxml_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                export: Callable[[], Path]) -> None:
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    with pytest.raises(InputError, match="openpyxl is not using defusedxml"):
        open_workbook(export().read_bytes(), "a.xlsx")


def test_another_organization_is_refused(repo: Path, export: Callable[[], Path]) -> None:
    with pytest.raises(InputError, match="was exported for 'Nimbus Cloud Ltd', not for 'X'"):
        read(repo, export(), "X")


def test_rows_are_bounded(monkeypatch: pytest.MonkeyPatch, repo: Path,
                          export: Callable[[], Path]) -> None:
    monkeypatch.setattr(answers, "MAX_ROWS", 3)
    with pytest.raises(ProblemsError) as caught:
        read(repo, export())
    assert "more than 3 rows; the rest are not read" in str(caught.value)


def test_a_sheet_that_was_not_exported_is_reported(repo: Path,
                                                   export: Callable[[], Path]) -> None:
    def add(workbook: object) -> None:
        workbook.security = None  # type: ignore[attr-defined]
        workbook.create_sheet("Extra")["A2"] = "S01.01"  # type: ignore[attr-defined]
    path = fill(export(), add)
    with pytest.raises(ProblemsError) as caught:
        read(repo, path)
    assert "a.xlsx:Extra!A1: [error] SCHEMA this sheet is not part of the exported " \
        "questionnaire" in str(caught.value)
