"""Markdown report: the item details, one heading per assessed result."""

from __future__ import annotations

from sms20k.assessment.model import EvidenceRef, ItemResult
from sms20k.formats.markdown_findings import FindingsWriter, score_bar, where_text
from sms20k.formats.markdown_syntax import escape, quote_href, table
from sms20k.formats.text import cadence_words, missing_words, plural

_URL_SCHEMES = ("http://", "https://", "mailto:")


class DetailsWriter(FindingsWriter):
    def details(self) -> None:
        self.add("## Item details", "", f"Ordered by {self.ctx.options.by}.", "")
        if not self.shown.whole:
            self.add(f"{plural(len(self.shown.detailed), 'result of', 'results of')} "
                     f"{len(self.r.results)} are detailed here: the most severe findings "
                     "first. The JSON and CSV reports have every result in full.", "")
        for group in self.ctx.groups:
            shown = self.shown.of(group.results)
            assessed = [r for r in shown if r.assessed]
            rest = [r for r in shown if not r.assessed]
            count = plural(len(group.results), "result", "results")
            scored = sum(1 for r in group.results if r.assessed)
            self.add(f"### {group.key} {escape(group.title)}", "")
            if scored:
                self.add(f"Score: {score_bar(group.score)} · {count}, {scored} assessed", "")
            for result in assessed:
                self.item(result)
            if rest:
                self.add("Not assessed:" if scored else f"None of its {count} was assessed.",
                         "", *(f"- {escape(r.label)} {escape(r.title)}: "
                               f"{escape('; '.join(r.reasons))}" for r in rest), "")
            if left_out := self.shown.left_out(group):
                self.add("Not detailed here: " + ", ".join(f"{n} {result}"
                                                           for result, n in left_out) + ".", "")

    def item(self, r: ItemResult) -> None:
        service = f" · {escape(self.ctx.services.get(r.service, r.service))}" \
            if r.service else ""
        clauses = "; ".join(f"{c.id} {escape(c.title)}" for c in self.ctx.result_clauses(r))
        klass = self.ctx.class_labels[r.finding_class] if r.finding_class else "none"
        cited = ", ".join(self.finding_link(f) for f in self.cited.get(r.label, []))
        self.add(f"#### {r.label}", "",
                 f"**{escape(r.title)}**{service}" + (" · waived" if r.waived else ""), "",
                 f"- **Result:** {self.ctx.result_labels[r.result]}",
                 f"- **Finding:** {klass}" + (f" (audit finding {cited})" if cited else ""),
                 f"- **Criticality:** {r.criticality}",
                 f"- **Clauses ({self.ctx.edition}):** {clauses or 'none'}")
        if r.primary_2018:
            self.add(f"- **Primary clause (2018):** {r.primary_2018.id} "
                     f"{escape(r.primary_2018.title)}")
        if r.references:
            self.add(f"- **Companion standards:** {escape('; '.join(r.references))}")
        if r.recommendation:
            self.add(f"- **Recommendation:** {escape(r.recommendation)}")
        self.add(f"- **Status:** {escape(r.status or 'none')}",
                 f"- **Owner:** {escape(r.owner or 'none')}",
                 f"- **Last review:** {escape(r.reviewed or 'none')}")
        for name, value in (("Notes", r.notes), ("Justification", r.justification)):
            if value:
                self.add(f"- **{name}:** {escape(value)}")
        if w := r.waiver:
            by = f", approved by {escape(w.approved_by)}" if w.approved_by else ""
            on = f" on {escape(w.approved)}" if w.approved else ""
            state = ("active until" if r.waived else "expired" if w.expired
                     else "not active (not approved), expires")
            self.add(f"- **Waiver:** {state} {escape(w.expires)}{by}{on}: {escape(w.reason)}")
        reasons = "; ".join(r.reasons)
        if reasons:
            self.add(f"- **Reasons:** {escape(reasons)}")
        if missing := [m for m in missing_words(r.evidence_checks) if m not in reasons]:
            self.add(f"- **Missing evidence:** {escape('; '.join(missing))}")
        if r.problems:
            self.add("- **Validation problems:**")
            self.add(*(f"  - {p.level} {escape(p.code)}: {escape(p.message)}"
                       + (f" ({where_text(p)})" if p.location else "") for p in r.problems))
        self.add("")
        if r.evidence_checks:
            self.add(*table(["Expected evidence", "Level", "Cadence", "State", "Latest date"], (
                [f"{escape(c.kind)}: {escape(c.description)}", c.level,
                 escape(cadence_words(c.cadence)),
                 c.state + (f" since {escape(c.stale_since)}" if c.stale_since else ""),
                 escape(c.dated or "")] for c in r.evidence_checks)))
        if not r.evidence:
            self.add("No evidence listed.", "")
            return
        self.add(*table(["Evidence", "Description", "Kind", "Version", "Approved", "Reviewed"],
                         ([self.evidence(ev), escape(ev.description), escape(ev.kind or ""),
                           escape(ev.version or ""), escape(ev.approved or ""),
                           escape(ev.reviewed or "")] for ev in r.evidence)))

    def evidence(self, ev: EvidenceRef) -> str:
        href = self.ctx.link(ev)
        if href is None or (ev.type != "path" and not href.startswith(_URL_SCHEMES)):
            return escape(ev.target)
        return f"[{escape(ev.target)}]({quote_href(href)})"
