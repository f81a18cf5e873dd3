"""CSV: one row per item (and service), the columns a consultant filters in a spreadsheet.

Both levels of the report in one table: each item result's row names the audit finding it is
evidence of. New columns go at the end, so that spreadsheets built on the old ones still work.
"""

from __future__ import annotations

import csv
import io
import re

from sms20k.assessment.action_plan import ActionPlanView
from sms20k.assessment.auditplan import AuditPlanView
from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, AuditFinding, Report
from sms20k.findings import where
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.formats.text import missing_words
from sms20k.modelbase import View
from sms20k.safetext import visible

COLUMNS = (
    "id", "service", "scenario", "title", "criticality", "clauses_2011", "clauses_2018",
    "status", "result", "finding_class", "score", "weight", "owner", "evidence_count",
    "last_review", "reasons", "location",
    "finding_id", "finding_grade", "waived", "notes", "missing_evidence", "primary_2018", "as_of",
)
# OWASP's leads, with the fullwidth and small forms that spreadsheets fold into them and the
# minus sign; a cell whose first visible character is one of them is prefixed.
_FORMULA = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212")
# Leads a spreadsheet skips before it looks for a formula: whitespace of any kind (tab, CR,
# LF, NBSP, the Unicode spaces) and invisible format characters (ZWSP, BOM, bidi marks).
_LEAD = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]*")


def neutralize(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection).

    Any cell that starts with a tab, CR or LF, or whose first character after leading
    whitespace and invisible characters is a formula lead, gets a leading ``'``; numbers
    such as ``-5`` too, as OWASP recommends.
    """
    if not value or value[0].isalnum():  # most cells: no lead to skip, and not a formula
        return value
    if value.startswith(("\t", "\r", "\n")) or _LEAD.sub("", value, count=1)[:1] in _FORMULA:
        return "'" + value
    return value


def cell(value: str) -> str:
    """A CSV cell: controls shown escaped (line breaks kept), formulas neutralized."""
    if value.isprintable() and (not value or value[0].isalnum()):
        return value  # most cells, at a quarter of the cost of the two calls below
    return neutralize(visible(value, lines=True))


class CsvRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        if isinstance(view, ActionPlanView):
            from sms20k.formats.csv_actions import action_rows

            writer.writerows([cell(value) for value in row] for row in action_rows(view))
            return buffer.getvalue()
        if isinstance(view, AuditPlanView):
            from sms20k.formats.csv_plan import plan_rows

            writer.writerows([cell(value) for value in row] for row in plan_rows(view))
            return buffer.getvalue()
        assert isinstance(view, Report)
        writer.writerow(COLUMNS)
        cited: dict[str, list[AuditFinding]] = {}
        for finding in view.findings:
            for item in finding.items:
                cited.setdefault(item.label, []).append(finding)
        for r in view.results:
            loc = r.location
            findings = cited.get(r.label, [])
            row = [
                r.item, r.service or "", r.scenario, r.title, r.criticality,
                " ".join(c.id for c in r.clauses_2011), " ".join(c.id for c in r.clauses_2018),
                r.status or "", RESULT_LABELS[r.result],
                CLASS_LABELS[r.finding_class] if r.finding_class else "",
                "" if r.score is None else f"{r.score:g}", f"{r.weight:g}", r.owner or "",
                str(len(r.evidence)), r.reviewed or "", "; ".join(r.reasons),
                where(loc.path, loc.line, None) if loc else "",
                "; ".join(f.id for f in findings),
                "; ".join(CLASS_LABELS[f.grade] for f in findings),
                "yes" if r.waived else "no", r.notes or "",
                "; ".join(missing_words(r.evidence_checks)),
                r.primary_2018.id if r.primary_2018 else "", view.meta.as_of,
            ]
            writer.writerow([cell(value) for value in row])
        return buffer.getvalue()
