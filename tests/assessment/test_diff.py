from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.diff import compare

from ..conftest import DATA, Invoke
from .conftest import MakeReport


def test_compare_improvements_regressions_and_findings(make_report: MakeReport) -> None:
    old = make_report([{"item": "X01.01", "status": "not-implemented"},
                       {"item": "X01.02", "status": "partial", "owner": "O"},
                       {"item": "X01.03", "status": "not-implemented"}])
    new = make_report([{"item": "X01.01", "status": "partial", "owner": "O"},
                       {"item": "X01.02", "status": "not-implemented"},
                       {"item": "X01.03", "status": "not-applicable", "justification": "n/a"}])
    delta = compare(old, new)
    assert [c.item for c in delta.improved] == ["X01.01", "X01.03"]
    assert [(c.item, c.old_result, c.new_result) for c in delta.regressed] == [
        ("X01.02", "partially-conformant", "nonconformant")]
    assert [c.item for c in delta.resolved_findings] == ["X01.03"]  # its minor is gone
    assert delta.new_findings == []
    assert delta.regression
    x01 = next(s for s in delta.scenarios if s.id == "X01")
    # Old: 0.5 x 2 over 3 + 2 + 1 = 16.7; new: 0.5 x 3 over 3 + 2 (X01.03 not applicable).
    assert (x01.old, x01.new, x01.delta) == (16.7, 30.0, 13.3)
    # Everything else is not assessed in both: no score, so the overall is X01's.
    assert (delta.overall.old, delta.overall.new) == (16.7, 30.0)


def test_items_not_assessed_in_both_reports_do_not_change(make_report: MakeReport) -> None:
    old = make_report([{"item": "X01.01", "status": "not-implemented"}])
    new = make_report([{"item": "X01.01", "status": "not-implemented"},
                       {"item": "X03.03", "status": "not-assessed"}])
    delta = compare(old, new)
    assert not (delta.improved or delta.regressed or delta.new_findings
                or delta.resolved_findings)
    assert {s.id: s.new for s in delta.scenarios}["X03"] is None


def test_identical_reports_have_no_changes(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "partial"}])
    delta = compare(report, report)
    assert not (delta.improved or delta.regressed or delta.new_findings
                or delta.resolved_findings)
    assert delta.overall.delta == 0.0 and not delta.regression


@pytest.fixture
def reports(invoke: Invoke, tmp_path: Path) -> tuple[Path, Path]:
    repo = DATA / "assess" / "small"
    invoke(["assess", repo, "-f", "json", "-o", tmp_path / "old", "-q"])
    invoke(["assess", repo, "-f", "json", "-o", tmp_path / "new", "-q", "--as-of", "2027-08-01"])
    return tmp_path / "old" / "report.json", tmp_path / "new" / "report.json"


def test_diff_command(invoke: Invoke, reports: tuple[Path, Path]) -> None:
    old, new = reports
    assert "0 improved, 0 regressed" in invoke(["diff", old, old]).stdout
    invoke(["diff", old, old, "--fail-on-regression"], code=0)
    text = invoke(["diff", old, new]).stdout
    # By 2027-08-01 X01.01's procedure (approved 2026-03-01, yearly) is stale.
    assert "Regressed" in text and "X01.01" in text
    invoke(["diff", old, new, "--fail-on-regression"], code=1)
    data = json.loads(invoke(["diff", old, new, "-f", "json"]).stdout)
    assert data["kind"] == "diff"
    assert {(c["item"], c["service"], c["old_result"], c["new_result"], c["new_class"])
            for c in data["regressed"]} == {
        ("X01.01", None, "conformant", "partially-conformant", "minor"),
        ("X02.01", "app", "conformant", "partially-conformant", "observation")}
    # X03.02's waiver expired by then, but a waiver never changed its verdict (a minor).
    assert "X03.02" not in [c["item"] for c in data["regressed"] + data["new_findings"]]


