"""Markdown: the checklists as a printable audit checklist, the assessment report, a diff and
the audit plan. Each has its module; this one chooses among them."""

from __future__ import annotations

from sms20k.assessment.action_plan import ActionPlanView
from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.model import Delta, Report
from sms20k.checklists.browse_views import CatalogView, MatrixView, ScenarioView
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View


class MarkdownRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        # Each module is imported when used: the report's is large, the catalog's is not.
        if isinstance(view, ActionPlanView):
            from sms20k.formats.markdown_actions import render_action_plan

            return render_action_plan(view)
        if isinstance(view, AuditPlanView):
            from sms20k.formats.markdown_plan import render_plan

            return render_plan(view)
        if isinstance(view, Delta):
            from sms20k.formats.markdown_delta import render_delta

            return render_delta(view)
        if isinstance(view, Report):
            from sms20k.formats.markdown_report import render_report

            return render_report(view, options)
        from sms20k.formats import markdown_catalog

        if isinstance(view, MatrixView):
            return markdown_catalog.render_matrix(view)
        if isinstance(view, ScenarioView):
            return markdown_catalog.render_scenario(view.scenario)
        assert isinstance(view, CatalogView)
        return markdown_catalog.render_catalog(view)
