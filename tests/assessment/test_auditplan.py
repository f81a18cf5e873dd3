"""The audit plan through the CLI: structure, each item once, evidence states, waivers, the
audit team and dates, and the four formats (docs/audit-plan.md)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import DATA, Invoke

LAB = DATA / "auditplan" / "lab"
EXAMPLE = DATA.parents[1] / "examples" / "nimbus-cloud"


def plan(invoke: Invoke, *args: object) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(invoke(["audit-plan", *args, "-f", "json"]).stdout)
    return data


def items(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for s in data["sessions"] for c in s["clauses"] for i in c["items"]}


def shown(data: dict[str, Any], item: str, service: str | None = None) -> list[str]:
    row = next(r for r in items(data)[item]["services"] if r["service"] == service)
    return [k["note"] for k in row["evidence"]]


@pytest.fixture(scope="module")
def lab() -> dict[str, Any]:
    from typer.testing import CliRunner

    from sms20k.cli import app

    # The 2011 numbers beside the items, which the tests of the lab check.
    result = CliRunner().invoke(app, ["audit-plan", str(LAB), "-f", "json", "--edition", "2011"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_plan_has_the_parts_of_an_audit_plan(lab: dict[str, Any]) -> None:
    assert lab["kind"] == "audit-plan" and lab["format_version"] == 2
    assert lab["as_of"] == "2026-11-15" and lab["title"] == "Plan fixture gap assessment"
    assert "ISO/IEC 20000-1:2018" in lab["objectives"][0]
    assert "Cirrus App, Cirrus Infra" in lab["objectives"][0]
    assert any("Plan fixture gap assessment" in o for o in lab["objectives"])
    assert any("ISO/IEC TR 20000-9:2015" in c for c in lab["criteria"])
    scope = lab["scope"]
    assert [(s["id"], s["categories"], s["deployment_models"]) for s in scope["services"]] == [
        ("app", ["SaaS"], ["public"]), ("infra", ["IaaS"], ["private"])]
    assert scope["per_service"] == [{"id": "P02", "title": "Plan fixture, per service"}]
    assert scope["exclusions"] == [{"id": "P03", "title": "Plan fixture, excluded",
                                    "justification": "Cirrus runs no partner marketplace."}]
    assert scope["not_applicable"] == ["P04.01"] and scope["items"] == 10
    assert lab["repository_problems"] == 2


def test_excluded_and_inapplicable_items_are_not_in_the_plan(lab: dict[str, Any]) -> None:
    assert set(items(lab)) == {f"P01.0{n}" for n in range(1, 10)} | {"P02.01"}


def test_sessions_follow_the_process_areas_with_meetings_around_them(
        lab: dict[str, Any]) -> None:
    sessions = lab["sessions"]
    assert [s["number"] for s in sessions] == list(range(1, 14))
    assert (sessions[0]["title"], sessions[-1]["title"]) == ("Opening meeting", "Closing meeting")
    assert [s["covers"] for s in sessions[1:-1]] == [
        ["4", "5"], ["6"], ["7"], ["8.1", "8.2"], ["8.3"], ["8.4"], ["8.5"], ["8.6"], ["8.7"],
        ["9"], ["10"]]
    support = sessions[3]
    assert [c["id"] for c in support["clauses"]] == [
        "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "7.5.4", "7.6"]


def test_each_item_once_under_its_primary_clause_with_cross_references(
        lab: dict[str, Any]) -> None:
    placed = Counter(i["id"] for s in lab["sessions"] for c in s["clauses"] for i in c["items"])
    assert set(placed.values()) == {1}
    clauses = {c["id"]: c for s in lab["sessions"] for c in s["clauses"]}
    assert [i["id"] for i in clauses["9.2"]["items"]] == ["P01.01"]
    assert clauses["10.1"]["items"] == [] and clauses["10.1"]["also"] == ["P01.01"]
    assert clauses["9.1"]["also"] == ["P02.01"]
    p0101 = items(lab)["P01.01"]
    assert p0101["primary_2018"]["id"] == "9.2" and p0101["also_2018"] == ["10.1"]
    assert p0101["clauses_2011"] == ["4.5.4.2"] and p0101["beside"] == "2011: 4.5.4.2"


def test_edition_changes_only_the_numbers_beside(invoke: Invoke, lab: dict[str, Any]) -> None:
    data = plan(invoke, LAB, "--edition", "2018")
    assert items(data)["P01.01"]["beside"] == "also 2018: 10.1"
    assert items(data)["P01.02"]["beside"] == ""
    strip = [{k: v for k, v in i.items() if k != "beside"} for i in items(data).values()]
    assert strip == [{k: v for k, v in i.items() if k != "beside"} for i in items(lab).values()]


def test_stale_exactly_at_the_limit_is_provided_one_day_over_is_stale(
        lab: dict[str, Any]) -> None:
    assert shown(lab, "P01.03") == ["provided, dated 2025-11-15"]
    assert shown(lab, "P01.04") == ["stale: 1 year and 1 day old, limit 1 year"]
    row = items(lab)["P01.04"]["services"][0]["evidence"][0]
    assert row["state"] == "stale" and row["references"] == ["DMS:REV-2025 (stale)"]


def test_as_of_moves_the_limit(invoke: Invoke) -> None:
    data = plan(invoke, LAB, "--as-of", "2026-11-16")
    assert data["as_of"] == "2026-11-16"
    assert shown(data, "P01.03") == ["stale: 1 year and 1 day old, limit 1 year"]
    assert shown(data, "P01.04") == ["stale: 1 year and 2 days old, limit 1 year"]


def test_broken_reference_is_unusable(lab: dict[str, Any]) -> None:
    row = items(lab)["P01.09"]["services"][0]["evidence"][0]
    assert row["state"] == "unusable"
    assert row["references"] == ["docs/risk-register.md (broken)"]


def test_no_entry_and_not_assessed_request_the_evidence(lab: dict[str, Any]) -> None:
    for item, status in (("P01.07", None), ("P01.08", "not-assessed")):
        [row] = items(lab)[item]["services"]
        assert row["status"] == status
        assert [(k["state"], k["note"]) for k in row["evidence"]] == [("request", "request")]


def test_not_applicable_asks_to_check_the_justification(lab: dict[str, Any]) -> None:
    [row] = items(lab)["P01.05"]["services"]
    assert row["evidence"] == []
    assert row["notes"] == ["check the not-applicable justification: Customers run their own "
                            "continuity on their own accounts."]


def test_per_service_evidence_once_per_service(lab: dict[str, Any]) -> None:
    rows = items(lab)["P02.01"]["services"]
    assert [(r["service"], r["status"], r["owner"]) for r in rows] == [
        ("app", "implemented", "SRE Lead"), ("infra", "implemented", "Infrastructure Lead")]
    assert [[k["references"] for k in r["evidence"]] for r in rows] == [
        [["docs/availability-app.md"], ["TEST:AV-APP-2026"]],
        [["docs/availability-infra.md"], []]]
    assert [k["state"] for k in rows[1]["evidence"]] == ["provided", "missing"]


def test_waivers_are_shown_with_approver_and_expiry(lab: dict[str, Any]) -> None:
    [active] = items(lab)["P01.06"]["waivers"]
    assert active["text"] == ("Waived until 2027-06-30 by Chief Operating Officer (in force): "
                              "The incident tool moves in the spring.")
    [expired] = items(lab)["P02.01"]["waivers"]
    assert (expired["service"], expired["expired"]) == ("infra", True)
    assert "until 2026-10-01 by Chief Technology Officer (expired)" in expired["text"]
    # A waiver changes nothing the auditor checks: the evidence is still shown.
    assert shown(lab, "P01.06") == ["provided, dated 2026-10-20"]


def test_auditees_come_from_owners_sorted_by_items(lab: dict[str, Any]) -> None:
    sessions = {s["title"]: s for s in lab["sessions"]}
    assert sessions["Service assurance"]["auditees"] == [
        {"name": "Infrastructure Lead", "items": 1}, {"name": "Quality Manager", "items": 1},
        {"name": "SRE Lead", "items": 1}]
    assert sessions["Performance evaluation"]["auditees"] == [
        {"name": "Audit Lead", "items": 1}, {"name": "Quality Manager", "items": 1}]
    assert sessions["Relationship and agreement"]["auditees"] == []


def test_team_and_dates_from_the_manifest(lab: dict[str, Any]) -> None:
    team = lab["team"]
    assert (team["lead"], team["team"], team["start"], team["end"]) == (
        "Lee Lead", ["Tam Team"], "2026-11-27", "2026-11-30")  # Friday, then Monday
    assert (team["days"], team["hours_per_day"]) == (2, 4.0)
    assert team["available_minutes"] == 2 * 4 * 60 - 60 == team["planned_minutes"]
    sessions = lab["sessions"]
    assert sessions[0]["when"] == "Day 1 (2026-11-27) 09:00\u201309:30"
    assert sessions[-1]["when"] == "Day 2 (2026-11-30) 12:30\u201313:00"
    assurance = sessions[9]
    assert [(s["day"], s["start"], s["end"]) for s in assurance["slots"]] == [
        (1, "12:30", "13:00"), (2, "09:00", "11:15")]


def test_time_follows_the_weights_and_never_leaves_a_session_out(lab: dict[str, Any]) -> None:
    minutes = {s["title"]: s["minutes"] for s in lab["sessions"]}
    weight = {s["title"]: s["weight"] for s in lab["sessions"]}
    # P02.01 is high (3) and assessed for two services; P01.05 high too.
    assert weight["Service assurance"] == 3 * 2 + 3
    assert weight["Improvement"] == 1  # one low item
    assert minutes["Improvement"] == 15 and minutes["Relationship and agreement"] == 15
    assert minutes["Supply and demand"] == 0  # no item in scope
    assert sum(minutes.values()) == 2 * 4 * 60
    assert all(m % 15 == 0 for m in minutes.values())


def test_options_override_the_manifest(invoke: Invoke) -> None:
    data = plan(invoke, LAB, "--lead", "Olu Other", "--team", "A", "--team", "B",
                "--start", "2026-12-01", "--days", "1")
    team = data["team"]
    assert (team["lead"], team["team"], team["start"], team["end"], team["days"]) == (
        "Olu Other", ["A", "B"], "2026-12-01", "2026-12-01", 1)
    assert team["hours_per_day"] == 4.0  # kept from the manifest
    assert team["available_minutes"] == 4 * 60 - 60


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "2026-13-01"], "--start '2026-13-01' is not a date; write it as YYYY-MM-DD"),
    (["--lead", " "], "--lead needs a name"),
    (["--team", ""], "--team needs a name"),
    (["--as-of", "soon"], "--as-of 'soon' is not a date"),
])
def test_bad_options_are_refused(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(["audit-plan", LAB, *args], code=2)
    assert message in result.stderr


@pytest.mark.parametrize("days", ["0", "21"])
def test_days_are_bounded(invoke: Invoke, days: str) -> None:
    assert "--days" in invoke(["audit-plan", "--generic", "--days", days], code=2).stderr


def _lab_with(tmp_path: Path, **audit: object) -> Path:
    root = tmp_path / "lab"
    shutil.copytree(LAB, root)
    manifest = yaml.safe_load((root / "sms20k.yaml").read_text())
    manifest["assessment"]["audit"] = audit
    (root / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return root


def _line_of(root: Path, key: str) -> int:
    lines = (root / "sms20k.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


@pytest.mark.parametrize(("audit", "key", "message"), [
    ({"days": 0}, "days", "0 is out of range; it must be at least 1"),
    ({"days": 21}, "days", "21 is out of range; it must be at most 20"),
    ({"days": "two"}, "days", "expected a whole number, got text 'two'"),
    ({"hours_per_day": 7.3}, "hours_per_day", "multiple of 0.25"),
    ({"hours_per_day": 1.75}, "hours_per_day", "it must be at least 2"),
    ({"hours_per_day": 12.25}, "hours_per_day", "it must be at most 12"),
    ({"start": "soon"}, "start", "date"),
    ({"lead": ""}, "lead", "must not be empty"),
    ({"room": "B2"}, "room", "unknown field `room`"),
])
def test_audit_block_is_validated_at_its_place(invoke: Invoke, tmp_path: Path,
                                               audit: dict[str, object], key: str,
                                               message: str) -> None:
    root = _lab_with(tmp_path, **audit)
    result = invoke(["audit-plan", root], code=2)
    assert re.search(rf"sms20k\.yaml:{_line_of(root, key)}:\d+: \[error\] SCHEMA "
                     rf"assessment\.audit\.{key}: ", result.stderr), result.stderr
    assert message in result.stderr


def test_quarter_hours_and_the_bounds_are_accepted(invoke: Invoke, tmp_path: Path) -> None:
    root = _lab_with(tmp_path, days=20, hours_per_day=12, lead="L")
    assert plan(invoke, root)["team"]["available_minutes"] == 20 * 12 * 60 - 60
    root = _lab_with(tmp_path / "2", days=1, hours_per_day=7.75)
    assert plan(invoke, root)["team"]["available_minutes"] == 465 - 60


def test_generic_plan_without_a_repository(invoke: Invoke) -> None:
    data = plan(invoke, "--generic")
    assert data["repository"] is None and data["as_of"] is None
    assert data["scope"]["organization"] is None and data["scope"]["items"] == 195
    assert all(i["services"] == [] and i["waivers"] == [] for i in items(data).values())
    assert all(s["auditees"] == [] for s in data["sessions"])
    team = data["team"]
    assert (team["days"], team["hours_per_day"], team["start"]) == (2, 8.0, None)
    assert team["planned_minutes"] == 2 * 8 * 60 - 60
    assert all(s["minutes"] > 0 and s["slots"] == [] for s in data["sessions"])
    assert len(items(data)) == 195


def test_every_item_once_in_the_markdown_of_the_example(invoke: Invoke) -> None:
    text = invoke(["audit-plan", EXAMPLE]).stdout
    headings = Counter(re.findall(r"^#### (S\d\d\.\d\d) ", text, re.M))
    # 195 items less S06.11 (excluded) and S01.12, S02.12, S15.13, which need a hybrid, a
    # community or a third-party cloud that neither service is.
    assert len(headings) == 191 and set(headings.values()) == {1}
    assert not {"S06.11", "S01.12", "S02.12", "S15.13"} & set(headings)
    # 15 lines an item; 23 when each item was repeated per clause (4,038 lines for 175 items)
    assert len(text.splitlines()) < 15 * len(headings)


def test_markdown(invoke: Invoke) -> None:
    text = invoke(["audit-plan", LAB]).stdout
    assert text.startswith("# Audit plan: Cirrus Lab\n")
    for heading in ("## Objectives", "## Scope", "## Criteria", "## Audit team and dates",
                    "## Timetable", "## 1 Opening meeting", "## 13 Closing meeting",
                    "## 10 Service assurance (8.7)", "### 7.5.2 Creating and updating",
                    "#### P02.01 Availability reports per service"):
        assert heading in text
    assert "| Evidence | Max. age | Sampling | app | infra |" in text
    assert "**stale**: 1 year and 1 day old, limit 1 year \u2014 DMS:REV-2025 (stale)" in text
    assert "- check the not-applicable justification: Customers run" in text
    assert "Time: 15 min \u00b7 Day 2 (2026-11-30) 12:15\u201312:30 \u00b7 1 item\n" in text
    assert "- [ ] Which improvement did you finish last?" in text
    assert text.count("P02.01 Availability reports") == 1


def test_csv(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    assert invoke(["audit-plan", LAB, "-f", "csv", "-o", target]).stdout == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    kinds = Counter(r["record"] for r in rows)
    assert kinds["session"] == 13 and kinds["objective"] == 4
    evidence = [(r["item"], r["service"], r["evidence_kind"], r["state"])
                for r in rows if r["record"] == "evidence"]
    assert [e for e in evidence if e[0] == "P02.01"] == [
        ("P02.01", "app", "report", "provided"), ("P02.01", "app", "record", "provided"),
        ("P02.01", "infra", "report", "provided"), ("P02.01", "infra", "record", "missing")]
    assert not [e for e in evidence if e[0] == "P01.05"]
    assert any(r["record"] == "note" and r["item"] == "P01.05"
               and r["text"].startswith("check the not-applicable justification") for r in rows)
    assert "is a directory" in invoke(["audit-plan", "--generic", "-f", "csv", "-o", tmp_path],
                                      code=2).stderr


def test_html(invoke: Invoke) -> None:
    import html5lib

    page = invoke(["audit-plan", LAB, "-f", "html"]).stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert "Content-Security-Policy" in page and "<script" not in page
    assert page.count('class="plan-item"') == 10
    assert 'id="session-10"' in page and 'id="clause-7.5.2"' in page
    assert '<span class="state-stale">stale: 1 year and 1 day old, limit 1 year</span>' in page


def test_free_text_is_escaped(invoke: Invoke) -> None:
    small = DATA / "assess" / "small"
    assert "Stratus \\<b\\>Cloud\\</b\\>" in invoke(["audit-plan", small]).stdout
    page = invoke(["audit-plan", small, "-f", "html"]).stdout
    assert "Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co" in page


@pytest.mark.parametrize(("fmt", "name"), [("md", "plan.md"), ("csv", "plan.csv"),
                                           ("json", "plan.json"), ("html", "plan.html")])
def test_golden(invoke: Invoke, golden: Callable[[str, str], None], fmt: str, name: str,
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parents[1])
    text = invoke(["audit-plan", "tests/data/auditplan/lab", "-f", fmt]).stdout
    # The report's style sheet changes with the report; the plan's golden file is the plan.
    golden(name, re.sub(r"(?s)<style>.*?</style>", "<style></style>", text))
