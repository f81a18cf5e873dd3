"""Terminal text. Findings are plain lines; everything else is drawn with rich tables."""

from __future__ import annotations

from sms20k.checklists.browse_views import (
    ClauseTreeView,
    ClauseView,
    ItemView,
    MatrixView,
    ScenarioList,
    ScenarioView,
)
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.safetext import visible

TABLE_VIEWS: tuple[type[View], ...] = (
    ScenarioList, ScenarioView, ItemView, ClauseView, ClauseTreeView, MatrixView,
)


def finding_line(row: object) -> str:
    from sms20k.evidence.validation_view import FindingRow

    assert isinstance(row, FindingRow)
    where = ":".join(str(p) for p in (row.path, row.line, row.col) if p is not None)
    hint = f" ({row.hint})" if row.hint else ""
    return visible(f"{where}: [{row.level}] {row.code} {row.message}{hint}")


def validation_text(view: ValidationView) -> str:
    lines = [finding_line(row) for row in view.findings]
    status = "invalid" if view.errors else "valid"
    lines.append(
        f"{visible(view.repository)}: {status}: {view.errors} error{'s' * (view.errors != 1)}, "
        f"{view.warnings} warning{'s' * (view.warnings != 1)} in {view.entries} entries "
        f"from {view.evidence_files + 1} files (as of {view.as_of})"
    )
    return "\n".join(lines) + "\n"


class TextRenderer(Renderer):
    name = "text"

    def supports(self, view: View) -> bool:
        # Delta is named, not imported: importing it would load the whole report model.
        return isinstance(view, (*TABLE_VIEWS, ValidationView)) or type(view).__name__ == "Delta"

    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, ValidationView):
            return validation_text(view)
        from sms20k.formats.tables import render_table_view

        return render_table_view(view, options)
