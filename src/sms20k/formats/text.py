"""Terminal text. Findings are plain lines; everything else is drawn with rich tables."""

from __future__ import annotations

from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.safetext import visible


def validation_text(view: ValidationView) -> str:
    lines = [finding.format() for finding in view.findings]
    status = "invalid" if view.errors else "valid"
    lines.append(
        f"{visible(view.repository)}: {status}: {view.errors} error{'s' * (view.errors != 1)}, "
        f"{view.warnings} warning{'s' * (view.warnings != 1)} in {view.entries} entries "
        f"from {view.evidence_files + 1} files (as of {view.as_of})"
    )
    return "\n".join(lines) + "\n"


class TextRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, ValidationView):
            return validation_text(view)
        # The drawings (and rich, and the report model) load only when a table is drawn:
        # ``sms20k validate`` starts faster without them.
        from sms20k.formats.text_tables import render_table_view

        return render_table_view(view, options)
