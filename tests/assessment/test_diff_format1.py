"""``diff`` and ``--baseline`` keep reading reports of format 1.

tests/data/reports/format1.json is the small fixture's report as format 1 wrote it: the golden
tests/golden/report.json of commit 76a11f1 (``git show 76a11f1:tests/golden/report.json``).
In it X03.02 is ``waived`` with no verdict, and X03.03 (no entry) is ``not-assessed`` scored 0
with an observation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sms20k.assessment.diff import compare, load_report
from sms20k.assessment.model import Change, Report
from sms20k.assessment.run import assess

from ..conftest import DATA, Invoke

FORMAT_1 = DATA / "reports" / "format1.json"
SMALL = DATA / "assess" / "small"


def current(as_of: str | None = None) -> Report:
    import datetime as dt

    return assess(SMALL, as_of=dt.date.fromisoformat(as_of) if as_of else None).report


def items(changes: list[Change]) -> list[str]:
    return [c.label for c in changes]


def test_the_file_is_a_format_1_report() -> None:
    raw = json.loads(FORMAT_1.read_text(encoding="utf-8"))
    assert raw["format_version"] == 1
    by_item = {r["item"]: r for r in raw["results"]}
    assert (by_item["X03.02"]["result"], by_item["X03.02"]["finding_class"]) == ("waived", None)
    assert by_item["X03.03"]["result"] == "not-assessed"
    assert (by_item["X03.03"]["finding_class"], by_item["X03.03"]["score"]) == ("observation", 0)


def test_a_format_1_report_loads_in_format_2_terms() -> None:
    old = load_report(FORMAT_1)
    assert old.format_version == 1
    by_item = {r.label: r for r in old.results}
    unassessed = by_item["X03.03"]
    assert (unassessed.finding_class, unassessed.score) == (None, None)
    waived = by_item["X03.02"]
    assert waived.result == "waived" and waived.waived
    assert by_item["X01.02"] == next(r for r in Report.model_validate_json(
        FORMAT_1.read_bytes()).results if r.item == "X01.02")  # the others stay as written


def test_same_repository_compares_without_spurious_changes() -> None:
    delta = compare(load_report(FORMAT_1), current())
    # Waived then, waived now (format 2 shows its verdict): no regression, no new finding.
    # Not assessed then and now: the format-1 observation is not a finding resolved.
    assert "X03.02" not in items(delta.regressed + delta.new_findings)
    assert "X03.03" not in items(delta.improved + delta.resolved_findings)
    # A real change of the rules: a stale report is an observation now, a minor before.
    assert items(delta.improved) == ["X02.01 (infra)"]
    assert delta.regressed == delta.new_findings == delta.resolved_findings == []
    assert not delta.regression
    assert (delta.overall.old, delta.overall.new) == (42.3, current().summary.score)


def test_a_waiver_that_expired_since_is_a_regression_and_a_new_finding() -> None:
    delta = compare(load_report(FORMAT_1), current("2027-08-01"))
    regressed = {c.label: c for c in delta.regressed}
    assert (regressed["X03.02"].old_result, regressed["X03.02"].new_result) == (
        "waived", "nonconformant")
    assert "X03.02" in items(delta.new_findings)
    assert delta.regression


def test_diff_and_baseline_read_a_format_1_report(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["assess", SMALL, "-f", "json", "-o", tmp_path, "-q"])
    new = tmp_path / "report.json"
    text = " ".join(invoke(["diff", FORMAT_1, new]).stdout.split())
    assert "1 improved, 0 regressed, 0 new findings, 0 resolved" in text
    invoke(["diff", FORMAT_1, new, "--fail-on-regression"], code=0)
    result = invoke(["assess", SMALL, "-f", "json", "-o", tmp_path / "b", "--baseline",
                     FORMAT_1])
    shown = " ".join(result.stdout.split())
    assert "Since " in shown and "1 improved, 0 regressed" in shown
    baseline = json.loads((tmp_path / "b" / "report.json").read_text())["baseline"]
    assert baseline["overall"]["old"] == 42.3


@pytest.mark.parametrize("version", [1, 2])
def test_a_not_assessed_result_is_no_finding_to_resolve(version: int) -> None:
    old = load_report(FORMAT_1)
    if version == 2:
        old = current()
    delta = compare(old, current())
    assert "X03.03" not in items(delta.resolved_findings + delta.new_findings)
