"""The charts of the DOCX report: the HTML report's own SVG (templates/report/charts.html.j2),
rasterized to PNG by resvg, so both reports draw the same picture.

resvg-py is a self-contained wheel (the Rust resvg renderer): no system library such as
cairo, no network, and it never loads what an SVG links to (``resources_dir`` is unset).
"""

from __future__ import annotations

from typing import Any

from sms20k.formats.context import ReportContext
from sms20k.ooxmlsafe import require_office
from sms20k.packaged_templates import html_environment
from sms20k.scores import band, score_text

ZOOM = 2.0
"""Pixels per SVG unit: sharp at the 16 cm the charts are printed."""
FONT = "DejaVu Sans"
"""resvg's own default (Times New Roman) is often missing; where this one is, resvg falls
back to any installed font that has the glyphs."""
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'


def _band(score: float | None) -> str:
    return "na" if score is None else band(score)


class Charts:
    def __init__(self, ctx: ReportContext) -> None:
        self.resvg = require_office("resvg_py", "the docx format's charts")
        env = html_environment({"score": score_text, "band": _band})
        self.macros: Any = env.get_template("report/charts.html.j2").make_module({"ctx": ctx})
        self.ctx = ctx

    def png(self, svg: str) -> bytes:
        """An SVG of the HTML report (inline, so without its namespace, which resvg needs to
        lay out text) as PNG."""
        if SVG_NS not in svg.split(">", 1)[0]:
            svg = svg.replace("<svg ", f"<svg {SVG_NS} ", 1)
        data: bytes = self.resvg.svg_to_bytes(svg_string=svg, zoom=ZOOM, background="#ffffff",
                                              font_family=FONT, sans_serif_family=FONT)
        return data

    def gauge(self, value: float | None, label: str, text: str | None = None,
              band_of: bool = True) -> bytes:
        return self.png(str(self.macros.gauge(value, label, text, band_of)))

    def bars(self, rows: list[Any], title: str) -> bytes:
        return self.png(str(self.macros.bars(rows, title)))

    def heatmap(self, title: str) -> bytes:
        return self.png(str(self.macros.heatmap(self.ctx.leaf_clauses, title)))
