"""benchmarks/compare.py: verdicts on fixed numbers, never on timings taken here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import bench_module

compare = bench_module("compare")


def timed(median: float, low: float, high: float) -> dict[str, Any]:
    return {"median": median, "min": low, "max": high, "samples": [low, median, high],
            "cpu": [], "peak_rss_mb": 50.0, "rss_mb": [50.0]}


def row(command: str, ours: dict[str, Any] | None, *, case: str = "2 parsing",
        baseline: str = "CSafeLoader", measure: str = "ours/base", result: str = "",
        met: bool | None = None) -> dict[str, Any]:
    return {"case": case, "command": command, "ours": ours, "baseline": baseline,
            "base": None, "measure": measure, "value": None, "result": result,
            "target": None, "met": met, "note": ""}


def rss(peak: float, spread: list[float]) -> dict[str, Any]:
    return {**timed(1.0, 1.0, 1.0), "peak_rss_mb": peak, "rss_mb": spread}


def run_doc(*rows: dict[str, Any], cpu: str = "Test CPU") -> dict[str, Any]:
    return {"version": 1, "machine": {"cpu": cpu, "cores": 2, "python": "3.11.7",
                                      "date": "2026-12-01 10:00 UTC"},
            "cores_kept_busy": {"2 parsing": 0.05}, "rows": list(rows)}


OLD = run_doc(
    row("slower", timed(1.00, 0.95, 1.05)),
    row("faster", timed(1.00, 0.95, 1.05)),
    row("wide spread", timed(1.00, 0.80, 1.30)),
    row("small step", timed(1.00, 0.99, 1.01)),
    row("memory", rss(400.0, [390.0, 400.0]), case="6 peak RSS", baseline="",
        measure="peak RSS", result="400 MB", met=True),
    row("skipped", None),
    row("dropped", timed(2.0, 2.0, 2.0)),
    row("target", timed(1.0, 0.95, 1.05), result="1.20x", met=True),
)
NEW = run_doc(
    row("slower", timed(1.20, 1.15, 1.30)),
    row("faster", timed(0.80, 0.78, 0.85)),
    row("wide spread", timed(1.20, 1.10, 1.25)),
    row("small step", timed(1.05, 1.04, 1.06)),
    row("memory", rss(480.0, [470.0, 480.0]), case="6 peak RSS", baseline="",
        measure="peak RSS", result="480 MB", met=False),
    row("skipped", None),
    row("target", timed(1.0, 0.95, 1.05), result="1.30x", met=False),
    row("added", timed(3.0, 3.0, 3.0)),
)


def verdicts(old: dict[str, Any] = OLD, new: dict[str, Any] = NEW,
             threshold: float = 0.10) -> dict[str, Any]:
    return {c.command: c for c in compare.compare_runs(old, new, threshold)}


def test_slower_beyond_the_threshold_and_the_old_range() -> None:
    change = verdicts()["slower"]
    assert change.verdict == compare.SLOWER
    assert change.ratio == pytest.approx(1.2)
    assert change.percent == pytest.approx(20.0)


def test_faster_beyond_the_threshold_and_the_old_range() -> None:
    change = verdicts()["faster"]
    assert change.verdict == compare.FASTER
    assert change.percent == pytest.approx(-20.0)


def test_a_change_inside_the_old_min_max_is_noise() -> None:
    assert verdicts()["wide spread"].verdict == compare.NOISE  # +20%, but the old max was 1.30


def test_a_change_under_the_threshold_is_noise() -> None:
    assert verdicts()["small step"].verdict == compare.NOISE  # outside 0.99-1.01, but +5%
    assert verdicts(threshold=0.04)["small step"].verdict == compare.SLOWER


def test_peak_rss_is_judged_by_its_megabytes() -> None:
    change = verdicts()["memory"]
    assert (change.verdict, change.unit, change.old, change.new) == (
        compare.SLOWER, "MB", 400.0, 480.0)


def test_rows_added_dropped_and_untimed() -> None:
    found = verdicts()
    assert found["added"].verdict == compare.ADDED and found["added"].new == 3.0
    assert found["dropped"].verdict == compare.GONE and found["dropped"].old == 2.0
    assert found["skipped"].verdict == compare.UNTIMED and found["skipped"].ratio is None
    order = [c.command for c in compare.compare_runs(OLD, NEW)]
    assert order[-2:] == ["added", "dropped"]  # new rows in their order, then the gone ones


def _write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _line(out: str, command: str) -> str:
    return next(line for line in out.splitlines() if f"  {command}  " in line)


def test_main_prints_each_row_and_the_counts(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = compare.main([str(_write(tmp_path, "old.json", OLD)),
                         str(_write(tmp_path, "new.json", NEW))])
    out = capsys.readouterr().out
    assert code == 0, out
    slower_line, faster_line = _line(out, "slower"), _line(out, "faster")
    assert "SLOWER" in slower_line and "+20.0%" in slower_line, out
    assert "faster" in faster_line.split("faster", 1)[1] and "-20.0%" in faster_line, out
    assert "1.20x -> 1.30x" in out and "met -> NOT MET" in out, out
    slower = sum(c.verdict == compare.SLOWER for c in compare.compare_runs(OLD, NEW))
    faster = sum(c.verdict == compare.FASTER for c in compare.compare_runs(OLD, NEW))
    assert f"{slower} slower, {faster} faster" in out, out
    assert "different machines" not in out, out


def test_main_warns_when_the_machines_differ(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    other = {**NEW, "machine": {**NEW["machine"], "cpu": "Other CPU"}}
    code = compare.main([str(_write(tmp_path, "old.json", OLD)),
                         str(_write(tmp_path, "new.json", other))])
    out = capsys.readouterr().out
    assert code == 0 and "WARNING: the runs were taken on different machines" in out, out


@pytest.mark.parametrize("text", ["not json", "[]", '{"rows": [{"case": 1}]}',
                                  '{"rows": [{"case": "a", "command": "b", "baseline": "",'
                                  ' "ours": {"median": "x"}}]}'])
def test_a_file_that_is_no_benchmark_is_refused(tmp_path: Path, text: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    code = compare.main([str(bad), str(_write(tmp_path, "new.json", NEW))])
    err = capsys.readouterr().err
    assert code == 2 and f"{bad}:" in err, err


def test_a_verdict_is_marked_when_the_others_load_differs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiet = {**OLD, "cores_kept_busy": {"2 parsing": 0.05}}
    busy = {**NEW, "cores_kept_busy": {"2 parsing": 1.20}}
    found = verdicts(quiet, busy)
    assert found["slower"].load_differs and found["memory"].load_differs  # 6 shares 2's load
    assert not verdicts()["slower"].load_differs  # 0.05 in both
    compare.main([str(_write(tmp_path, "old.json", quiet)),
                  str(_write(tmp_path, "new.json", busy))])
    out = capsys.readouterr().out
    assert "SLOWER (load differs)" in _line(out, "slower"), out
    assert "0.05 -> 1.20" in _line(out, "slower"), out
    assert "(load differs)" not in _line(out, "wide spread"), out  # noise is noise either way
