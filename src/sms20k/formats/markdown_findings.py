"""Markdown report: the shared writer, and the sections about findings (audit findings,
waived items, repository problems, the validation list)."""

from __future__ import annotations

from collections.abc import Sequence

from sms20k.assessment.model import AuditFinding, FindingItem, Report
from sms20k.codes import is_repository_problem
from sms20k.findings import Finding, label
from sms20k.formats.budget import Budget
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions
from sms20k.formats.markdown_syntax import anchor, escape, table
from sms20k.formats.text import plural, waiver_words
from sms20k.scores import filled, score_text


def where_text(problem: Finding) -> str:
    return escape(problem.where())


def _list(values: Sequence[str], more: int = 0) -> str:
    if not values:
        return "none"
    listed = escape("; ".join(values))
    return f"{listed}; and {more} more (the JSON report lists every one)" if more else listed


BAR = 10


def score_bar(score: float | None) -> str:
    if score is None:
        return "n/a"
    cells = filled(score, BAR)
    return f"{'█' * cells}{'░' * (BAR - cells)} {score_text(score)}"


class FindingsWriter:
    """Lines of a Markdown report, with links between items and findings."""

    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.r = report
        self.ctx = ReportContext(report, options)
        self.lines: list[str] = []
        self.shown = Budget(self.ctx)
        # Only assessed results get a heading, and past the budget only the most severe;
        # the others are one line in their group, or counted.
        self.headed = {r.label for r in report.results if r.assessed and self.shown.shown(r)}
        self.cited: dict[str, list[AuditFinding]] = {}
        for finding in report.findings:
            for item in finding.items:
                self.cited.setdefault(item.label, []).append(finding)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def item_link(self, item: str, service: str | None) -> str:
        text = f"{item} · {self.ctx.services.get(service, service)}" if service else item
        if label(item, service) not in self.headed:
            return escape(text)
        return f"[{escape(text)}](#{anchor(label(item, service))})"

    def finding_link(self, finding: AuditFinding) -> str:
        return f"[{escape(finding.id)}](#{anchor(finding.id)})"

    def waived(self) -> None:
        waived = [r for r in self.r.results if r.waived]
        if not waived:
            return
        self.add("### Waived items", "",
                 "A waived item keeps its verdict: it counts in the findings and the score. "
                 "The waiver only exempts it from the CI gates.", "")
        self.add(*table(["Item", "Title", "Result", "Finding", "Waiver"], (
            [self.item_link(r.item, r.service), escape(r.title),
             self.ctx.result_labels[r.result],
             self.ctx.class_labels[r.finding_class] if r.finding_class else "none",
             escape(f"{waiver_words(r)}: {r.waiver.reason}" if r.waiver else "")]
            for r in waived)))

    def audit_findings(self) -> None:
        self.add("## Audit findings", "")
        if not self.r.findings:
            self.add("None: no requirement was found unmet on the assessed items.", "")
            return
        beside = " The 2011 clauses are shown beside." if self.ctx.edition == "2011" else ""
        self.add(f"{plural(len(self.r.findings), 'finding', 'findings')}, majors first. Each "
                 "cites the requirement of ISO/IEC 20000-1:2018 not met, with the item results "
                 f"as objective evidence.{beside}", "")
        for finding in self.r.findings:
            self.audit_finding(finding)

    def audit_finding(self, f: AuditFinding) -> None:
        clause = f"{f.clause.id} {escape(f.clause.title)}"
        older = ", ".join(c.id for c in f.clauses_2011)
        if self.ctx.edition == "2011" and older:
            clause += f" (2011: {escape(older)})"
        grade = self.ctx.class_labels[f.grade]
        seen, items = self.shown.evidence_seen(f), self.shown.finding_items(f)
        if f.raised:
            grade += f", raised from {self.ctx.class_labels[f.worst_item].lower()}: " \
                     f"{escape(f.raised)}"
        self.add(f"### {escape(f.id)}", "",
                 f"**{self.ctx.class_labels[f.grade]} · {escape(f.clause.title)}**", "",
                 f"- **Requirement:** ISO/IEC 20000-1:2018 {clause}",
                 f"- **Grade:** {grade}", f"- **Statement:** {escape(f.statement)}",
                 f"- **Evidence seen:** {_list(seen.rows, seen.more)}",
                 f"- **Missing:** {_list(f.missing)}")
        if f.recommendations:
            self.add(f"- **Recommendations:** {_list(f.recommendations)}")
        services = ", ".join(self.ctx.services.get(s, s) for s in f.services)
        self.add(f"- **Services:** {escape(services or 'all in scope')} · "
                 f"**Scenarios:** {escape(', '.join(f.scenarios))}")
        if f.document:
            self.add(f"- **Document:** {escape(f.document)}")
        if f.waived:
            self.add("- **Waived:** every item is under an active waiver (exempt from the CI "
                     "gates only)")
        if items.more:
            self.add("", f"Objective evidence: {len(f.items)} item results, the first "
                     f"{len(items.rows)} below; the JSON and CSV reports list every one.")
        self.add("", *table(["Item", "Title", "Class", "Reasons", "Notes", "Evidence seen",
                             "Missing"], (self.finding_item(i) for i in items.rows)))

    def finding_item(self, i: FindingItem) -> list[str]:
        klass = (self.ctx.class_labels[i.finding_class] if i.finding_class
                 else self.ctx.result_labels[i.result])
        return [self.item_link(i.item, i.service), escape(i.title),
                klass + (" (waived)" if i.waived else ""), escape("; ".join(i.reasons)),
                escape(i.notes or ""), escape("; ".join(i.evidence)),
                escape("; ".join(i.missing))]

    def repository(self) -> None:
        problems = [p for p in self.r.validation if is_repository_problem(p)]
        self.add("## Repository problems", "",
                 "Problems of the evidence repository itself: broken references, files changed "
                 "since they were locked, schema and data problems. They are not audit "
                 "findings and count in no score or finding; at error level they fail the "
                 "`repository` gate. A controlled document changed after approval also "
                 "yields one document-control observation under Audit findings.", "")
        if not problems:
            self.add("None.", "")
            return
        self.add(*table(["Level", "Code", "Message", "Item", "Location"], (
            [p.level, escape(p.code), escape(p.message),
             self.item_link(p.item, p.service) if p.item else "", where_text(p)]
            for p in problems)))

    def validation(self) -> None:
        self.add("## Validation", "", "Every finding of the checks. Repository problems are "
                 "also listed apart; the others bear on the verdicts.", "")
        if not self.r.validation:
            self.add("No validation problems.", "")
            return
        self.add(*table(["Level", "Code", "Kind", "Message", "Location"], (
            [p.level, escape(p.code),
             "repository problem" if is_repository_problem(p) else "audit",
             escape(p.message), where_text(p)] for p in self.r.validation)))
