"""benchmarks/stages.py: the stages of one assess, timed through the library in a fresh process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import bench_module

stages = bench_module("stages")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


def test_a_real_run_times_every_stage_of_assess_in_order() -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1794700800"}
    marks = stages.run_once(EXAMPLE, env, ("html", "json"))
    assert [(m[0], m[1]) for m in marks] == [
        ("imports", True), ("load", True), ("checks", True), ("imports of assess", False),
        ("report", False), ("html", False), ("json", False), ("write", False)]
    assert all(m[2] >= 0 and m[3] >= 0 for m in marks), marks
    assert marks[1][2] > 0 and marks[4][2] > 0, marks  # loading and the report did work


def test_a_failing_probe_says_why(tmp_path: Path) -> None:
    # The run's own failure, so that case 5 reports it and the other cases go on.
    with pytest.raises(bench_module("measure").CommandFailed) as info:
        stages.run_once(tmp_path / "missing", dict(os.environ), ("json",))
    assert str(info.value).startswith("stages of assess exited 1: "), info.value
    assert "missing: no such file or directory" in str(info.value), info.value


RUNS = [
    [["imports", True, 0.30, 0.31], ["load", True, 0.50, 0.52], ["report", False, 0.60, 0.90],
     ["json", False, 0.20, 0.21]],
    [["imports", True, 0.20, 0.40], ["load", True, 0.55, 0.56], ["report", False, 0.70, 0.71],
     ["json", False, 0.10, 0.30]],
]


def test_each_stage_takes_the_run_of_its_least_cpu_time_with_that_runs_wall_time() -> None:
    least = stages.least(RUNS)
    assert [(s["stage"], s["cpu_s"], s["wall_s"]) for s in least] == [
        ("imports", 0.2, 0.4), ("load", 0.5, 0.52), ("report", 0.6, 0.9), ("json", 0.1, 0.3)]


def test_the_summary_splits_what_validate_shares_from_what_the_reports_add() -> None:
    data = stages.summary("sms20k assess R", RUNS)
    assert (data["runs"], data["shared_cpu_s"], data["beyond_cpu_s"]) == (2, 0.7, 0.7)
    lines = stages.text(data)
    assert lines[0] == ("Stages of `sms20k assess R` (CPU s, least of 2 fresh processes, "
                        "through the library):")
    assert lines[1] == "  shared with validate 0.700: imports 0.200, load 0.500"
    assert lines[2] == "  beyond validate 0.700 (1.00x the shared part): report 0.600, json 0.100"
