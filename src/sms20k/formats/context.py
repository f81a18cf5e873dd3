"""What every report format shows, arranged once: the shared context of HTML, Markdown,
PDF and user templates (documented in docs/templates.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sms20k.assessment.model import (
    CLASS_LABELS,
    FINDING_CLASSES,
    RESULT_LABELS,
    CitedClause,
    ClauseScore,
    EvidenceRef,
    ItemResult,
    Report,
)
from sms20k.formats.interface import RenderOptions
from sms20k.safetext import safe_href


@dataclass(frozen=True)
class Group:
    """A heading of the detail section (a scenario or a clause) and its results."""

    key: str
    title: str
    score: float | None
    results: list[ItemResult]


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

    def label(self, result: ItemResult) -> str:
        return f"{result.item} · {self.services.get(result.service, result.service)}" \
            if result.service else result.item

    def anchor(self, result: ItemResult) -> str:
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

