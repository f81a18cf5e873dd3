"""The Word report opened by a real word processor: LibreOffice headless prints it to PDF,
and pdftotext reads the pages back."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions

from ..tools import command
from .test_docx import EXAMPLE


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, list[str]]:
    soffice = command("soffice", "libreoffice-writer-nogui")
    pdftotext = command("pdftotext", "poppler-utils")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(EXAMPLE)
        report = assess(Path(".")).report
    work = tmp_path_factory.mktemp("docx")
    source = work / "report.docx"
    source.write_bytes(get_renderer("docx").encode(report, RenderOptions(marking="Confidential")))
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{work}/lo", "--headless",
                           "--convert-to", "pdf", "--outdir", str(work), str(source)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert (work / "report.pdf").is_file(), done.stdout + done.stderr
    text = subprocess.run([pdftotext, "-layout", str(work / "report.pdf"), "-"],
                          capture_output=True, text=True, timeout=120, check=True).stdout
    return report, text.split("\f")


def test_libreoffice_prints_every_section(pages: tuple[Report, list[str]]) -> None:
    report, text = pages
    whole = "\n".join(text)
    for heading in ("Executive summary", "Scope and exclusions", "Audit findings",
                    "Corrective action plan", "Item details", "Appendix: method and rules",
                    "Sign-off"):
        assert heading in whole
    assert report.findings[0].id in whole and report.meta.assessor in text[0]
    assert "/work/" not in whole and "/tmp/" not in whole


def test_the_footer_numbers_pages_and_carries_the_marking(
        pages: tuple[Report, list[str]]) -> None:
    _, text = pages
    printed = [p for p in text if p.strip()]
    total = len(printed)
    assert total > 20
    for number in (2, total // 2, total):
        footer = re.findall(r"Confidential · Draft · Page (\d+) of (\d+)", printed[number - 1])
        assert footer == [(str(number), str(total))], printed[number - 1][-300:]
    assert "Page 1 of" not in printed[0]  # the cover has no header and no footer
    assert "Nimbus Cloud Ltd · ISO/IEC 20000-1 gap assessment" in printed[1]
