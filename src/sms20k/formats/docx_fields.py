"""The only fields and links a DOCX report holds: its own TOC, PAGE and NUMPAGES fields,
and hyperlinks to http(s) URLs. No user text is ever an instruction or a link target."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

FIELDS = frozenset({"PAGE", "NUMPAGES", 'TOC \\o "1-2" \\h \\z \\u'})
"""Every field instruction sms20k writes; nothing else may become one."""
_AFTER_UPDATE_FIELDS = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
                        "w:docVars", "w:rsids")


def _char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run = OxmlElement("w:r")
    run.append(element)
    return run


def add_field(paragraph: Any, instruction: str | None, result: str | None, *,
              open_: bool = True, close: bool = True) -> None:
    """A complex field in ``paragraph``: its start and instruction (``open_``), the cached
    ``result`` shown until the field is updated, and its end (``close``). A field may span
    paragraphs: open it in one and close it in a later one."""
    p = paragraph._p
    if open_:
        if instruction not in FIELDS:
            raise ValueError(f"not a field sms20k writes: {instruction!r}")
        p.append(_char("begin"))
        run = OxmlElement("w:r")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = f" {instruction} "
        run.append(text)
        p.append(run)
        p.append(_char("separate"))
    if result is not None:
        paragraph.add_run(result)
    if close:
        p.append(_char("end"))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None."""
    if not url or any(c.isspace() or not c.isprintable() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def add_hyperlink(paragraph: Any, text: str, url: str | None) -> None:
    """``text`` in ``paragraph``, linked to ``url`` only when it is an http(s) URL."""
    target = web_url(url)
    if target is None:
        paragraph.add_run(text)
        return
    rel = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:u")
    style.set(qn("w:val"), "single")
    props.append(style)
    run.append(props)
    content = OxmlElement("w:t")
    content.set(qn("xml:space"), "preserve")
    content.text = text
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def enable_field_update(doc: Any) -> None:
    """Ask Word to update the fields on opening, so the contents get their page numbers."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    mark = OxmlElement("w:updateFields")
    mark.set(qn("w:val"), "true")
    for tag in _AFTER_UPDATE_FIELDS:  # the schema orders the children of w:settings
        later = settings.find(qn(tag))
        if later is not None:
            later.addprevious(mark)
            return
    settings.append(mark)
