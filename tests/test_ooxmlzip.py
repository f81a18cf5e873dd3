"""sms20k.ooxmlzip: one fixed entry order, date and mode, so each Office file sms20k writes (the
Word report, the Excel report, the questionnaire) has the same bytes for the same input."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest

from sms20k.ooxmlzip import CONTENT_TYPES, ZIP_TIME, entry_order, stable_zip

from .conftest import DATA

SMALL = DATA / "assess" / "small"
PARTS = {CONTENT_TYPES: b"<Types/>", "_rels/.rels": b"<Relationships/>",
         "docProps/core.xml": b"<coreProperties/>", "word/document.xml": b"<document/>",
         "Word/upper.xml": b"<upper/>", "customXml/item1.xml": b"<item/>"}
PRODUCE = """
import sys
from pathlib import Path
from sms20k.assessment.run import assess
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions
from sms20k.office.questionnaire import build_questionnaire

repo, kind = Path(sys.argv[1]), sys.argv[2]
if kind == "questionnaire":
    data = build_questionnaire(*load_with_catalog(repo))
else:
    options = RenderOptions(marking="Confidential")
    data = get_renderer(kind).encode(assess(repo).report, options)
sys.stdout.buffer.write(data)
"""


def package(names: list[str], when: tuple[int, int, int, int, int, int], mode: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when)
            info.external_attr = mode << 16
            archive.writestr(info, PARTS[name])
    return buffer.getvalue()


def test_content_types_first_then_the_parts_by_name() -> None:
    assert entry_order(reversed(list(PARTS))) == [
        CONTENT_TYPES, "Word/upper.xml", "_rels/.rels", "customXml/item1.xml",
        "docProps/core.xml", "word/document.xml"]


def test_order_dates_and_modes_of_the_input_do_not_reach_the_output() -> None:
    names = list(PARTS)
    first = stable_zip(package(names, (2031, 5, 6, 7, 8, 10), 0o100600))
    second = stable_zip(package(names[::-1], (1999, 12, 31, 23, 59, 58), 0o100755))
    assert first == second
    assert stable_zip(first) == first
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == entry_order(names)
    assert {archive.read(name) for name in names} == set(PARTS.values())


def produce(kind: str, seed: str) -> bytes:
    """One Office file of the small repository, from a fresh process with its own hash seed."""
    done = subprocess.run([sys.executable, "-c", PRODUCE, str(SMALL), kind],
                          capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    return done.stdout


@pytest.mark.parametrize("kind", ["docx", "xlsx", "questionnaire"])
def test_the_same_input_gives_the_same_bytes(kind: str) -> None:
    data = produce(kind, "1")
    assert data == produce(kind, "4242")
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names[0] == CONTENT_TYPES and names == entry_order(names)
    entries = archive.infolist()
    assert {(i.date_time, i.create_system, i.external_attr >> 16) for i in entries} == {
        (ZIP_TIME, 3, 0o100644)}
    assert {i.compress_type for i in entries} == {zipfile.ZIP_DEFLATED}
