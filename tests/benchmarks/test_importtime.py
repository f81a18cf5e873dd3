"""benchmarks/importtime.py: python -X importtime of a command, by package and module."""

from __future__ import annotations

import os

from .conftest import bench_module

importtime = bench_module("importtime")

SAMPLE = """\
import time: self [us] | cumulative | imported package
import time:       120 |        120 |   _io
import time:      3000 |       5000 |     pydantic_core.core_schema
import time:      2000 |       7000 |   pydantic
import time:       900 |        900 | sms20k.findings
some other line
"""


def test_parse_reads_every_import_line_and_nothing_else() -> None:
    found = importtime.parse(SAMPLE)
    assert [i.module for i in found] == ["_io", "pydantic_core.core_schema", "pydantic",
                                         "sms20k.findings"]
    assert [(i.self_us, i.cumulative_us, i.depth) for i in found] == [
        (120, 120, 1), (3000, 5000, 2), (2000, 7000, 1), (900, 900, 0)]


def test_packages_sum_self_time_largest_first() -> None:
    totals = importtime.by_package(importtime.parse(SAMPLE))
    assert totals == {"pydantic_core": 3000, "pydantic": 2000, "sms20k": 900,
                      "standard library and others": 120}
    assert list(totals) == ["pydantic_core", "pydantic", "sms20k",
                            "standard library and others"]


def test_summary_and_text() -> None:
    data = importtime.summary("sms20k x", importtime.parse(SAMPLE), top=2)
    assert data["modules"] == 4 and data["total_ms"] == 6.0
    assert data["slowest_ms"] == [["pydantic_core.core_schema", 3.0], ["pydantic", 2.0]]
    lines = importtime.text(data)
    assert "4 modules, 6 ms" in lines[0] and "pydantic_core 3" in lines[1]


def test_a_real_command_is_profiled_with_its_lazy_imports() -> None:
    found = importtime.profile(["validate", "--help"], os.environ)
    modules = {i.module for i in found}
    assert "sms20k.cli.evidence" in modules and "typer" in modules, sorted(modules)[:20]
    assert all(i.self_us >= 0 for i in found)
