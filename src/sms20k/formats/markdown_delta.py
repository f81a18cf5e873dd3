"""Markdown for gates and for changes since a baseline (``diff -f md`` and the report)."""

from __future__ import annotations

from sms20k.assessment.model import Change, Delta, GateOutcome
from sms20k.formats.markdown_syntax import escape, table
from sms20k.formats.text import plural
from sms20k.scores import score_text, signed


def gate_lines(gates: list[GateOutcome]) -> list[str]:
    if not gates:
        return []
    rows = [[escape(g.gate), "passed" if g.passed else "**FAILED**", escape(g.message)]
            for g in gates]
    return ["### Gates", "", *table(["Gate", "Outcome", "Detail"], rows)]


def _changes(title: str, changes: list[Change]) -> list[str]:
    if not changes:
        return []
    rows = [[escape(c.label), escape(c.title),
             f"{c.old_result or '-'} → {c.new_result or '-'}",
             f"{c.old_class or 'none'} → {c.new_class or 'none'}"] for c in changes]
    return [f"{title} ({len(changes)}):", "", *table(["Item", "Title", "Result", "Finding"], rows)]


def delta_lines(delta: Delta, heading: str = "###") -> list[str]:
    o = delta.overall
    lines = [
        f"{heading} Changes since {escape(delta.old)}", "",
        f"Overall score {score_text(o.old)} → {score_text(o.new)} ({signed(o.delta)}). "
        f"{len(delta.improved)} improved, {len(delta.regressed)} regressed, "
        f"{plural(len(delta.new_findings), 'new finding', 'new findings')}, "
        f"{len(delta.resolved_findings)} resolved.", "",
        *table(["Scenario", "Title", "Before", "Now", "Change"],
               ([escape(s.id), escape(s.title), score_text(s.old), score_text(s.new),
                 signed(s.delta)] for s in delta.scenarios), "llrrr"),
    ]
    for title, changes in (("Regressed", delta.regressed), ("New findings", delta.new_findings),
                           ("Improved", delta.improved),
                           ("Resolved findings", delta.resolved_findings)):
        lines += _changes(title, changes)
    return lines


def render_delta(delta: Delta) -> str:
    lines = [f"# sms20k diff: {escape(delta.old)} → {escape(delta.new)}", "",
             *delta_lines(delta, "##")]
    return "\n".join(lines).rstrip() + "\n"
