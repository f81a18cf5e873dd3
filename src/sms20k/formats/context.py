"""What every report format shows, arranged once: the shared context of HTML, Markdown,
PDF and user templates (documented in docs/templates.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from sms20k.assessment.model import (
    CLASS_LABELS,
    FINDING_CLASSES,
    RESULT_LABELS,
    AuditFinding,
    CitedClause,
    ClauseScore,
    Coverage,
    EvidenceCheck,
    EvidenceRef,
    ItemResult,
    Report,
    ScenarioScore,
)
from sms20k.codes import is_repository_problem
from sms20k.duration import parse_duration
from sms20k.findings import Finding
from sms20k.formats.interface import RenderOptions
from sms20k.formats.text import coverage_phrase, items_in_scope, percent, shorten, waiver_words
from sms20k.safetext import safe_href
from sms20k.scores import score_text

NOTES_LIMIT = 120
"""Characters of the assessor's notes a table shows; the item details show them all."""
WEAKEST = 5
"""How many of the weakest clauses the executive summary names."""
_UNITS = (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"))


class Cited(Protocol):
    """A result, a gap or a finding's item: anything that names an item and a service."""

    @property
    def item(self) -> str: ...

    @property
    def service(self) -> str | None: ...


@dataclass(frozen=True)
class Group:
    """A heading of the detail section (a scenario or a clause) and its results."""

    key: str
    title: str
    score: float | None
    results: list[ItemResult]

    @property
    def assessed(self) -> list[ItemResult]:
        return [r for r in self.results if r.assessed]

    @property
    def not_assessed(self) -> list[ItemResult]:
        return [r for r in self.results if not r.assessed]


@dataclass
class ReportContext:
    report: Report
    options: RenderOptions
    class_labels: dict[str, str] = field(default_factory=lambda: dict(CLASS_LABELS))
    result_labels: dict[str, str] = field(default_factory=lambda: dict(RESULT_LABELS))

    @cached_property
    def edition(self) -> str:
        return "2018" if self.options.edition == "2018" else "2011"

    @cached_property
    def standard(self) -> str:
        return f"ISO/IEC 20000-1:{self.edition}"

    @cached_property
    def clauses(self) -> list[ClauseScore]:
        return self.report.clauses_2018 if self.edition == "2018" else self.report.clauses_2011

    @cached_property
    def leaf_clauses(self) -> list[ClauseScore]:
        return [c for c in self.clauses if c.leaf]

    @cached_property
    def top_clauses(self) -> list[ClauseScore]:
        return [c for c in self.clauses if c.depth == 0]

    def result_clauses(self, result: ItemResult) -> list[CitedClause]:
        return result.clauses_2018 if self.edition == "2018" else result.clauses_2011

    @cached_property
    def services(self) -> dict[str, str]:
        return {s.id: s.name for s in self.report.scope.services}

    def label(self, result: Cited) -> str:
        return f"{result.item} · {self.services.get(result.service, result.service)}" \
            if result.service else result.item

    def anchor(self, result: Cited) -> str:
        return f"item-{result.item}" + (f"-{result.service}" if result.service else "")

    @cached_property
    def groups(self) -> list[Group]:
        """The detail section's headings with their results, in one pass over the results."""
        by_key: dict[str, list[ItemResult]] = {}
        if self.options.by == "clause":
            for result in self.report.results:
                for clause in self.result_clauses(result):
                    by_key.setdefault(clause.id, []).append(result)
            return [Group(c.id, c.title, c.score, by_key[c.id]) for c in self.leaf_clauses
                    if c.id in by_key]
        for result in self.report.results:
            by_key.setdefault(result.scenario, []).append(result)
        return [Group(s.id, s.title, s.score, by_key.get(s.id, [])) for s in self.report.scenarios]

    @cached_property
    def findings_by_class(self) -> dict[str, list[ItemResult]]:
        order = {(g.item, g.service): g.rank for g in self.report.gaps}
        grouped: dict[str, list[ItemResult]] = {k: [] for k in FINDING_CLASSES}
        for result in self.report.results:
            if result.finding_class:
                grouped[result.finding_class].append(result)
        for results in grouped.values():
            results.sort(key=lambda r: (order.get((r.item, r.service), 10**9), r.item))
        return grouped

    def link(self, evidence: EvidenceRef) -> str | None:
        """An href that is safe to put in a report: a relative repository path or a web URL."""
        return safe_href(evidence.type, evidence.link, self.options.link_prefix)


    # -- format 2: coverage, audit findings, waivers, repository problems ---------------------

    @cached_property
    def coverage(self) -> Coverage:
        s = self.report.summary
        if s.coverage is not None:
            return s.coverage
        return Coverage(assessed=s.assessed, in_scope=s.items_in_scope, percent=None,
                        not_assessed_scenarios=[])

    @cached_property
    def coverage_percent(self) -> str:
        """A whole percentage that reads 100% or 0% only when it is exactly that."""
        return percent(self.coverage.assessed, self.coverage.in_scope)

    @cached_property
    def coverage_text(self) -> str:
        """``50 of 176 items assessed (28%)``; results and items named apart when items are
        judged per service (formats.text.coverage_phrase)."""
        return coverage_phrase(self.coverage.assessed, self.coverage.in_scope,
                               items_in_scope(self.report))

    def not_assessed(self, row: ScenarioScore | ClauseScore | Group) -> bool:
        """Nothing of a scenario, clause or detail group was assessed (and it has items)."""
        if isinstance(row, Group):
            return bool(row.results) and not row.assessed
        if isinstance(row, ScenarioScore) and row.assessed is not None:
            return row.items > 0 and row.assessed == 0
        return row.items > 0 and row.counts.results.get("not-assessed", 0) == row.items

    def score_label(self, row: ScenarioScore | ClauseScore | Group) -> str:
        """The score as shown beside a scenario or clause: ``not assessed`` is never 0%."""
        return "not assessed" if self.not_assessed(row) else score_text(row.score)

    @cached_property
    def assessed_scenarios(self) -> list[ScenarioScore]:
        """The scenarios with a score from assessed items, weakest first."""
        return sorted((s for s in self.report.scenarios
                       if s.score is not None and not self.not_assessed(s)),
                      key=lambda s: s.score or 0.0)

    @cached_property
    def weakest_clauses(self) -> list[ClauseScore]:
        """The lowest-scoring assessed leaf clauses of 2018 (at most ``WEAKEST``), weakest
        first, ties in clause order; a clause at 100% is never among them."""
        scored = [c for c in self.report.clauses_2018
                  if c.leaf and c.score is not None and c.score < 100 and not self.not_assessed(c)]
        return sorted(scored, key=lambda c: c.score or 0.0)[:WEAKEST]

    @cached_property
    def unassessed_scenarios(self) -> list[ScenarioScore]:
        ids = set(self.coverage.not_assessed_scenarios)
        return [s for s in self.report.scenarios if s.id in ids or self.not_assessed(s)]

    @cached_property
    def findings_by_grade(self) -> dict[str, list[AuditFinding]]:
        grouped: dict[str, list[AuditFinding]] = {k: [] for k in FINDING_CLASSES}
        for finding in self.report.findings:
            grouped[finding.grade].append(finding)
        return grouped

    @cached_property
    def finding_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.report.findings)

    def finding_anchor(self, finding: AuditFinding) -> str:
        return f"finding-{finding.id}"

    @cached_property
    def _findings_of(self) -> dict[tuple[str, str | None], list[AuditFinding]]:
        cited: dict[tuple[str, str | None], list[AuditFinding]] = {}
        for finding in self.report.findings:
            for item in finding.items:
                mine = cited.setdefault((item.item, item.service), [])
                if finding not in mine:
                    mine.append(finding)
        return cited

    def findings_of(self, result: Cited) -> list[AuditFinding]:
        """The audit findings that cite ``result`` as objective evidence."""
        return self._findings_of.get((result.item, result.service), [])

    def service_names(self, ids: list[str]) -> list[str]:
        return [self.services.get(i, i) for i in ids]

    @cached_property
    def waived_results(self) -> list[ItemResult]:
        return [r for r in self.report.results if r.waived]

    def waiver_text(self, result: ItemResult) -> str | None:
        """``waived until 2027-06-30 by CFO``, ``waiver expired 2026-10-01``, or None."""
        return waiver_words(result)

    @cached_property
    def repository_problems(self) -> list[Finding]:
        return [p for p in self.report.validation if is_repository_problem(p)]

    @cached_property
    def audit_checks(self) -> list[Finding]:
        """The validation findings that bear on verdicts (stale evidence, no evidence …)."""
        return [p for p in self.report.validation if not is_repository_problem(p)]

    def check_state(self, check: EvidenceCheck) -> str:
        """``provided, dated 2026-03-01``, ``stale since 2026-01-01``, ``missing``, …"""
        if check.state == "provided":
            return f"provided, dated {check.dated}" if check.dated else "provided, undated"
        if check.state == "stale":
            return f"stale since {check.stale_since}" if check.stale_since else "stale"
        if check.state == "unusable":
            return "unusable: its reference is broken (see repository problems)"
        return "missing"

    def shorten(self, text: str, limit: int = NOTES_LIMIT) -> str:
        return shorten(text, limit)

    def cadence(self, cadence: str) -> str:
        """``P1Y`` as ``every year``, ``P3M`` as ``every 3 months``; else as written."""
        try:
            d = parse_duration(cadence)
        except ValueError:
            return cadence
        parts = [f"{n} {one if n == 1 else many}" for n, (one, many) in
                 zip((d.years, d.months, d.weeks, d.days), _UNITS, strict=True) if n]
        if len(parts) == 1 and parts[0].startswith("1 "):
            return f"every {parts[0][2:]}"
        return "every " + " ".join(parts) if parts else cadence

    def listed_only(self, result: ItemResult) -> bool:
        """Not assessed and nothing recorded to show: one line in the details, not a card."""
        return not result.assessed and result.status in (None, "not-assessed")

    @cached_property
    def _anchors(self) -> set[str]:
        return {self.anchor(r) for r in self.report.results}

    def result_anchor(self, item: str, service: str | None) -> str | None:
        """The detail anchor of an item result, or None when the report has no such result."""
        anchor = f"item-{item}" + (f"-{service}" if service else "")
        return anchor if anchor in self._anchors else None
