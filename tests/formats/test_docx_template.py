"""``--docx-template``: a firm's own Word document or template gives the report its styles,
page setup and letterhead, and is treated as the untrusted input it is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.errors import InputError
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions

from ..conftest import DATA, Invoke

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def firm_template(*, dotx: bool = True, extra: dict[str, str] | None = None,
                  document_rels: str = "") -> bytes:
    """A template as Word saves one: only the styles it uses (a red Heading 1 in its own
    font, no Table Grid, List Bullet or Caption), a letterhead header, Letter paper, and
    a link to the template it was made from, by a local path."""
    main = f"{WML}.template.main+xml" if dotx else f"{WML}.document.main+xml"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{WML}.styles+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{WML}.settings+xml"/>'
            f'<Override PartName="/word/header1.xml" ContentType="{WML}.header+xml"/></Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{RT}/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{RT}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{RT}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rId3" Type="{RT}/header" Target="header1.xml"/>'
            f'{document_rels}</Relationships>'),
        "word/document.xml": (
            f'<?xml version="1.0"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
            '<w:p><w:r><w:t>FIRM BOILERPLATE</w:t></w:r></w:p><w:sectPr>'
            '<w:headerReference w:type="default" r:id="rId3"/>'
            '<w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>'),
        "word/header1.xml": (
            f'<?xml version="1.0"?><w:hdr xmlns:w="{W}"><w:p><w:r><w:t>Greyfield Assurance '
            'letterhead</w:t></w:r></w:p></w:hdr>'),
        "word/styles.xml": (
            f'<?xml version="1.0"?><w:styles xmlns:w="{W}">'
            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
            '</w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
            '<w:basedOn w:val="Normal"/><w:rPr>'
            '<w:rFonts w:ascii="Firm Serif" w:hAnsi="Firm Serif"/><w:color w:val="C00000"/>'
            '</w:rPr></w:style></w:styles>'),
        "word/settings.xml": (
            f'<?xml version="1.0"?><w:settings xmlns:w="{W}" xmlns:r="{R}">'
            '<w:attachedTemplate r:id="rId1"/><w:compat/></w:settings>'),
        "word/_rels/settings.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{RT}/attachedTemplate" Target="file:///C:/Users/firm/Normal.dotm" '
            'TargetMode="External"/></Relationships>'),
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return out.getvalue()


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(DATA / "assess" / "small")
        return assess(Path(".")).report


@pytest.fixture(scope="module")
def styled(report: Report) -> bytes:
    return get_renderer("docx").encode(report, RenderOptions(docx_template=firm_template()))


def test_the_template_gives_styles_page_and_letterhead(styled: bytes) -> None:
    doc: Any = docx.Document(io.BytesIO(styled))
    texts = [p.text for p in doc.paragraphs]
    assert "FIRM BOILERPLATE" not in texts and "Executive summary" in texts
    heading = doc.styles["Heading 1"]
    assert heading.font.name == "Firm Serif" and str(heading.font.color.rgb) == "C00000"
    section = doc.sections[0]
    assert section.page_width == docx.shared.Twips(12240)
    assert section.header.paragraphs[0].text == "Greyfield Assurance letterhead"
    assert "Page " in section.footer.paragraphs[0].text


def test_missing_styles_come_with_real_bullets(styled: bytes) -> None:
    doc: Any = docx.Document(io.BytesIO(styled))
    names = {s.name for s in doc.styles}
    assert {"Title", "Table Grid", "List Bullet", "Caption", "Heading 3"} <= names
    num = doc.styles["List Bullet"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    numbering = doc.part.numbering_part.element
    defined = {n.get(qn("w:numId")) for n in numbering.findall(qn("w:num"))}
    assert num.get(qn("w:val")) in defined
    children = [c.tag for c in numbering]
    assert children.index(qn("w:abstractNum")) < children.index(qn("w:num"))


def test_the_link_to_the_firms_local_template_is_dropped(styled: bytes) -> None:
    package = zipfile.ZipFile(io.BytesIO(styled))
    everything = b"".join(package.read(n) for n in package.namelist())
    assert b"Normal.dotm" not in everything and b"attachedTemplate" not in everything
    assert b"template.main+xml" not in package.read("[Content_Types].xml")


def test_a_plain_docx_template_works_too(report: Report) -> None:
    data = get_renderer("docx").encode(report, RenderOptions(
        docx_template=firm_template(dotx=False)))
    assert "Executive summary" in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.mark.parametrize(("template", "message"), [
    (b"not a zip", "not an Office Open XML file"),
    (firm_template(document_rels=f'<Relationship Id="rId9" Type="{RT}/hyperlink" '
                   'Target="https://firm.example/" TargetMode="External"/>'),
     "links to external resources"),
    (firm_template(extra={"word/vbaProject.bin": "x"}), "contains macros"),
    (firm_template(extra={"word/styles.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a '
                          '"b">]><x>&a;</x>'}), "not safe, well-formed XML"),
    (firm_template(extra={"word/styles.xml": f'<w:styles xmlns:w="{W}"><w:style/></w:styles>'}),
     "cannot be used as a Word template"),
])
def test_hostile_templates_are_refused(report: Report, template: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        get_renderer("docx").encode(report, RenderOptions(docx_template=template))


def test_cli_refuses_a_bad_template_before_assessing(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "firm.docx"
    bad.write_bytes(firm_template(extra={"word/vbaProject.bin": "x"}))
    out = tmp_path / "out"
    result = invoke(["assess", DATA / "assess" / "small", "-f", "docx", "--docx-template", bad,
                     "-o", out, "-q"], code=2)
    assert f"{bad}: [error] contains macros" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
    missing = invoke(["assess", DATA / "assess" / "small", "-f", "docx", "--docx-template",
                      tmp_path / "none.docx", "-o", out, "-q"], code=2)
    assert "cannot read the Word template" in missing.stderr, missing.stderr


def test_cli_template_needs_the_docx_format(invoke: Invoke, tmp_path: Path) -> None:
    template = tmp_path / "firm.dotx"
    template.write_bytes(firm_template())
    result = invoke(["assess", DATA / "assess" / "small", "-f", "html", "--docx-template",
                     template, "-o", tmp_path, "-q"], code=2)
    assert "add `-f docx`" in result.stderr, result.stderr
    invoke(["assess", DATA / "assess" / "small", "-f", "docx", "--docx-template", template,
            "-o", tmp_path, "-q"])
    assert (tmp_path / "report.docx").is_file()
