"""The DOCX report, section by section: the cover, contents, executive summary, scope,
scores, then the findings (docx_findings), the method appendix and the sign-off block."""

from __future__ import annotations

from sms20k.assessment.model import FINDING_CLASSES, ClauseScore, ScenarioScore
from sms20k.formats.context import ReportContext
from sms20k.formats.docx_charts import Charts
from sms20k.formats.docx_findings import FindingSections
from sms20k.formats.docx_writer import TEXT_WIDTH_CM, DocxWriter
from sms20k.formats.markdown_report import GRADE_NOUNS
from sms20k.formats.text import action_words, grade_words, plural
from sms20k.scores import score_text

NAMED = 5
"""Findings or clauses a summary sentence names before the rest are only counted."""
SITUATIONS = (
    ("not-implemented", "Not implemented", "nonconformant"),
    ("planned", "Planned, not yet implemented", "nonconformant"),
    ("partial", "Partially implemented", "partially-conformant"),
    ("no-evidence", "Claimed implemented, no evidence", "nonconformant"),
    ("missing-evidence", "Implemented, a required kind of evidence missing",
     "partially-conformant"),
    ("stale-evidence", "Implemented, a required kind of evidence stale", "partially-conformant"),
)
SIGNATORIES = ("Prepared by", "Reviewed by", "Approved by (client)")


