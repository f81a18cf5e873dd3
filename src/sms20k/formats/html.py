"""HTML: the gap report a consultant sends to the client, as one self-contained file.

The page has no script and loads nothing: styles are inlined and charts are SVG drawn by the
templates under templates/report/, so it opens offline and passes a strict CSP.
"""

from __future__ import annotations

from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.model import Report
from sms20k.formats.budget import Budget
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.packaged_templates import html_environment
from sms20k.scores import band, score_text

TEMPLATE = "report/report.html.j2"
PLAN_TEMPLATE = "report/plan.html.j2"


class HtmlRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, AuditPlanView):
            env = html_environment({"score": score_text, "band": _band})
            text = env.get_template(PLAN_TEMPLATE).render(plan=view, options=options)
            return text if text.endswith("\n") else text + "\n"
        assert isinstance(view, Report)
        return report_html(view, options)


def report_html(report: Report, options: RenderOptions, printed: bool = False) -> str:
    """The gap report; ``printed``: the variant the PDF prints, with its own print rules and a
    summary of the items in place of their details unless ``options.pdf_details``."""
    env = html_environment({"score": score_text, "band": _band})
    ctx = ReportContext(report, options)
    text = env.get_template(TEMPLATE).render(report=report, ctx=ctx, options=options,
                                             shown=Budget(ctx, printed), printed=printed)
    return text if text.endswith("\n") else text + "\n"


def _band(score: float | None) -> str:
    """The CSS colour class of a score; ``na`` when nothing was scored."""
    return "na" if score is None else band(score)
