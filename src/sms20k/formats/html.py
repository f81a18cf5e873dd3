"""HTML: the gap report a consultant sends to the client, as one self-contained file.

The page has no script and loads nothing: styles are inlined and charts are SVG drawn by the
templates under templates/report/, so it opens offline and passes a strict CSP.
"""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.model import Report
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.packaged_templates import html_environment
from sms20k.scores import band, score_text

TEMPLATE = "report/report.html.j2"
PLAN_TEMPLATE = "report/plan.html.j2"


class HtmlRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        env = html_environment({"score": score_text, "band": _band})
        if isinstance(view, AuditPlanView):
            text = env.get_template(PLAN_TEMPLATE).render(plan=view, options=options)
        else:
            assert isinstance(view, Report)
            ctx = ReportContext(view, options)
            text = env.get_template(TEMPLATE).render(report=view, ctx=ctx, options=options)
        return text if text.endswith("\n") else text + "\n"


def _band(score: float | None) -> str:
    """The CSS colour class of a score; ``na`` when nothing was scored."""
    return "na" if score is None else band(score)
