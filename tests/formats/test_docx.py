"""The Word report, read back with python-docx: its sections, counts equal to the JSON report,
real styles, fields and links that only sms20k writes, and the same bytes every time."""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from sms20k.assessment.model import EvidenceRef, Report
from sms20k.assessment.run import assess
from sms20k.errors import InputError, UsageError
from sms20k.formats import get_renderer
from sms20k.formats.docx_fields import FIELDS
from sms20k.formats.interface import RenderOptions

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
SECTIONS = ["Executive summary", "Scope and exclusions", "Scores", "Audit findings",
            "Corrective action plan", "Item details", "Repository problems",
            "Appendix: method and rules", "Sign-off"]


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(EXAMPLE)
        return assess(Path(".")).report


@pytest.fixture(scope="module")
def data(report: Report) -> bytes:
    return get_renderer("docx").encode(report, RenderOptions(marking="Confidential"))


@pytest.fixture(scope="module")
def document(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def paragraphs(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def section_of(document: Any, heading: str) -> list[Any]:
    """The paragraphs and tables between Heading 1 ``heading`` and the next Heading 1."""
    body, inside = [], False
    for block in document.iter_inner_content():
        style = getattr(block, "style", None)
        if hasattr(block, "text") and style is not None and style.name == "Heading 1":
            inside = block.text == heading
            continue
        if inside:
            body.append(block)
    return body


def test_sections_in_order_with_word_styles(document: Any) -> None:
    assert paragraphs(document, "Heading 1") == SECTIONS
    assert paragraphs(document, "Title") == ["ISO/IEC 20000-1 gap assessment 2026"]
    used = {p.style.name for p in document.paragraphs} | {t.style.name for t in document.tables}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "Caption",
            "Table Grid"} <= used


def test_counts_equal_the_json_report(report: Report, document: Any) -> None:
    shown = json.loads(get_renderer("json").render(report))
    findings = [b.text for b in section_of(document, "Audit findings")
                if getattr(b, "style", None) is not None and b.style.name == "Heading 2"]
    assert [f.split(" ", 1)[0] for f in findings] == [f["id"] for f in shown["findings"]]
    plan = [b for b in section_of(document, "Corrective action plan") if hasattr(b, "rows")]
    assert len(plan) == 1 and len(plan[0].rows) == len(shown["actions"]) + 1
    assert plan[0].rows[1].cells[0].text.startswith(shown["actions"][0]["id"])
    items = [b for b in section_of(document, "Item details")
             if getattr(b, "style", None) is not None and b.style.name == "Heading 3"]
    assessed = [r for r in shown["results"] if r["result"] != "not-assessed"]
    assert len(items) == len(assessed)
    scores = [b for b in section_of(document, "Scores") if hasattr(b, "rows")]
    assert len(scores[0].rows) == len(shown["scenarios"]) + 1
    assert len(scores[1].rows) == len([c for c in shown["clauses_2018"] if c["leaf"]]) + 1


def test_findings_carry_statements_and_recommendations(report: Report, document: Any) -> None:
    body = section_of(document, "Audit findings")
    text = "\n".join(cell.text for b in body if hasattr(b, "rows") for row in b.rows
                     for cell in row.cells)
    first = report.findings[0]
    assert first.statement in text
    bullets = [b.text for b in body if getattr(b, "style", None) is not None
               and b.style.name == "List Bullet"]
    assert first.recommendations and first.recommendations[0] in bullets


def test_cover_and_furniture(report: Report, document: Any) -> None:
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    m = report.meta
    assert cover["Client"] == m.organization and cover["Assessor"] == m.assessor
    assert cover["Assessment date"] == m.date and cover["Marking"] == "Confidential · Draft"
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == f"{m.organization} · {m.title}"
    footer = section.footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Confidential · Draft · Page ")
    assert section.page_width == docx.shared.Twips(11906)


def test_contents_is_a_toc_field_listing_the_headings(document: Any) -> None:
    body = document.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert instructions == ['TOC \\o "1-2" \\h \\z \\u']
    heads = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Contents") + 1
    assert texts[start + 1:start + 1 + len(heads)] == heads
    assert document.settings.element.find(qn("w:updateFields")) is not None


def test_core_properties_are_the_reports(report: Report, document: Any) -> None:
    props = document.core_properties
    assert props.author == report.meta.assessor
    assert props.created.date().isoformat() == report.meta.date == \
        props.modified.date().isoformat()
    assert props.content_status == "Draft"


def test_same_report_same_bytes(report: Report, data: bytes) -> None:
    again = get_renderer("docx").encode(report, RenderOptions(marking="Confidential"))
    assert again == data
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_charts_are_png_pictures(data: bytes) -> None:
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media")]
    assert len(media) == 5
    for name in media:
        assert zipfile.ZipFile(io.BytesIO(data)).read(name)[:8] == b"\x89PNG\r\n\x1a\n"


def test_final_says_so(report: Report) -> None:
    final = docx.Document(io.BytesIO(get_renderer("docx").encode(
        report, RenderOptions(final=True))))
    assert final.core_properties.content_status == "Final"
    cover = {row.cells[0].text: row.cells[1].text for row in final.tables[0].rows}
    assert cover["Marking"] == "none"
    assert "Draft" not in final.sections[0].footer.paragraphs[0].text


def test_an_empty_section_says_so_under_its_heading(report: Report) -> None:
    assert report.findings and report.actions and report.gaps and report.validation
    clean = report.model_copy(update={"findings": [], "actions": [], "gaps": [],
                                      "validation": []})
    document = docx.Document(io.BytesIO(get_renderer("docx").encode(clean)))
    said = {heading: [b.text for b in section_of(document, heading) if getattr(b, "text", "")]
            for heading in ("Audit findings", "Corrective action plan", "Repository problems")}
    assert said["Audit findings"] == ["None: no requirement was found unmet on the assessed "
                                      "items."]
    assert said["Corrective action plan"] == ["None: no nonconformity was raised and no "
                                              "corrective action is recorded."]
    assert said["Repository problems"][1:] == ["None."]
    summary = [b.text for b in section_of(document, "Executive summary") if getattr(b, "text", "")]
    assert summary[-2:] == ["Top gaps (0 of 0)", "No gaps: every assessed item is conformant."]
    for heading in said:
        assert not [b for b in section_of(document, heading) if hasattr(b, "rows")]


HOSTILE = ("=cmd|' /C calc'!A0 { DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe } "
           "{ HYPERLINK \"file:///etc/passwd\" } \x01\u202e")


def _poisoned(report: Report) -> Report:
    links = [EvidenceRef(type="url", target=t, description=HOSTILE, kind=None, version=None,
                         approved=None, reviewed=None, link=t)
             for t in ("javascript:alert(1)", "file:///etc/passwd", "https://ok.example/x",
                       "\\\\server\\share")]
    results = list(report.results)
    index = next(n for n, r in enumerate(results) if r.assessed)
    results[index] = results[index].model_copy(update={"notes": HOSTILE, "evidence": links})
    return report.model_copy(update={"results": results})


def test_user_text_is_never_a_field_or_a_foreign_link(report: Report) -> None:
    data = get_renderer("docx").encode(_poisoned(report), RenderOptions(marking=HOSTILE))
    package = zipfile.ZipFile(io.BytesIO(data))
    rels = b"".join(package.read(n) for n in package.namelist() if n.endswith(".rels"))
    targets = [t.decode() for t in re.findall(rb'Target="([^"]+)"[^>]*External',
                                                            rels)]
    assert "https://ok.example/x" in targets
    assert all(t.startswith(("https://", "http://")) for t in targets), targets
    xml = b"".join(package.read(n) for n in package.namelist() if n.endswith(".xml"))
    assert b"fldSimple" not in xml
    document = docx.Document(io.BytesIO(data))
    parts = [document.element.body, *(s.footer._element for s in document.sections)]
    found = {t.text.strip() for part in parts for t in part.iter(qn("w:instrText"))}
    assert found <= {f for f in FIELDS}
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "DDEAUTO" in text and "\\x01\\u202e" in text and "\x01" not in text


def test_other_views_and_text_render_are_refused(report: Report) -> None:
    with pytest.raises(UsageError, match="binary"):
        get_renderer("docx").render(report)


def test_missing_python_docx_is_an_input_error(report: Report,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)  # what an import finds when it is absent
    with pytest.raises(InputError) as caught:
        get_renderer("docx").encode(report)
    assert "sms20k[office]" in (caught.value.hint or "")
