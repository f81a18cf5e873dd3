"""validate and assess judge dates by one rule: --as-of wins, else assessment.date (issue 13).

The fixture's approval is dated 2026-11-16, the day after its assessment.date and long before
today: validate used to judge by today and pass it, assess by assessment.date and flag it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sms20k import asof
from sms20k.assessment.run import assess
from sms20k.evidence.validate import validate

from ..conftest import DATA, Invoke

CASE = Path("tests/data/as-of/approved-after-assessment")
ASSESSED = dt.date(2026, 11, 15)
FUTURE = (f"{CASE}/evidence/entries.yaml", 10, 19, "DATE_IN_FUTURE",
          "approved date 2026-11-16 is after the as-of date 2026-11-15")


def _approved_on(tmp_path: Path, day: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(CASE, repo)
    entries = repo / "evidence" / "entries.yaml"
    text = entries.read_text()
    assert "approved: 2026-11-16" in text
    entries.write_text(text.replace("approved: 2026-11-16", f"approved: {day}"))
    return repo


@pytest.fixture(autouse=True)
def _from_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parents[1])  # paths in findings are shown from here


def _where(finding: dict[str, object]) -> tuple[object, ...]:
    return (finding["path"], finding["line"], finding["col"], finding["code"],
            finding["message"])


def test_validate_judges_by_the_assessment_date(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", CASE, "-f", "json"], code=1).stdout)
    assert data["as_of"] == "2026-11-15"
    assert [_where(f) for f in data["findings"]] == [FUTURE]


def test_validate_and_assess_report_the_same_finding() -> None:
    checked = validate(CASE)
    report = assess(CASE).report
    assert checked.as_of == ASSESSED and report.meta.as_of == ASSESSED.isoformat()
    assert [f for f in checked.findings if f.code == "DATE_IN_FUTURE"] == [
        f for f in report.validation if f.code == "DATE_IN_FUTURE"]
    assert len(checked.findings) == 1


@pytest.mark.parametrize(("approved", "code", "errors"), [
    ("2026-11-15", 0, 0),  # dated exactly the as-of date
    ("2026-11-16", 1, 1),  # one day after
])
def test_the_boundary_is_the_as_of_date_itself(invoke: Invoke, tmp_path: Path, approved: str,
                                               code: int, errors: int) -> None:
    repo = _approved_on(tmp_path, approved)
    data = json.loads(invoke(["validate", repo, "-f", "json"], code=code).stdout)
    assert data["errors"] == errors
    assert len([f for f in assess(repo).report.validation
                if f.code == "DATE_IN_FUTURE"]) == errors


def test_an_explicit_as_of_wins(invoke: Invoke) -> None:
    data = json.loads(invoke(["validate", CASE, "-f", "json", "--as-of", "2026-11-16"]).stdout)
    assert data["as_of"] == "2026-11-16" and data["findings"] == []


@pytest.mark.parametrize(("today", "errors"), [("2026-11-20", 0), ("2026-11-10", 1)])
def test_as_of_today_is_the_day_it_runs(invoke: Invoke, monkeypatch: pytest.MonkeyPatch,
                                        today: str, errors: int) -> None:
    monkeypatch.setattr(asof, "today", lambda: dt.date.fromisoformat(today))
    data = json.loads(invoke(["validate", CASE, "-f", "json", "--as-of", "today"],
                             code=errors).stdout)
    assert data["as_of"] == today and data["errors"] == errors


def test_source_date_epoch_does_not_move_the_as_of_date(
        invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    data = json.loads(invoke(["validate", CASE, "-f", "json"], code=1).stdout)
    assert data["as_of"] == "2026-11-15"
    assert [_where(f) for f in data["findings"]] == [FUTURE]


@pytest.mark.parametrize("value", ["yesterday", "2026-11-31", "15.11.2026", ""])
def test_a_bad_as_of_is_a_usage_error(invoke: Invoke, value: str) -> None:
    result = invoke(["validate", CASE, "--as-of", value], code=2)
    assert result.stdout == ""
    assert result.stderr == (f"sms20k: error: --as-of {value!r} is not a date; write it as "
                             "YYYY-MM-DD or `today`\n")
