"""Issue 13's defects, each reproduced by a small repository in tests/data/regressions/.

Every repository uses the built-in checklists (176 items) and judges as of its assessment
date; the expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ..conftest import DATA, Invoke

REPOS = DATA / "regressions"
FILE_FORMATS = ("html", "md", "json", "csv", "sarif", "junit", "codequality")


def assess(invoke: Invoke, tmp_path: Path, name: str, *extra: str,
           code: int = 0) -> tuple[dict[str, Any], str]:
    out = tmp_path / "out"
    result = invoke(["assess", REPOS / name, "-o", out, "-f", "json", *extra], code=code)
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report, result.stdout + result.stderr


def result_of(report: dict[str, Any], item: str) -> dict[str, Any]:
    (found,) = (r for r in report["results"] if r["item"] == item)
    return found


def test_unassessed_items_are_not_zero_and_not_findings(invoke: Invoke, tmp_path: Path) -> None:
    report, output = assess(invoke, tmp_path, "unassessed")
    summary = report["summary"]
    # S01.01 conformant (weight 2 x 1) and S01.02 nonconformant (2 x 0): 100 * 2 / 4.
    assert summary["score"] == 50.0
    assert summary["coverage"] == {
        "assessed": 2, "in_scope": 192, "percent": 1.0,
        "not_assessed_scenarios": [f"S{n:02d}" for n in range(2, 16)]}
    assert summary["counts"]["classes"] == {"major": 0, "minor": 1, "observation": 0,
                                            "ofi": 0}
    assert summary["findings"] == {"major": 0, "minor": 1, "observation": 0, "ofi": 0}
    assert [f["id"] for f in report["findings"]] == ["F-4.2"]
    unassessed = [r for r in report["results"] if r["result"] == "not-assessed"]
    assert len(unassessed) == 190
    assert all(r["score"] is None and r["finding_class"] is None for r in unassessed)
    assert all(g["item"] == "S01.02" for g in report["gaps"])
    missing = [f for f in report["validation"] if f["code"] == "MISSING_ENTRY"]
    assert [f["item"] for f in missing] == [f"S{n:02d}" for n in range(1, 16)]
    s02 = next(s for s in report["scenarios"] if s["id"] == "S02")
    assert (s02["score"], s02["assessed"]) == (None, 0)
    assert "2 of 192 items assessed" in output, output
    assert "weakest" not in output.lower() or "S02" not in output, output


def test_implemented_without_a_required_kind_is_not_conformant(invoke: Invoke,
                                                                tmp_path: Path) -> None:
    report, _ = assess(invoke, tmp_path, "face-value")
    got = result_of(report, "S09.09")
    assert (got["result"], got["finding_class"], got["score"]) == (
        "partially-conformant", "minor", 0.5)
    assert [(c["kind"], c["state"]) for c in got["evidence_checks"]] == [
        ("plan", "missing"), ("report", "provided")]
    (finding,) = report["findings"]
    assert (finding["id"], finding["grade"], finding["clause"]["id"]) == (
        "F-8.7.2", "minor", "8.7.2")
    assert any(m.startswith("no plan (") for m in finding["missing"])


def _items(node: Any) -> list[dict[str, Any]]:
    """Every item block of a plan, wherever the plan nests it."""
    if isinstance(node, dict):
        found = [node] if "id" in node and "services" in node else []
        return found + [i for v in node.values() for i in _items(v)]
    if isinstance(node, list):
        return [i for v in node for i in _items(v)]
    return []


def test_the_audit_plan_agrees_that_the_plan_is_missing(invoke: Invoke) -> None:
    result = invoke(["audit-plan", REPOS / "face-value", "-f", "json"])
    blocks = [i for i in _items(json.loads(result.stdout)) if i["id"] == "S09.09"]
    assert len(blocks) == 1, "each item appears once in the plan"
    (service,) = blocks[0]["services"]
    assert [(e["kind"], e["state"]) for e in service["evidence"]] == [
        ("plan", "missing"), ("report", "provided")]


def test_tool_errors_are_repository_problems_not_findings(invoke: Invoke,
                                                          tmp_path: Path) -> None:
    report, output = assess(invoke, tmp_path, "tool-errors", code=1)
    # The typo'd agreement path: S07.01 cannot be judged, and is no nonconformity.
    s07 = result_of(report, "S07.01")
    assert (s07["result"], s07["finding_class"]) == ("not-assessed", None)
    # The edited locked procedure, cited by three items in two scenarios: one observation.
    (finding,) = report["findings"]
    assert (finding["kind"], finding["grade"], finding["clause"]["id"]) == (
        "document-control", "observation", "7.5.3")
    assert finding["document"] == "docs/incident-procedure.md"
    assert [i["item"] for i in finding["items"]] == ["S09.01", "S09.02", "S12.01"]
    for item in ("S09.01", "S09.02", "S12.01"):
        assert result_of(report, item)["result"] == "conformant"
    summary = report["summary"]
    assert summary["counts"]["classes"]["minor"] == 0
    assert summary["repository_errors"] == 4  # one REF_MISSING, three LOCK_MISMATCH
    assert "gate failed: repository" in output, output


def test_allow_invalid_writes_every_format_and_exits_0(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args: list[Any] = ["assess", REPOS / "tool-errors", "-o", out, "--allow-invalid", "-q"]
    for name in FILE_FORMATS:
        args += ["-f", name]
    invoke(args)
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "report.html", "report.md", "report.json", "report.csv", "report.sarif",
        "report.junit.xml", "report.codequality.json"])


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_repository_problem_still_writes_the_format(invoke: Invoke, tmp_path: Path,
                                                      fmt: str) -> None:
    out = tmp_path / "out"
    invoke(["assess", REPOS / "tool-errors", "-o", out, "-f", fmt, "-q"], code=1)
    assert len(list(out.iterdir())) == 1


def test_a_waived_major_keeps_its_verdict(invoke: Invoke, tmp_path: Path) -> None:
    report, _ = assess(invoke, tmp_path, "waived", "--fail-on", "major")
    got = result_of(report, "S09.09")
    assert (got["result"], got["finding_class"], got["waived"]) == (
        "nonconformant", "major", True)
    assert got["reasons"] == ["not implemented", "waived until 2027-06-30 by CFO"]
    summary = report["summary"]
    assert summary["findings"]["major"] == 1 and summary["waived"] == 1
    assert summary["gated_findings"]["major"] == 0
    assert report["findings"][0]["waived"] is True
    assert [g["passed"] for g in report["gates"]] == [True]


def test_without_the_waiver_the_same_major_fails_the_gate(invoke: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    text = (REPOS / "waived" / "sms20k.yaml").read_text(encoding="utf-8")
    repo.mkdir()
    (repo / "sms20k.yaml").write_text(text.split("waivers:")[0], encoding="utf-8")
    out = tmp_path / "out"
    invoke(["assess", repo, "-o", out, "-f", "json", "--fail-on", "major", "-q"], code=1)


def test_a_statement_names_a_few_and_the_finding_lists_all(invoke: Invoke,
                                                           tmp_path: Path) -> None:
    example = DATA.parents[1] / "examples" / "nimbus-cloud"
    out = tmp_path / "out"
    invoke(["assess", example, "-o", out, "-f", "json", "-q"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    # An opportunity states what would strengthen the case, not the evidence seen.
    long = [f for f in report["findings"] if len(f["evidence_seen"]) > 3 and f["grade"] != "ofi"]
    assert long, "the example has findings with more than three references seen"
    for finding in long:
        seen = finding["statement"].split("Evidence seen: ", 1)[1].split(". Missing: ", 1)[0]
        assert seen.startswith("; ".join(finding["evidence_seen"][:3]))
        assert seen.endswith(f"; and {len(finding['evidence_seen']) - 3} more"), seen


def test_an_item_level_per_service_renders_in_every_format(invoke: Invoke,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    args: list[Any] = ["assess", REPOS / "per-service-item", "-o", out, "-q"]
    for name in FILE_FORMATS:
        args += ["-f", name]
    invoke(args)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<strong>S09.09</strong> Continuity plans and failover tests across regions" in html
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(r["service"], r["result"]) for r in report["results"] if r["item"] == "S09.09"] \
        == [("app", "conformant"), ("infra", "partially-conformant")]
    for name in ("report.md", "report.csv", "report.sarif", "report.junit.xml",
                 "report.codequality.json"):
        assert "S09.09" in (out / name).read_text(encoding="utf-8"), name


def test_waived_items_and_notes_are_in_the_summary_and_gaps(invoke: Invoke,
                                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke(["assess", REPOS / "waived", "-o", out, "-f", "html", "-f", "md", "-q"])
    md = (out / "report.md").read_text(encoding="utf-8")
    summary = md.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
    assert "### Waived items" in summary
    assert "waived until 2027-06-30 by CFO" in summary
    # The gap table shows the assessor's notes, not the status again.
    assert "No continuity plan; the second region goes live in 2027." in summary
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "waived until 2027-06-30 by CFO" in html
