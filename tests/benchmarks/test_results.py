"""benchmarks/results.py: the rows run.py writes with --json are what compare.py reads."""

from __future__ import annotations

import json

import pytest

from .conftest import bench_module

compare = bench_module("compare")
measure = bench_module("measure")
results = bench_module("results")


def samples(*seconds: float, rss_kib: int = 100_000) -> object:
    return measure.Samples(seconds=list(seconds), cpu=[s / 2 for s in seconds],
                           rss_kib=[rss_kib] * len(seconds))


def test_a_row_keeps_every_figure() -> None:
    ours, base = samples(0.3, 0.2, 0.4), samples(1.0, 1.2, 0.9)
    row = results.compare("3 peer", "validate 10k", ours, "checker", base,
                          results.Target(">=", 3.0), inverse=True)
    data = json.loads(json.dumps(row.data()))
    assert data["ours"]["samples"] == [0.3, 0.2, 0.4]
    assert (data["ours"]["median"], data["ours"]["min"], data["ours"]["max"]) == (0.3, 0.2, 0.4)
    assert data["base"]["median"] == 1.0
    assert data["value"] == pytest.approx(1.0 / 0.3)
    assert data["result"] == f"{1.0 / 0.3:.2f}x"
    assert data["met"] is True and data["target"]["text"] == ">= 3x"
    assert data["ours"]["peak_rss_mb"] == round(100_000 * 1024 / 1e6, 1)


def test_compare_reads_what_run_writes() -> None:
    old = results.compare("2 parsing", "validate 10k", samples(1.0, 0.95, 1.05), "yaml",
                          samples(1.0), results.Target("<=", 1.25))
    new = results.compare("2 parsing", "validate 10k", samples(1.5, 1.4, 1.6), "yaml",
                          samples(1.0), results.Target("<=", 1.25))
    docs = [{"rows": [json.loads(json.dumps(r.data()))]} for r in (old, new)]
    [change] = compare.compare_runs(*docs)
    assert change.verdict == compare.SLOWER
    assert (change.old_met, change.new_met) == (True, False)


def test_target_directions() -> None:
    assert results.Target("<=", 2.3).met(2.3) and not results.Target("<=", 2.3).met(2.31)
    assert results.Target(">=", 1.6).met(1.6) and not results.Target(">=", 1.6).met(1.59)
    assert results.Target("<=", 400, unit="MB").text() == "<= 400 MB"
