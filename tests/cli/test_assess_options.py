"""Options of assess that only change what one format prints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..conftest import DATA, Invoke
from ..tools import command

SMALL = DATA / "assess" / "small"


def _pages(pdf: Path) -> tuple[int, str]:
    text = subprocess.run([command("pdftotext", "poppler-utils"), str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=120).stdout
    total = {int(n) for n in re.findall(r"Page \d+ of (\d+)", text)}
    assert len(total) == 1, total
    return total.pop(), text


def test_pdf_details_prints_every_result_in_full(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["assess", SMALL, "-f", "pdf", "-o", tmp_path / "summary", "-q"])
    invoke(["assess", SMALL, "-f", "pdf", "-o", tmp_path / "full", "-q", "--pdf-details"])
    short, summary = _pages(tmp_path / "summary" / "report.pdf")
    long, full = _pages(tmp_path / "full" / "report.pdf")
    assert long > short, (short, long)
    assert "in full in the item details" in full and "in full in the item details" not in summary