def test_baseline_is_in_the_report(invoke: Invoke, reports: tuple[Path, Path],
                                   tmp_path: Path) -> None:
    old, _ = reports
    out = tmp_path / "with-baseline"
    result = invoke(["assess", DATA / "assess" / "small", "-f", "json", "-o", out,
                     "--as-of", "2027-08-01", "--baseline", old])
    assert "Since" in result.stdout and "regressed" in result.stdout
    data = json.loads((out / "report.json").read_text())
    assert data["baseline"]["overall"]["old"] == 45.8
    assert data["baseline"]["regressed"]


def test_diff_rejects_files_that_are_not_reports(invoke: Invoke, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}')
    result = invoke(["diff", bogus, bogus], code=2)
    assert "not an sms20k report" in result.stderr and "Traceback" not in result.output
    result = invoke(["diff", tmp_path / "missing.json", bogus], code=2)
    assert "file not found" in result.stderr


def test_diff_markdown_and_report_sections(invoke: Invoke, reports: tuple[Path, Path],
                                           tmp_path: Path) -> None:
    old, new = reports
    md = invoke(["diff", old, new, "-f", "md"]).stdout
    assert md.startswith("# sms20k diff:")
    assert "Regressed (" in md and "| X01.01 |" in md and "<" not in md
    out = tmp_path / "md"
    invoke(["assess", DATA / "assess" / "small", "-f", "md", "-o", out, "-q", "--as-of",
            "2027-08-01", "--baseline", old, "--fail-under", "90"], code=1)
    report = (out / "report.md").read_text()
    assert "### Changes since" in report and "### Gates" in report
    assert "| fail-under 90 | **FAILED** |" in report


def _tampered(source: Path, target: Path, edit: Callable[[dict[str, Any]], None],
              raw: Callable[[str], str] | None = None) -> Path:
    data = json.loads(source.read_text())
    edit(data)
    text = json.dumps(data)
    target.write_text(raw(text) if raw else text)
    return target


def _set_summary_score(value: float) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["summary"].__setitem__("score", value)


def _set_result_score(value: float) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["results"][0].__setitem__("score", value)


def _set_weight(value: float) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["results"][0].__setitem__("weight", value)


def _set_scenario_score(value: float) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["scenarios"][0].__setitem__("score", value)


@pytest.mark.parametrize(("edit", "raw", "field"), [
    (_set_summary_score(101), None, "summary.score"),
    (_set_summary_score(-0.1), None, "summary.score"),
    (_set_summary_score(0), lambda t: t.replace('"score": 0,', '"score": 1e999,', 1),
     "summary.score"),
    (_set_result_score(100.5), None, "results[0].score"),
    (_set_scenario_score(-1), None, "scenarios[0].score"),
    (_set_weight(-1), None, "results[0].weight"),
    (_set_weight(0), lambda t: t.replace('"weight": 0,', '"weight": -1e999,', 1),
     "results[0].weight"),
], ids=["over-100", "negative", "infinite", "result-over-100", "scenario-negative",
        "negative-weight", "infinite-weight"])
def test_baseline_with_impossible_numbers_is_refused(
        invoke: Invoke, reports: tuple[Path, Path], tmp_path: Path,
        edit: Callable[[dict[str, Any]], None], raw: Callable[[str], str] | None,
        field: str) -> None:
    """A baseline comes from a pull request too: no score outside 0..100 or NaN reaches a report."""
    old, new = reports
    bad = _tampered(old, tmp_path / "bad.json", edit, raw)
    result = invoke(["diff", bad, new], code=2)
    assert f"bad.json: [error] not an sms20k report: {field}: " in result.stderr, result.stderr
    result = invoke(["assess", DATA / "assess" / "small", "--baseline", bad, "-f", "md",
                     "-o", tmp_path / "out", "-q"], code=2)
    assert "not an sms20k report" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "report.md").exists()


@pytest.mark.parametrize("score", [0, 100])
def test_baseline_scores_at_the_limits_are_accepted(
        invoke: Invoke, reports: tuple[Path, Path], tmp_path: Path, score: float) -> None:
    old, new = reports
    edge = _tampered(old, tmp_path / "edge.json", _set_summary_score(score))
    result = invoke(["diff", edge, new, "-f", "json"])
    assert json.loads(result.stdout)["overall"]["old"] == score, result.stdout
