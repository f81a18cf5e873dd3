"""How much item-level detail the human-readable reports write out (issue 18): the HTML,
the PDF printed from it, and the Markdown.

A report of thousands of results cannot show each one in full and stay a file a browser
opens quickly, a PDF printed in seconds or a Markdown page a repository browser renders:
past a bound, these reports detail the results that matter most and summarize the rest,
whose full detail is in the JSON and CSV reports. The bounds are far above a real assessment
(the example has 222 results; its largest finding cites 9 items and 21 references), so a
real report is shown whole. The PDF prints a summary of the items in place of their details
unless ``RenderOptions.pdf_details`` asks for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, TypeVar

from sms20k.assessment.model import (
    CLASS_RANK,
    RESULT_LABELS,
    AuditFinding,
    FindingItem,
    ItemResult,
)
from sms20k.formats.context import Cited, Group, ReportContext

DETAILED = 300
"""Results written out in full at most (a not-assessed one listed in a line counts too)."""
FINDING_ITEMS = 12
"""Item results listed under one audit finding at most."""
EVIDENCE_SEEN = 40
"""References listed as an audit finding's evidence seen at most."""
CLASS_ROWS = 100
"""Rows of one finding class in the item findings at most."""
_CRITICALITY = {"high": 0, "medium": 1, "low": 2}

T = TypeVar("T")


@dataclass(frozen=True)
class Cut(Generic[T]):
    """The first rows of a list that a report shows, and how many it leaves out."""

    rows: Sequence[T]
    more: int


def cut(rows: Sequence[T], limit: int) -> Cut[T]:
    return Cut(rows[:limit], max(0, len(rows) - limit))


@dataclass
class Budget:
    ctx: ReportContext
    printed: bool = False
    """For the PDF: item details only when ``options.pdf_details`` asks for them."""

    @cached_property
    def details(self) -> bool:
        """Whether the report has an item details section with a card per result."""
        return not self.printed or self.ctx.options.pdf_details

    @cached_property
    def detailed(self) -> frozenset[str]:
        """The anchors of the results written out in full: all of them while they are at
        most ``DETAILED``, else the ``DETAILED`` most severe (finding class, then criticality,
        then report order)."""
        if not self.details:
            return frozenset()
        results = self.ctx.report.results
        if len(results) > DETAILED:
            results = sorted(results, key=lambda r: (
                CLASS_RANK.get(r.finding_class or "", len(CLASS_RANK)),
                _CRITICALITY[r.criticality]))[:DETAILED]
        return frozenset(self.ctx.anchor(r) for r in results)

    @cached_property
    def whole(self) -> bool:
        """Every result is written out in full."""
        return len(self.detailed) == len(self.ctx.report.results)

    def href(self, result: Cited) -> str | None:
        """``#item-…`` when the result is written out in full, else None (no link)."""
        anchor = self.ctx.anchor(result)
        return f"#{anchor}" if anchor in self.detailed else None

    def shown(self, result: ItemResult) -> bool:
        return self.ctx.anchor(result) in self.detailed

    def of(self, results: Sequence[ItemResult]) -> list[ItemResult]:
        """Those of ``results`` written out in full, in their order (a filter in the template
        cost ten times as much: Jinja's call of ``shown`` for each of 10k results)."""
        return list(results) if self.whole else [r for r in results if self.shown(r)]

    def unplaced(self, placed: Container[str]) -> list[ItemResult]:
        """The results written out in full whose anchor is not in ``placed``: those the
        grouping by clause leaves out (mapped to no leaf clause)."""
        anchor = self.ctx.anchor
        return [r for r in self.of(self.ctx.report.results) if anchor(r) not in placed]

    def left_out(self, group: Group) -> list[tuple[str, int]]:
        """The results of a group not written out, counted by result, in words."""
        counts = Counter(r.result for r in group.results if not self.shown(r))
        labels = self.ctx.result_labels
        return [(labels[result].lower(), n) for result, n in counts.items()]

    def finding_items(self, finding: AuditFinding) -> Cut[FindingItem]:
        return cut(finding.items, FINDING_ITEMS)

    def evidence_seen(self, finding: AuditFinding) -> Cut[str]:
        return cut(finding.evidence_seen, EVIDENCE_SEEN)

    def class_rows(self, results: list[ItemResult]) -> Cut[ItemResult]:
        return cut(results, CLASS_ROWS)

    @cached_property
    def group_counts(self) -> list[tuple[Group, Counter[str]]]:
        """Each detail group with its results counted by result, for the PDF's summary."""
        return [(group, Counter(r.result for r in group.results)) for group in self.ctx.groups]

    @cached_property
    def result_columns(self) -> list[tuple[str, str]]:
        """The results that occur, in the order of their labels: the summary's columns."""
        found = {r.result for r in self.ctx.report.results}
        return [(key, label) for key, label in RESULT_LABELS.items() if key in found]
