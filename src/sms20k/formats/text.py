"""Terminal text, and the plain words of a report that the text formats share.

Findings are plain lines; everything else is drawn with rich tables. The words (coverage,
finding counts, a gap's "why") are written once here so that the terminal summary, Markdown
and CSV say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sms20k.duration import human
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import MessageView, View
from sms20k.modelbase import plural as plural  # the formats take it from here
from sms20k.safetext import visible

if TYPE_CHECKING:
    from sms20k.assessment.model import EvidenceCheck, Gap, ItemResult, Report

GRADE_WORDS = {"major": ("major", "major"), "minor": ("minor", "minor"),
               "observation": ("observation", "observations"),
               "ofi": ("opportunity", "opportunities")}
NOTES_LIMIT = 90
NOT_APPLICABLE = ("Not applicable to any service in scope (by category, deployment model, "
                  "tenancy or infrastructure)")


def action_words(counts: dict[str, int]) -> str:
    """``3 open (1 overdue) · 1 awaiting effectiveness review · 1 closed · 32 nonconformities
    with no action``."""
    open_ = f"{counts.get('open', 0)} open"
    if counts.get("overdue"):
        open_ += f" ({counts['overdue']} overdue)"
    parts = [open_, f"{counts.get('implemented', 0)} awaiting effectiveness review",
             f"{counts.get('closed', 0)} closed"]
    if counts.get("missing"):
        parts.append(plural(counts["missing"], "nonconformity", "nonconformities")
                     + " with no action")
    return " · ".join(parts)


def recorded_actions(counts: dict[str, int]) -> int:
    return sum(counts.get(k, 0) for k in ("open", "implemented", "closed"))


def grade_words(counts: dict[str, int]) -> str:
    """``1 major · 5 minor · 2 observations · 1 opportunity``."""
    return " · ".join(plural(counts.get(grade, 0), *words)
                      for grade, words in GRADE_WORDS.items())


def cadence_words(cadence: str) -> str:
    """``P1Y`` as "1 year", ``P1Y6M`` as "1 year and 6 months"; anything else as written."""
    try:
        return human(cadence)
    except ValueError:
        return cadence


def percent(assessed: int, in_scope: int) -> str:
    """A whole percentage that never reads 100% (or 0%) unless it is exactly that."""
    if not in_scope:
        return "n/a"
    value = round(100 * assessed / in_scope)
    if assessed < in_scope:
        value = min(value, 99)
    if assessed:
        value = max(value, 1)
    return f"{value}%"


def items_in_scope(report: Report) -> int:
    """Distinct checklist items in scope; an item judged per service has several results."""
    excluded = {e.id for e in report.scope.exclusions}
    return len({r.item for r in report.results if r.item not in excluded})


def coverage_phrase(assessed: int, results: int, items: int) -> str:
    """``50 of 176 items assessed (28%)``, or, when items are judged per service,
    ``209 of 221 item results assessed (95%); 192 items, some judged per service``."""
    share = percent(assessed, results)
    if results == items:
        return f"{assessed} of {plural(results, 'item')} assessed ({share})"
    return (f"{assessed} of {results} item results assessed ({share}); "
            f"{plural(items, 'item')}, some judged once per service")


def coverage_words(report: Report) -> str:
    s = report.summary
    assessed, in_scope = ((s.coverage.assessed, s.coverage.in_scope) if s.coverage
                          else (s.assessed, s.items_in_scope))
    return coverage_phrase(assessed, in_scope, items_in_scope(report))


def shorten(text: str, limit: int = NOTES_LIMIT) -> str:
    """The first sentence if it fits, else the text cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = text.find(". ")
    if 0 < end < limit:
        return text[:end + 1] + " …"
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def missing_words(checks: list[EvidenceCheck], *, supporting: bool = True) -> list[str]:
    """The expected evidence an entry does not show, in words."""
    from sms20k.assessment.evidence_check import describe

    return [describe(c) + (" (supporting)" if c.level == "supporting" else "")
            for c in checks
            if c.state != "provided" and (supporting or c.level == "required")]


def why(gap: Gap, limit: int = NOTES_LIMIT) -> str:
    """A gap's "why": the verdict's reasons, the assessor's notes (shortened) and the evidence
    not shown that the reasons do not already name."""
    parts = [gap.reason] if gap.reason else []
    if gap.notes:
        parts.append(shorten(gap.notes, limit))
    missing = [m for m in gap.missing if m not in gap.reason]
    if missing:
        parts.append("missing: " + "; ".join(missing))
    return " · ".join(parts)


def waiver_words(result: ItemResult) -> str | None:
    """``waived until 2027-06-30 by CFO`` for an active waiver, ``waiver expired …`` for an
    expired one, else None."""
    w = result.waiver
    if w is None or not (result.waived or w.expired):
        return None
    if w.expired:
        return f"waiver expired {w.expires}"
    return f"waived until {w.expires}" + (f" by {w.approved_by}" if w.approved_by else "")


def validation_text(view: ValidationView) -> str:
    lines = [finding.format() for finding in view.findings]
    status = "invalid" if view.errors else "valid"
    lines.append(
        f"{visible(view.repository)}: {status}: {plural(view.errors, 'error', 'errors')}, "
        f"{plural(view.warnings, 'warning', 'warnings')} in "
        f"{plural(view.entries, 'entry', 'entries')} from "
        f"{plural(view.evidence_files, 'evidence file', 'evidence files')} and the manifest "
        f"(as of {view.as_of})"
    )
    return "\n".join(lines) + "\n"


class TextRenderer(Renderer):
    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, ValidationView):
            return validation_text(view)
        if isinstance(view, MessageView):
            return "".join(visible(line) + "\n" for line in view.lines())
        # The drawings (and rich, and the report model) load only when a table is drawn:
        # ``sms20k validate`` starts faster without them.
        from sms20k.formats.text_tables import render_table_view

        return render_table_view(view, options)