class ReportSections(FindingSections):
    def __init__(self, w: DocxWriter, ctx: ReportContext) -> None:
        super().__init__(w, ctx)
        self.charts = Charts(ctx)

    def cover(self) -> None:
        m, w = self.r.meta, self.w
        w.title(m.title, m.organization)
        w.para(f"Gap assessment against {self.ctx.standard}, following the cloud service "
               "scenarios of ISO/IEC TR 20000-9")
        w.facts([("Client", m.organization), ("Assessment", m.title), ("Assessor", m.assessor),
                 ("Reference", m.reference or "none"), ("Assessment date", m.date),
                 ("Evidence as of", m.as_of),
                 ("Version", f"checklist content {m.content_version or 'unknown'}; {m.tool}"),
                 ("Marking", self.ctx.options.issue_marking or "none")])
        if m.organization_description:
            w.para(m.organization_description)
        w.page_break()
        w.para(bold="Contents")
        w.toc()
        w.page_break()

    def summary(self) -> None:
        s, w = self.r.summary, self.w
        w.heading("Executive summary", 1)
        w.pictures([self.charts.gauge(s.score, "Score of the assessed items"),
                    self.charts.gauge(self.ctx.coverage.percent, "Coverage",
                                      self.ctx.coverage_percent, False)], 4.0,
                   f"Score of the assessed items {score_text(s.score)}; coverage "
                   f"{self.ctx.coverage_text}")
        w.facts([("Score", f"{score_text(s.score)}, weighted by criticality, over the assessed "
                  "items only"),
                 ("Coverage", f"{self.ctx.coverage_text}, as of {self.r.meta.as_of}"),
                 ("Audit findings", grade_words(s.findings)),
                 ("Corrective actions", action_words(s.actions)),
                 ("Waived items", str(s.waived)),
                 ("Repository problems", str(len(self.ctx.repository_problems)))])
        for sentence in self.sentences():
            w.para(sentence)
        gaps = self.r.gaps[:10]
        if not w.section(f"Top gaps ({len(gaps)} of {len(self.r.gaps)})", 2, gaps,
                         "No gaps: every assessed item is conformant."):
            return
        w.table(["#", "Item", "Title", "Class", "Why"],
                ([g.rank, self.ctx.label(g), g.title, self.ctx.class_labels[g.finding_class],
                  g.reason] for g in gaps), (0.8, 2.6, 5.0, 2.6, 5.0))

    def sentences(self) -> list[str]:
        said = []
        grades = self.ctx.findings_by_grade
        for grade in FINDING_CLASSES:
            mine = grades[grade]
            if not mine:
                continue
            named = "; ".join(f"{f.id} " + (f"{f.document} changed after approval"
                                             if f.document else f.clause.title)
                              for f in mine[:NAMED])
            more = f" and {len(mine) - NAMED} more" if len(mine) > NAMED else ""
            said.append(f"{plural(len(mine), *GRADE_NOUNS[grade]).capitalize()}: "
                        f"{named}{more}.")
        if not self.r.findings:
            said.append("No audit findings were raised on the assessed items.")
        weakest = self.ctx.weakest_clauses
        if weakest:
            said.append(f"The weakest clauses of {self.ctx.standard} are " + "; ".join(
                f"{c.id} {c.title} at {score_text(c.score)}" for c in weakest) + ".")
        scored = self.ctx.assessed_scenarios
        if len(scored) > 1:
            low, high = scored[0], scored[-1]
            said.append(f"Of the assessed scenarios, the weakest is {low.id} {low.title} at "
                        f"{score_text(low.score)} and the strongest {high.id} {high.title} at "
                        f"{score_text(high.score)}.")
        if self.ctx.unassessed_scenarios:
            said.append("Not assessed, and so neither failed nor passed: " + "; ".join(
                f"{s.id} {s.title}" for s in self.ctx.unassessed_scenarios) + ".")
        return said

    def scope(self) -> None:
        sc, w = self.r.scope, self.w
        w.heading("Scope and exclusions", 1)
        w.para(sc.role, bold="Role:")
        w.table(["Service", "Name", "Categories", "Deployment models", "Tenancy"],
                ([v.id, v.name, ", ".join(v.categories), ", ".join(v.deployment_models),
                  ", ".join(v.tenancy or []) or "—"] for v in sc.services))
        if sc.per_service:
            w.para(", ".join(sc.per_service), bold="Assessed once per service:")
        if sc.not_applicable:
            w.para(", ".join(sc.not_applicable), bold="Not applicable to any service in scope:")
        if not sc.exclusions:
            w.para("No exclusions.")
            return
        w.heading("Exclusions", 2)
        w.table(["Excluded", "Title", "Justification", "Items"],
                ([e.id, e.title, e.justification, ", ".join(e.items)] for e in sc.exclusions),
                (2.4, 4.0, 6.6, 3.0))

    def scores(self) -> None:
        w, ctx = self.w, self.ctx
        w.heading("Scores", 1)
        w.para("Scores are weighted by criticality, over the assessed items only: not "
               "applicable and not assessed results are left out, and a scenario or clause of "
               "which nothing was assessed reads \"not assessed\", never 0%. Colours: green 80% "
               "and above, amber 50% to 79.9%, red below 50%.")
        w.heading("By scenario", 2)
        w.picture(self.charts.bars(self.r.scenarios, "Score by scenario"), TEXT_WIDTH_CM,
                  "Score by scenario")
        w.table(["Scenario", "Title", "Score", "Results", "Major", "Minor", "Obs.", "OFI"],
                (self._score_row(s) for s in self.r.scenarios),
                (1.4, 6.0, 2.2, 1.6, 1.2, 1.2, 1.2, 1.2))
        w.heading(f"By clause of {ctx.standard}", 2)
        w.picture(self.charts.bars(ctx.top_clauses, f"Score by top-level clause of "
                                   f"{ctx.standard}"), TEXT_WIDTH_CM, "Score by top-level clause")
        w.picture(self.charts.heatmap(f"Heat map of leaf clauses of {ctx.standard}"),
                  TEXT_WIDTH_CM, f"Heat map of the {len(ctx.leaf_clauses)} leaf clauses "
                  "(a dash: no item maps to the clause)")
        w.table(["Clause", "Title", "Score", "Results", "Major", "Minor", "Obs.", "OFI"],
                (self._score_row(c) for c in ctx.leaf_clauses),
                (1.4, 6.0, 2.2, 1.6, 1.2, 1.2, 1.2, 1.2))

    def _score_row(self, row: ScenarioScore | ClauseScore) -> list[object]:
        return [row.id, row.title, self.ctx.score_label(row), row.items,
                *(row.counts.classes.get(k, 0) for k in FINDING_CLASSES)]

    def appendix(self) -> None:
        w, rules = self.w, self.r.rules
        w.heading("Appendix: method and rules", 1)
        w.para("Each checklist item in scope gets one result from the status recorded in the "
               "evidence repository, the quality of its evidence (present, usable, unchanged "
               "since approval, reviewed within its cadence) and any waiver, as of "
               f"{self.r.meta.as_of}. The finding class depends on the item's criticality:")
        w.table(["Situation", "Result", "High", "Medium", "Low"], (
            [label, self.ctx.result_labels[result],
             *(self._klass(rules.get(key), crit) for crit in ("high", "medium", "low"))]
            for key, label, result in SITUATIONS), (5.6, 3.2, 2.4, 2.4, 2.4))
        w.para("Item results are consolidated into audit findings: one per primary clause of "
               "ISO/IEC 20000-1:2018 not met, graded by its worst item and raised to major when "
               "minor results show a systemic failure; one document-control observation per "
               "controlled document changed after approval. What was not assessed is neither a "
               "failure nor a pass, and a problem of the evidence repository is never a "
               "finding against the client.")
        w.para("score = 100 × Σ(weight × item score) ÷ Σ(weight)", bold="Score:")  # noqa: RUF001
        w.para("The sums run over the assessed results. Not applicable and not assessed results "
               "are left out of both sums; waived items keep their score. An item assessed per "
               "service weighs its weight divided by the number of services.")

    def _klass(self, rule: object, criticality: str) -> str:
        value = rule.get(criticality) if isinstance(rule, dict) else None
        return self.ctx.class_labels.get(str(value), "no finding")

    def signoff(self) -> None:
        m, w = self.r.meta, self.w
        w.heading("Sign-off", 1)
        w.para("This report is final as issued." if self.ctx.options.final else
               "This report is a draft for review; it is not final until signed below.")
        w.table(["Role", "Name", "Position", "Date", "Signature"], (
            [role, m.assessor if n == 0 else "", "Assessor" if n == 0 else "",
             m.date if n == 0 else "", ""] for n, role in enumerate(SIGNATORIES)),
            (3.4, 3.6, 3.0, 2.4, 3.6), tall=True)


def write_report(w: DocxWriter, ctx: ReportContext) -> None:
    sections = ReportSections(w, ctx)
    for section in (sections.cover, sections.summary, sections.scope, sections.scores,
                    sections.audit_findings, sections.actions, sections.details,
                    sections.repository, sections.appendix, sections.signoff):
        section()
