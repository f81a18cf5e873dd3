"""compare and load_report on the edges the happy-path diff tests leave out (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.diff import compare, load_report
from sms20k.assessment.model import Change, ItemResult, Report, ScoreDelta
from sms20k.assessment.run import assess
from sms20k.errors import InputError

from .conftest import SMALL


@pytest.fixture(scope="module")
def base() -> Report:
    return assess(SMALL).report


def _edit(report: Report, drop: set[tuple[str, str | None]] | None = None,
          **changes: dict[str, Any]) -> Report:
    """The report without the ``drop`` rows, with ``changes`` applied to rows by item."""
    rows: list[ItemResult] = []
    for row in report.results:
        if (row.item, row.service) in (drop or set()):
            continue
        key = f"{row.item}/{row.service}" if row.service else row.item
        rows.append(row.model_copy(update=changes.get(key, {})))
    return report.model_copy(update={"results": rows})


def _rows(changes: list[Change]) -> list[tuple[Any, ...]]:
    return [(c.item, c.service, c.title, c.old_result, c.new_result, c.old_class, c.new_class)
            for c in changes]


def test_rows_only_in_one_report(base: Report) -> None:
    old = _edit(base, drop={("X01.03", None)})
    new = _edit(base, drop={("X02.02", "infra")})
    delta = compare(old, new, "a", "b")
    assert _rows(delta.new_findings) == [
        ("X01.03", None, "Export format register", None, "nonconformant", None, "minor")]
    assert _rows(delta.resolved_findings) == [
        ("X02.02", "infra", "Tested restore", "nonconformant", None, "major", None)]
    assert delta.improved == [] and delta.regressed == []


def test_findings_that_come_and_go_on_rows_in_both(base: Report) -> None:
    new = _edit(base, **{
        "X01.01": {"result": "nonconformant", "finding_class": "minor", "title": "Renamed"},
        "X01.02": {"result": "conformant", "finding_class": None},
    })
    delta = compare(base, new, "a", "b")
    appeared = ("X01.01", None, "Renamed", "conformant", "nonconformant", None, "minor")
    gone = ("X01.02", None, "Export log", "partially-conformant", "conformant", "minor", None)
    assert _rows(delta.new_findings) == [appeared]
    assert _rows(delta.regressed) == [appeared]
    assert _rows(delta.resolved_findings) == [gone]
    assert _rows(delta.improved) == [gone]


def test_an_item_that_became_per_service(base: Report) -> None:
    old = _edit(base, **{"X02.02/app": {"service": None}})
    delta = compare(old, base, "a", "b")
    assert [(c.item, c.service) for c in delta.resolved_findings] == [("X02.02", None)]
    assert [(c.item, c.service) for c in delta.new_findings] == [("X02.02", "app")]


def test_changes_are_ordered_by_item_then_service(base: Report) -> None:
    new = _edit(base, **{"X02.01/app": {"result": "nonconformant"},
                         "X01.02": {"result": "nonconformant"},
                         "X02.01/infra": {"result": "nonconformant"}})
    delta = compare(base, new, "a", "b")
    assert [(c.item, c.service) for c in delta.regressed] == [
        ("X01.02", None), ("X02.01", "app"), ("X02.01", "infra")]


def test_a_scenario_missing_from_the_baseline_has_no_delta(base: Report) -> None:
    old = base.model_copy(update={"scenarios": [s for s in base.scenarios if s.id != "X01"]})
    delta = compare(old, base, "a", "b")
    x01 = next(s for s in delta.scenarios if s.id == "X01")
    assert (x01.old, x01.new, x01.delta) == (None, 66.7, None)
    x02 = next(s for s in delta.scenarios if s.id == "X02")
    assert (x02.old, x02.new, x02.delta) == (30.0, 30.0, 0.0)


def test_overall_delta_is_rounded_to_one_decimal(base: Report) -> None:
    old = base.model_copy(update={"summary": base.summary.model_copy(update={"score": 50.0})})
    new = base.model_copy(update={"summary": base.summary.model_copy(update={"score": 62.34})})
    assert compare(old, new, "a", "b").overall == ScoreDelta(
        id="overall", title="Overall", old=50.0, new=62.34, delta=12.3)


def test_missing_report_names_its_path(tmp_path: Path) -> None:
    path = tmp_path / "gone.json"
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: file not found"


def test_a_json_array_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[]")
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert caught.value.message == \
        "not an sms20k report: the file holds a list, not a JSON object"
    assert caught.value.hint == "pass a report.json written by `sms20k assess -f json`"
