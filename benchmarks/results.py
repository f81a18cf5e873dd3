"""The rows of the benchmark's table: ratios, targets, and the table and JSON they make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from measure import CommandFailed, Samples

OURS_OVER_BASE = "ours/base"
BASE_OVER_OURS = "base/ours"


@dataclass(frozen=True)
class Target:
    op: str
    limit: float
    unit: str = "x"

    def met(self, value: float) -> bool:
        return value <= self.limit if self.op == "<=" else value >= self.limit

    def text(self) -> str:
        return f"{self.op} {self.limit:g}{'x' if self.unit == 'x' else ' ' + self.unit}"

    def data(self) -> dict[str, Any]:
        return {"op": self.op, "limit": self.limit, "unit": self.unit, "text": self.text()}


@dataclass
class Row:
    """One line of the table; ``measure`` says what ``result`` is and ``value`` is its number
    (a ratio, or megabytes for peak RSS)."""

    case: str
    command: str
    ours: Samples | None = None
    baseline: str = ""
    base: Samples | None = None
    measure: str = ""
    result: str = ""
    target: Target | None = None
    met: bool | None = None
    note: str = ""
    value: float | None = None

    def data(self) -> dict[str, Any]:
        return {"case": self.case, "command": self.command,
                "ours": self.ours.data() if self.ours else None,
                "baseline": self.baseline, "base": self.base.data() if self.base else None,
                "measure": self.measure, "value": self.value, "result": self.result,
                "target": self.target.data() if self.target else None, "met": self.met,
                "note": self.note}


def compare(case: str, ours_label: str, ours: Samples, base_label: str, base: Samples,
            target: Target | None = None, *, inverse: bool = False, note: str = "",
            measure: str | None = None) -> Row:
    """Our median time over the baseline's; with ``inverse`` the baseline's over ours
    (how many times faster we are, or our throughput over the baseline's)."""
    ratio = base.median / ours.median if inverse else ours.median / base.median
    return Row(case, ours_label, ours, base_label, base,
               measure or (BASE_OVER_OURS if inverse else OURS_OVER_BASE), f"{ratio:.2f}x",
               target, target.met(ratio) if target else None, note, value=ratio)


def failed(case: str, exc: CommandFailed) -> Row:
    return Row(case, "", note=f"ERROR: {exc}")


HEADER = ("Case", "Command", "Median s", "Min-max s", "Baseline", "Median s", "Measure",
          "Result", "Target", "Met", "Notes")


def cells(row: Row) -> tuple[str, ...]:
    met = "" if row.met is None else ("met" if row.met else "NOT MET")
    return (row.case, row.command,
            f"{row.ours.median:.3f}" if row.ours else "", row.ours.span if row.ours else "",
            row.baseline, f"{row.base.median:.3f}" if row.base else "", row.measure, row.result,
            row.target.text() if row.target else "", met, row.note)


def table(rows: Sequence[Row]) -> str:
    grid = [HEADER, *map(cells, rows)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(HEADER))]
    right = {2, 3, 5, 7}

    def line(values: Sequence[str]) -> str:
        parts = [v.rjust(w) if i in right else v.ljust(w)
                 for i, (v, w) in enumerate(zip(values, widths, strict=True))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(HEADER), rule, *(line(values) for values in grid[1:])])
