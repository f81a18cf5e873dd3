"""The corrective action plan in the reports and on its own (``sms20k export actions``): the
same rows in Markdown, CSV, JSON and HTML, user text kept inert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sms20k.assessment.action_plan import plan_view
from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.formats import get_renderer
from sms20k.formats.csv_actions import ACTION_COLUMNS

from ..conftest import Invoke

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


@pytest.fixture(scope="module")
def report() -> Report:
    return assess(EXAMPLE).report


def test_the_example_plan(report: Report) -> None:
    recorded = [a for a in report.actions if a.id]
    assert [a.id for a in recorded] == ["CA-2026-01", "CA-2026-03", "CA-2026-02", "CA-2026-04",
                                        "CA-2025-09"]
    assert report.summary.actions == {"open": 3, "overdue": 1, "implemented": 1, "closed": 1,
                                      "missing": sum(f.grade in ("major", "minor") for f in
                                                     report.findings) - 4}
    overdue = [a for a in report.actions if a.overdue]
    assert [(a.id, a.days_overdue) for a in overdue] == [("CA-2026-01", 15)]


def test_csv_rows_follow_the_plan(report: Report) -> None:
    text = get_renderer("csv").render(plan_view(report))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == ACTION_COLUMNS
    assert len(rows) - 1 == len(report.actions)
    first = dict(zip(ACTION_COLUMNS, rows[1], strict=True))
    assert (first["id"], first["overdue"], first["days_overdue"]) == ("CA-2026-01", "yes", "15")
    assert first["location"].endswith("evidence/actions.yaml:6")


def test_markdown_report_has_the_plan_with_links(report: Report) -> None:
    text = get_renderer("md").render(report)
    section = text.split("## Corrective action plan", 1)[1].split("\n## ", 1)[0]
    assert "- [Corrective action plan](#corrective-action-plan)" in text
    assert "| CA-2026-01 ([https://itsm.nimbus.example.com/browse/CAPA-112]" in section
    assert "[F-8.3.4.1](#f-8341) Management of external suppliers" in section
    assert "**in progress, overdue by 15 days (due 2026-10-31)**" in section
    assert section.count("| none |") == report.summary.actions["missing"]


def test_html_report_has_the_plan(report: Report) -> None:
    html = get_renderer("html").render(report)
    section = html.split('<section id="actions"', 1)[1].split("</section>", 1)[0]
    assert section.count("<tr") == len(report.actions) + 1
    assert section.count('class="overdue"') == 1
    assert '<a href="#finding-F-8.3.4.1">F-8.3.4.1</a>' in section
    assert '<a href="https://itsm.nimbus.example.com/browse/CAPA-112">' in section
    assert '<li><a href="#actions">Corrective action plan</a></li>' in html


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    from ..evidence.judge import Repo, day

    repo = Repo(tmp_path / "repo", entries=[{"item": "X01.01", "status": "partial",
                                             "owner": "O"}], actions=[{
        "finding": "F-8.3.3", "owner": "=HYPERLINK(\"http://x\")", "due": day(1),
        "correction": "<script>alert(1)</script> | pipe", "ticket": "javascript:alert(1)"}])
    repo.report()
    report = assess(tmp_path / "repo", as_of=day(0)).report
    html = get_renderer("html").render(report)
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html
    md = get_renderer("md").render(report)
    assert "\\<script\\>" in md or "&lt;script&gt;" in md
    assert "](javascript:" not in md
    rows = list(csv.reader(io.StringIO(get_renderer("csv").render(plan_view(report)))))
    assert rows[1][ACTION_COLUMNS.index("owner")] == "'=HYPERLINK(\"http://x\")"


def test_export_actions_cli(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["export", "actions", str(EXAMPLE)])
    assert result.stdout.startswith("# ISO/IEC 20000-1 gap assessment 2026: corrective action "
                                    "plan"), result.output
    result = invoke(["export", "actions", str(EXAMPLE), "-f", "json"])
    view = json.loads(result.stdout)
    assert view["kind"] == "action-plan" and view["counts"]["overdue"] == 1
    target = tmp_path / "plan.csv"
    result = invoke(["export", "actions", str(EXAMPLE), "-f", "csv", "-o", str(target)])
    assert result.stdout == "", result.output
    assert target.read_text().startswith(",".join(ACTION_COLUMNS))
    result = invoke(["export", "actions", str(EXAMPLE), "--as-of", "2026-10-31", "-f", "json"])
    assert json.loads(result.stdout)["counts"]["overdue"] == 0, result.output
    result = invoke(["export", "actions", str(EXAMPLE), "-o", str(tmp_path)], code=2)
    assert "is a directory" in result.output
