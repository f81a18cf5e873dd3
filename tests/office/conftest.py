from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes, to show that nothing was written."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def find_row(workbook: Any, item: str, service: str | None = None) -> tuple[Any, int]:
    """The sheet and row number of an item's row."""
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == item and (row[1].value or None) == service:
                return sheet, row[0].row
    raise AssertionError(f"no row for {item} {service}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def export(repo: Path, tmp_path: Path) -> Callable[[], Path]:
    """Write a questionnaire of ``repo`` as it is now and return its path."""
    def run() -> Path:
        from sms20k.evidence.repo_catalog import load_with_catalog
        from sms20k.office.questionnaire import build_questionnaire

        loaded, catalog = load_with_catalog(repo)
        path = tmp_path / "answers.xlsx"
        path.write_bytes(build_questionnaire(loaded, catalog, str(repo)))
        return path
    return run


Fill = Callable[[Path, Callable[[Any], None]], Path]


@pytest.fixture
def fill() -> Fill:
    """Open a workbook with openpyxl, let the test change it, save it in place."""
    def run(path: Path, change: Callable[[Any], None]) -> Path:
        from openpyxl import load_workbook

        workbook = load_workbook(path)
        change(workbook)
        workbook.save(path)
        return path
    return run
