"""The DOCX report's sections about findings: the audit findings with their statements and
recommendations, the corrective action plan, the item details and the repository problems."""

from __future__ import annotations

from sms20k.assessment.model import AuditFinding, ItemResult, PlannedAction
from sms20k.formats.context import ReportContext
from sms20k.formats.docx_writer import DocxWriter
from sms20k.formats.markdown_actions import GRADES
from sms20k.formats.text import action_words, missing_words, plural, waiver_words


def _lines(values: list[str]) -> str:
    return "\n".join(values) if values else "none"


class FindingSections:
    def __init__(self, w: DocxWriter, ctx: ReportContext) -> None:
        self.w, self.ctx, self.r = w, ctx, ctx.report

    def audit_findings(self) -> None:
        w, findings = self.w, self.r.findings
        if not w.section("Audit findings", 1, findings,
                         "None: no requirement was found unmet on the assessed items."):
            return
        w.para(f"{plural(len(findings), 'finding', 'findings')}, majors first. Each cites the "
               "requirement of ISO/IEC 20000-1:2018 not met, with the item results as "
               "objective evidence, and says what would close it.")
        for finding in findings:
            self.audit_finding(finding)

    def audit_finding(self, f: AuditFinding) -> None:
        w, labels = self.w, self.ctx.class_labels
        w.heading(f"{f.id} {labels[f.grade]}: {f.document or f.clause.title}", 2)
        grade = labels[f.grade]
        if f.raised:
            grade += f", raised from {labels[f.worst_item].lower()}: {f.raised}"
        older = ", ".join(f"{c.id} {c.title}" for c in f.clauses_2011)
        facts = [("Requirement", f"ISO/IEC 20000-1:2018 {f.clause.id} {f.clause.title}"),
                 ("2011 clauses", older or "none"), ("Grade", grade),
                 ("Statement", f.statement), ("Evidence seen", _lines(f.evidence_seen)),
                 ("Missing", _lines(f.missing)),
                 ("Services", ", ".join(self.ctx.service_names(f.services)) or "all in scope"),
                 ("Scenarios", ", ".join(f.scenarios)),
                 ("Corrective actions", ", ".join(f.actions) or "none recorded")]
        if f.document:
            facts.insert(3, ("Document", f.document))
        if f.waived:
            facts.append(("Waived", "every item is under an active waiver (exempt from the CI "
                          "gates only; the finding stands)"))
        w.facts(facts)
        if f.recommendations:
            w.para(bold="Recommendations")
            w.bullets(f.recommendations)
        w.table(["Item", "Title", "Class", "Reasons", "Notes"], (
            [i.label, i.title,
             (labels[i.finding_class] if i.finding_class else self.ctx.result_labels[i.result])
             + (" (waived)" if i.waived else ""), "; ".join(i.reasons), i.notes or ""]
            for i in f.items), (2.4, 4.0, 2.4, 4.2, 3.0))

    def actions(self) -> None:
        w, rows = self.w, self.r.actions
        if not w.section("Corrective action plan", 1, rows, "None: no nonconformity was "
                         "raised and no corrective action is recorded."):
            return
        w.para(f"{plural(len(rows), 'row', 'rows')}, worst grade first, then by due date; "
               f"overdue as of {self.r.meta.as_of}. "
               f"{action_words(self.r.summary.actions).capitalize()}.")
        w.table(["Action", "Finding", "Grade", "Correction, root cause, corrective action",
                 "Owner", "Due", "State"], (self._action(a) for a in rows),
                (2.0, 2.6, 1.6, 5.2, 1.8, 1.8, 2.0))

    def _action(self, a: PlannedAction) -> list[str]:
        finding = a.finding or "not raised"
        if a.clause is not None:
            finding += f" {a.clause.title}"
        if a.item:
            finding += f" · {a.item}" + (f" ({a.service})" if a.service else "")
        plan = [f"{label}: {value}" for label, value in (
            ("Correction", a.correction), ("Root cause", a.root_cause),
            ("Corrective action", a.corrective_action)) if value]
        ticket = f"\nticket {a.ticket}" if a.ticket else ""
        state = ("OVERDUE: " if a.overdue else "") + a.state
        return [(a.id or "none") + ticket, finding, GRADES.get(a.grade or "", "—"),
                "\n".join(plan) or "—", a.owner or "", a.due or "", state]

    def details(self) -> None:
        w = self.w
        w.heading("Item details", 1)
        w.para(f"Ordered by {self.ctx.options.by}. Each assessed result shows its verdict, the "
               "evidence expected and the evidence seen; results not assessed are listed.")
        for group in self.ctx.groups:
            w.heading(f"{group.key} {group.title}", 2)
            w.para(f"Score {self.ctx.score_label(group)} · "
                   f"{plural(len(group.results), 'result', 'results')}, "
                   f"{len(group.assessed)} assessed")
            for result in group.assessed:
                self.item(result)
            if group.not_assessed:
                w.para(bold="Not assessed")
                w.bullets(f"{r.label} {r.title}: {'; '.join(r.reasons)}"
                          for r in group.not_assessed)

    def item(self, r: ItemResult) -> None:
        w, ctx = self.w, self.ctx
        w.heading(f"{ctx.label(r)} {r.title}", 3)
        cited = ", ".join(f.id for f in ctx.findings_of(r))
        facts = [("Result", ctx.result_labels[r.result]
                  + (f"; {ctx.class_labels[r.finding_class]}" if r.finding_class else "")
                  + (f" (audit finding {cited})" if cited else "")),
                 ("Criticality", r.criticality),
                 (f"Clauses ({ctx.edition})", "\n".join(f"{c.id} {c.title}"
                                                        for c in ctx.result_clauses(r)) or "none"),
                 ("Status", r.status or "none"), ("Owner", r.owner or "none"),
                 ("Last review", r.reviewed or "none")]
        facts += [(k, v) for k, v in (
            ("Notes", r.notes), ("Justification", r.justification),
            ("Waiver", f"{waiver_words(r)}: {r.waiver.reason}" if r.waiver else None),
            ("Reasons", "; ".join(r.reasons)),
            ("Missing evidence", "; ".join(missing_words(r.evidence_checks))),
            ("Recommendation", r.recommendation)) if v]
        w.facts(facts)
        if r.evidence_checks:
            w.table(["Expected evidence", "Level", "Cadence", "State"], (
                [f"{c.kind}: {c.description}", c.level, ctx.cadence(c.cadence),
                 ctx.check_state(c)] for c in r.evidence_checks), (7.0, 2.2, 2.8, 4.0))
        if not r.evidence:
            w.para("No evidence listed.")
            return
        w.para(bold="Evidence seen")
        for ev in r.evidence:
            dated = ", ".join(f"{k} {v}" for k, v in (("version", ev.version),
                              ("approved", ev.approved), ("reviewed", ev.reviewed)) if v)
            w.link(f"{ev.description} ({ev.target})" + (f"; {dated}" if dated else ""),
                   ev.target if ev.type == "url" else None, bullet=True)

    def repository(self) -> None:
        w, problems = self.w, self.ctx.repository_problems
        if not w.section("Repository problems", 1, problems, "None.", intro=(
                "Problems of the evidence repository itself (broken references, files changed "
                "since they were locked, data problems). They are not audit findings and count "
                "in no score.")):
            return
        w.table(["Level", "Code", "Message", "Location"],
                ([p.level, p.code, p.message, p.where()] for p in problems),
                (1.8, 3.4, 7.6, 3.2))
