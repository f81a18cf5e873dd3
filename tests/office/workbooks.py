"""What the questionnaire tests share, here and in tests/cli/test_office.py: a copy of the
example to import into, a filled workbook, finding an item's row, and proof nothing was written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


def copy_example(tmp_path: Path) -> Path:
    """A copy of the example repository that a test may import into."""
    target = tmp_path / "repo"
    shutil.copytree(EXAMPLE, target)
    return target


def fill(path: Path, change: Callable[[Any], None]) -> Path:
    """Open a workbook with openpyxl, let the test change it, save it in place."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


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
