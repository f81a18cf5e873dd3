"""Say what got faster or slower between two runs of benchmarks/run.py --json.

    python benchmarks/compare.py OLD.json NEW.json [--threshold PERCENT]

Rows are matched by case, command and baseline. For each, our median time in the new run
over the old one; a change counts only beyond noise: more than the threshold (10% unless
told) *and* outside the old run's min-max range. A peak RSS row is judged by its megabytes
the same way. Each row also shows its result and whether it met its target, old and new, and
how many cores other processes kept busy during its case in each run: a verdict where that
differs by more than a quarter of a core is marked, since the machine may have moved it.
It is a report, not a gate: the exit code is 0 whatever changed, and 2 only when a file
cannot be read as a benchmark's JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

SLOWER, FASTER, NOISE, ADDED, GONE, UNTIMED = (
    "SLOWER", "faster", "within noise", "new row", "gone", "no timings")
RSS = "peak RSS"
LOAD_DIFFERS = 0.25
"""Cores: a difference in what other processes used beyond this is flagged next to a verdict."""


@dataclass(frozen=True)
class Change:
    """One row of the comparison; ``old`` and ``new`` are what is compared (seconds, or
    megabytes for peak RSS), ``ratio`` new over old."""

    case: str
    command: str
    baseline: str
    verdict: str
    old: float | None = None
    new: float | None = None
    unit: str = "s"
    old_result: str = ""
    new_result: str = ""
    old_met: bool | None = None
    new_met: bool | None = None
    old_busy: float | None = None
    new_busy: float | None = None

    @property
    def load_differs(self) -> bool:
        """Other processes kept the machine busier in one run than in the other, so a
        verdict may be theirs rather than ours."""
        if self.old_busy is None or self.new_busy is None:
            return False
        return abs(self.new_busy - self.old_busy) > LOAD_DIFFERS

    @property
    def ratio(self) -> float | None:
        if self.old is None or self.new is None or self.old <= 0:
            return None
        return self.new / self.old

    @property
    def percent(self) -> float | None:
        ratio = self.ratio
        return None if ratio is None else (ratio - 1) * 100


def key(row: dict[str, Any]) -> tuple[str, str, str]:
    return (row["case"], row["command"], row["baseline"])


def figures(row: dict[str, Any]) -> tuple[float, float, float, str] | None:
    """What a row is judged by: (value, low, high, unit), or None without timings."""
    ours = row.get("ours")
    if not ours:
        return None
    if row.get("measure") == RSS:
        spread = ours.get("rss_mb") or [ours["peak_rss_mb"]]
        return float(ours["peak_rss_mb"]), min(spread), max(spread), "MB"
    return float(ours["median"]), float(ours["min"]), float(ours["max"]), "s"


def judge(old: tuple[float, float, float, str], new: float, threshold: float) -> str:
    value, low, high, _ = old
    if value <= 0:
        return NOISE
    change = new / value - 1
    if change > threshold and new > high:
        return SLOWER
    if change < -threshold and new < low:
        return FASTER
    return NOISE


def change(old: dict[str, Any] | None, new: dict[str, Any] | None,
           threshold: float = 0.10) -> Change:
    """How one row moved; either side may be missing (a row added or dropped)."""
    row = new or old
    assert row is not None
    case, command, baseline = key(row)
    results = {"old_result": (old or {}).get("result", ""),
               "new_result": (new or {}).get("result", ""),
               "old_met": (old or {}).get("met"), "new_met": (new or {}).get("met")}
    before, after = figures(old) if old else None, figures(new) if new else None
    if old is None or new is None:
        shown = after or before
        return Change(case, command, baseline, ADDED if old is None else GONE,
                      old=before[0] if before else None, new=after[0] if after else None,
                      unit=shown[3] if shown else "s", **results)
    if before is None or after is None:
        return Change(case, command, baseline, UNTIMED, **results)
    return Change(case, command, baseline, judge(before, after[0], threshold), old=before[0],
                  new=after[0], unit=after[3], **results)


def compare_runs(old: dict[str, Any], new: dict[str, Any],
                 threshold: float = 0.10) -> list[Change]:
    """Every row of the new run in its order, then the rows only the old run had."""
    before = {key(row): row for row in old["rows"]}
    after = {key(row): row for row in new["rows"]}
    changes = [change(before.get(k), row, threshold) for k, row in after.items()]
    changes += [change(row, None, threshold) for k, row in before.items() if k not in after]
    return [replace(c, old_busy=_busy(old, c.case), new_busy=_busy(new, c.case))
            for c in changes]


def _busy(doc: dict[str, Any], case: str) -> float | None:
    """Cores other processes kept busy during the case (case 6 reuses the timings of 2)."""
    busy = doc.get("cores_kept_busy") or {}
    found = busy.get("2 parsing" if case.startswith("6 ") else case)
    return float(found) if isinstance(found, (int, float)) else None


def _met(value: bool | None) -> str:
    return "" if value is None else ("met" if value else "NOT MET")


def _cells(c: Change) -> tuple[str, ...]:
    def number(value: float | None) -> str:
        return "" if value is None else (f"{value:,.0f}" if c.unit == "MB" else f"{value:.3f}")

    ratio, percent = c.ratio, c.percent
    result = c.new_result if c.old_result == c.new_result else \
        f"{c.old_result or '-'} -> {c.new_result or '-'}"
    met = _met(c.new_met) if c.old_met == c.new_met else \
        f"{_met(c.old_met) or '-'} -> {_met(c.new_met) or '-'}"
    verdict = c.verdict
    if c.load_differs and verdict in (SLOWER, FASTER):
        verdict += " (load differs)"
    busy = "" if c.old_busy is None or c.new_busy is None else \
        f"{c.old_busy:.2f} -> {c.new_busy:.2f}"
    return (c.case, c.command, c.baseline, number(c.old), number(c.new), c.unit,
            "" if ratio is None else f"{ratio:.2f}x",
            "" if percent is None else f"{percent:+.1f}%", verdict, result, met, busy)


HEADER = ("Case", "Command", "Baseline", "Old", "New", "Unit", "New/old", "Change", "Verdict",
          "Result", "Target", "Others busy")


def render(changes: Sequence[Change], old: dict[str, Any], new: dict[str, Any],
           threshold: float) -> str:
    grid = [HEADER, *map(_cells, changes)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(HEADER))]
    right = {3, 4, 6, 7}

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    counts = {v: sum(c.verdict == v for c in changes) for v in (SLOWER, FASTER, NOISE)}
    lines = [line(HEADER), "  ".join("-" * w for w in widths), *map(line, grid[1:]), "",
             f"{counts[SLOWER]} slower, {counts[FASTER]} faster, {counts[NOISE]} within noise "
             f"(a change counts beyond {threshold:.0%} and outside the old run's min-max).",
             f"Others busy: cores that other processes kept busy during the case, old -> new; "
             f"'load differs' marks a verdict where they differ by more than {LOAD_DIFFERS} "
             f"cores.",
             *(f"{name}: {machine_line(doc)}" for name, doc in (("Old", old), ("New", new)))]
    if _machine_key(old) != _machine_key(new):
        lines.append("WARNING: the runs were taken on different machines or Pythons.")
    return "\n".join(lines)


def _machine_key(doc: dict[str, Any]) -> tuple[Any, ...]:
    info = doc.get("machine", {})
    return (info.get("cpu"), info.get("cores"), info.get("python"))


def machine_line(doc: dict[str, Any]) -> str:
    info = doc.get("machine", {})
    busy = ", ".join(f"{case} {cores:.2f}" for case, cores in
                     doc.get("cores_kept_busy", {}).items())
    return (f"{info.get('date', '?')}, {info.get('cpu', '?')}, {info.get('cores', '?')} cores, "
            f"Python {info.get('python', '?')}; cores kept busy by others: {busy or 'unknown'}")


def load(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SystemExit(f"compare.py: {path}: cannot read it: {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("rows"), list):
        raise SystemExit(f"compare.py: {path}: not the JSON of benchmarks/run.py --json")
    for number, row in enumerate(doc["rows"], start=1):
        if not _well_formed(row):
            raise SystemExit(f"compare.py: {path}: row {number} is not a benchmark row")
    return doc


def _well_formed(row: object) -> bool:
    if not isinstance(row, dict):
        return False
    if not all(isinstance(row.get(name), str) for name in ("case", "command", "baseline")):
        return False
    ours = row.get("ours")
    numbers = ("median", "min", "max", "peak_rss_mb")
    return ours is None or (isinstance(ours, dict) and all(
        isinstance(ours.get(name), (int, float)) for name in numbers))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--threshold", type=float, default=10.0, metavar="PERCENT",
                        help="smallest change that counts (default %(default)g)")
    args = parser.parse_args(argv)
    try:
        old, new = load(args.old), load(args.new)
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    threshold = args.threshold / 100
    print(render(compare_runs(old, new, threshold), old, new, threshold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
