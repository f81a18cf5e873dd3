"""The tables of the DOCX report as WordprocessingML, written in one pass.

python-docx builds a table cell by cell with an XPath query per element, which made tables
most of the report's time (over 200 of them in the example); writing the markup directly
takes a fraction of it. The text is already inert (``docx_writer.inert``) and is escaped
here, so it can only ever be run text.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TWIPS_PER_CM = 567
SIGNING_ROW_TWIPS = 794
"""1.4 cm: room to sign."""


def _runs(text: str, bold: bool) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{props}{body}</w:r>" if text else ""


def _row(cells: Sequence[str], widths: Sequence[int], *, bold: Sequence[bool],
         props: str) -> str:
    tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                  f"<w:p>{_runs(text, b)}</w:p></w:tc>"
                  for text, w, b in zip(cells, widths, bold, strict=True))
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{tcs}</w:tr>"


def table_xml(style_id: str, widths_cm: Sequence[float], rows: Sequence[Sequence[str]], *,
              header: bool, first_column_bold: bool = False, tall: bool = False) -> str:
    """A ``w:tbl`` with a fixed layout over its grid; a ``header`` first row is bold and
    repeats on every page, and no row of it is split across pages."""
    widths = [round(cm * TWIPS_PER_CM) for cm in widths_cm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for n, cells in enumerate(rows):
        heading = header and n == 0
        bold = [heading or (first_column_bold and i == 0) for i in range(len(cells))]
        props = ('<w:cantSplit/><w:tblHeader/>' if heading else "<w:cantSplit/>"
                 if header else "")
        if tall and not heading:
            props = f'<w:trHeight w:val="{SIGNING_ROW_TWIPS}"/>' + props
        body.append(_row(cells, widths, bold=bold, props=props))
    return (f'<w:tbl xmlns:w="{W}"><w:tblPr><w:tblStyle w:val="{escape(style_id)}"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>")
