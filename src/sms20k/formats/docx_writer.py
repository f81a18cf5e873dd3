"""The Word document a DOCX report is written into: python-docx behind a few calls
(headings, paragraphs, bullets, tables, pictures) that keep user text inert.

User text only ever becomes run text: never a field instruction, never a hyperlink target
other than an http(s) URL, and with its control characters shown as escapes (XML cannot
hold most of them, and hidden ones could reorder what the client reads).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence, Sized
from typing import Any

from sms20k.formats.docx_fields import add_field, add_hyperlink, enable_field_update
from sms20k.formats.docx_tables import table_xml
from sms20k.formats.docx_template import STYLES, open_document
from sms20k.ooxmlsafe import require_office
from sms20k.safetext import visible

_NON_XML = re.compile("[\ufffe\uffff]")
TEXT_WIDTH_CM = 16.0
"""The width of pictures and tables on an A4 page with 2.5 cm margins."""


def inert(text: object) -> str:
    return _NON_XML.sub("\ufffd", visible(str(text), lines=True))


class DocxWriter:
    """One document, written top to bottom; ``toc()`` reserves the table of contents, which
    ``finish()`` fills with the headings that followed it."""

    def __init__(self, template: bytes | None, template_name: str = "template.docx") -> None:
        self.docx = require_office("docx", "the docx format")
        self.doc: Any = open_document(self.docx, template, template_name)
        self.headings: list[tuple[int, str]] = []
        self._toc: Any = None
        # python-docx finds a style by name in a linear scan, on every paragraph; look once.
        # (by the names it shows: Word and LibreOffice spell "caption" differently).
        shown = {style.name: style.style_id for style in self.doc.styles}
        self._ids = {name: shown[name] for name in STYLES}

    def add(self, text: str = "", style: str | None = None) -> Any:
        paragraph = self.doc.add_paragraph(inert(text) if text else "")
        if style is not None:
            paragraph._p.style = self._ids[style]
        return paragraph

    # -- blocks ---------------------------------------------------------------------------

    def title(self, text: str, subtitle: str | None = None) -> None:
        self.add(text, "Title")
        if subtitle:
            self.add(subtitle, "Subtitle")

    def heading(self, text: str, level: int) -> None:
        self.add(text, f"Heading {level}")
        self.headings.append((level, inert(text)))

    def section(self, title: str, level: int, rows: Sized, none: str, *,
                intro: str = "") -> bool:
        """A section's heading and ``intro``; when it has no ``rows``, the sentence ``none``
        saying so. True when the rows are to follow."""
        self.heading(title, level)
        if intro:
            self.para(intro)
        if not rows:
            self.para(none)
        return bool(rows)

    def para(self, text: str = "", *, bold: str | None = None, style: str | None = None) -> Any:
        """A paragraph; ``bold`` is a lead-in such as ``Owner:`` before the text."""
        paragraph = self.add(style=style)
        if bold:
            paragraph.add_run(inert(bold) + (" " if text else "")).bold = True
        if text:
            paragraph.add_run(inert(text))
        return paragraph

    def link(self, text: str, url: str | None, *, bold: str | None = None,
             bullet: bool = False) -> None:
        """A paragraph that links to ``url`` when it is an http(s) URL, else plain text."""
        paragraph = self.para(bold=bold, style="List Bullet" if bullet else None)
        add_hyperlink(paragraph, inert(text), url)

    def bullets(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.add(line, "List Bullet")

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        """A two-column table of labels and values (the cover, a finding's particulars)."""
        self._insert([[inert(k), inert(v)] for k, v in pairs], (4.5, TEXT_WIDTH_CM - 4.5),
                     header=False, first_column_bold=True)
        self.add()

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[float] | None = None, *, tall: bool = False) -> None:
        """A table with a header row that repeats on every page; ``tall`` rows leave room
        to sign."""
        body = [[inert(v) for v in header], *([inert(v) for v in row] for row in rows)]
        self._insert(body, widths or [TEXT_WIDTH_CM / len(header)] * len(header), header=True,
                     tall=tall)
        self.add()

    def picture(self, png: bytes, width_cm: float, caption: str) -> None:
        self.doc.add_picture(io.BytesIO(png), width=self.docx.shared.Cm(width_cm))
        self.add(caption, "Caption")

    def pictures(self, pngs: Sequence[bytes], width_cm: float, caption: str) -> None:
        """Pictures side by side in one paragraph, with one caption."""
        paragraph = self.doc.add_paragraph()
        for png in pngs:
            paragraph.add_run().add_picture(io.BytesIO(png), width=self.docx.shared.Cm(width_cm))
            paragraph.add_run("  ")
        self.add(caption, "Caption")

    def page_break(self) -> None:
        self.doc.add_page_break()

    def toc(self) -> None:
        self._toc = self.doc.add_paragraph()

    # -- the whole document ---------------------------------------------------------------

    def finish(self) -> None:
        """Fill the table of contents: a TOC field whose cached result lists the headings,
        so the contents read right before Word or LibreOffice updates the page numbers."""
        if self._toc is None:
            return
        entries = [(level, text) for level, text in self.headings if level <= 2]
        first = self._toc.insert_paragraph_before()
        add_field(first, 'TOC \\o "1-2" \\h \\z \\u', None, close=False)
        for level, text in entries:
            entry = self._toc.insert_paragraph_before(text)
            entry.paragraph_format.left_indent = self.docx.shared.Cm(0.6 * (level - 1))
        add_field(self._toc, None, None, open_=False)
        enable_field_update(self.doc)
        self._toc = None

    def save(self) -> bytes:
        self.finish()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _insert(self, rows: list[list[str]], widths: Sequence[float], **how: bool) -> None:
        from docx.oxml import parse_xml

        table = parse_xml(table_xml(self._ids["Table Grid"], widths, rows, **how))
        self.doc.element.body._insert_tbl(table)
