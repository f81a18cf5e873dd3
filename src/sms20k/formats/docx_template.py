"""The document a DOCX report starts from: python-docx's default, or the styles, page setup,
headers and footers of a firm's or client's own document (``--docx-template``).

A template is untrusted input: it passes ``ooxmlsafe.check_package`` before python-docx
reads it, its body is dropped (only its styles and page setup are wanted), and the styles the
report needs but the template lacks are copied from the default, numbering included, so a
template saved by Word (which stores only the styles it used) still gives real bullets.
"""

from __future__ import annotations

import copy
import io
import zipfile
from types import ModuleType
from typing import Any

from docx.oxml.ns import qn

from sms20k.errors import InputError
from sms20k.ooxmlsafe import check_package

STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Table Grid",
          "List Bullet", "Caption")
PARTS = ("[Content_Types].xml", "word/document.xml")
HINT = ("pass a Word document or template (.docx, .dotx) without macros or linked content, "
        "saved by Word or LibreOffice")
_TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
A4 = (11906, 16838)
"""Twentieths of a point: the page the default document is set to."""
LINKS_DROPPED = frozenset({"word/_rels/settings.xml.rels"})
"""Where Word links to the template a document came from, a link the report drops."""
MARGIN_CM = 2.5
TABLE_POINTS = 9
"""Table text in the default document; a template's Table Grid style decides its own."""


def open_document(docx: ModuleType, template: bytes | None, name: str) -> Any:
    if template is None:
        doc = docx.Document()
        section = doc.sections[0]
        section.page_width = docx.shared.Twips(A4[0])
        section.page_height = docx.shared.Twips(A4[1])
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, docx.shared.Cm(MARGIN_CM))
        doc.styles["Table Grid"].font.size = docx.shared.Pt(TABLE_POINTS)
        return doc
    check_package(template, name, PARTS, HINT, external_ok=LINKS_DROPPED)
    try:
        doc = docx.Document(io.BytesIO(_as_document(template)))
        _drop_attached_template(doc)
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        _add_missing_styles(doc, docx.Document())
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors
        raise InputError(f"cannot be used as a Word template ({type(exc).__name__}: {exc})",
                         path=name, hint=HINT) from None
    return doc


def _as_document(data: bytes) -> bytes:
    """A .dotx read as the .docx it would make: only its content type differs."""
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml")
    if _TEMPLATE_TYPE not in types:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
            target.writestr(info.filename, content)
    return out.getvalue()


def _drop_attached_template(doc: Any) -> None:
    """Word links a document to the template it was made from by a local path; the report
    keeps neither the link nor the path."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    part = doc.part.part_related_by(RELATIONSHIP_TYPE.SETTINGS)
    for element in part.element.findall(qn("w:attachedTemplate")):
        rel = element.get(qn("r:id"))
        part.element.remove(element)
        if rel and rel in part.rels:
            part.drop_rel(rel)


def _add_missing_styles(doc: Any, default: Any) -> None:
    have = {s.name for s in doc.styles}
    for name in STYLES:
        if name in have:
            continue
        style = copy.deepcopy(default.styles[name].element)
        number = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if number is not None:
            number.set(qn("w:val"), _copy_numbering(doc, default, number.get(qn("w:val"))))
        doc.styles.element.append(style)


def _numbering(doc: Any) -> Any:
    """The list definitions of ``doc``, made empty when it has none (python-docx cannot)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    try:
        return doc.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        pass
    blob = (b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            b'main"/>')
    part = NumberingPart.load(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING, blob,
                              doc.part.package)
    doc.part.relate_to(part, RELATIONSHIP_TYPE.NUMBERING)
    return part.element


def _copy_numbering(doc: Any, default: Any, num_id: str) -> str:
    """Copy the default's list definition ``num_id`` into ``doc``; return its new id there."""
    source = default.part.numbering_part.element
    target = _numbering(doc)
    num = next(n for n in source.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in source.findall(qn("w:abstractNum"))
                    if a.get(qn("w:abstractNumId")) == abstract_id)
    new_abstract = str(1 + max((int(a.get(qn("w:abstractNumId"))) for a in
                                target.findall(qn("w:abstractNum"))), default=-1))
    new_num = str(1 + max((int(n.get(qn("w:numId"))) for n in target.findall(qn("w:num"))),
                          default=0))
    abstract = copy.deepcopy(abstract)
    abstract.set(qn("w:abstractNumId"), new_abstract)
    for tag in ("w:nsid", "w:tmpl"):  # Word matches lists by these; a copy must not collide
        for element in abstract.findall(qn(tag)):
            abstract.remove(element)
    num = copy.deepcopy(num)
    num.set(qn("w:numId"), new_num)
    num.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract)
    # The schema puts every abstractNum before the first num.
    first = target.find(qn("w:num"))
    if first is not None:
        first.addprevious(abstract)
    else:
        target.append(abstract)
    target.append(num)
    return new_num
