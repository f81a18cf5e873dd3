"""The corrective action plan section of the Markdown report, and the plan on its own
(``sms20k export actions -f md``)."""

from __future__ import annotations

from collections.abc import Sequence

from sms20k.assessment.action_plan import ActionPlanView
from sms20k.assessment.model import PlannedAction
from sms20k.formats.markdown_syntax import anchor, escape, quote_href, table
from sms20k.formats.text import action_words, plural

HEADER = ["Action", "Finding", "Grade", "Correction", "Root cause", "Corrective action",
          "Owner", "Due", "State"]
GRADES = {"major": "Major", "minor": "Minor", "observation": "Observation", "ofi": "OFI"}


def _finding(row: PlannedAction, linked: frozenset[str]) -> str:
    if row.finding is None:
        return "not raised"
    text = escape(row.finding)
    shown = f"[{text}](#{anchor(row.finding)})" if row.finding in linked else text
    if row.clause is not None:
        shown += f" {escape(row.clause.title)}"
    if row.item:
        shown += " · " + escape(row.item + (f" ({row.service})" if row.service else ""))
    return shown


def _action(row: PlannedAction) -> str:
    if row.id is None:
        return "none"
    text = escape(row.id)
    if row.ticket_link:
        return f"{text} ([{escape(row.ticket or '')}]({quote_href(row.ticket_link)}))"
    return f"{text} ({escape(row.ticket)})" if row.ticket else text


def _state(row: PlannedAction) -> str:
    text = escape(row.state)
    if row.effectiveness is not None and row.effectiveness.notes:
        text += " · " + escape(row.effectiveness.notes)
    return f"**{text}**" if row.overdue else text


def action_lines(actions: Sequence[PlannedAction], counts: dict[str, int], as_of: str,
                 linked: frozenset[str] = frozenset()) -> list[str]:
    """The plan's heading, a sentence of counts, and its table; ``linked`` are the finding ids
    that have a heading to link to."""
    lines = ["## Corrective action plan", ""]
    if not actions:
        return [*lines, "None: no nonconformity was raised and no corrective action is "
                "recorded.", ""]
    lines += [f"{plural(len(actions), 'row', 'rows')}, worst grade first, then by due "
              f"date; overdue as of {escape(as_of)}. {action_words(counts).capitalize()}.", ""]
    lines += table(HEADER, ([
        _action(r), _finding(r, linked), GRADES.get(r.grade or "", "—"),
        escape(r.correction or ""), escape(r.root_cause or ""),
        escape(r.corrective_action or ""), escape(r.owner or ""),
        escape(r.due or ""), _state(r)] for r in actions))
    return lines


def render_action_plan(view: ActionPlanView) -> str:
    m = view.meta
    lines = [f"# {escape(m.title)}: corrective action plan", "",
             f"**{escape(m.organization)}** · assessed by {escape(m.assessor)} · as of "
             f"{escape(m.as_of)}", ""]
    lines += action_lines(view.actions, view.counts, m.as_of)[2:]
    return "\n".join(lines).rstrip() + "\n"
