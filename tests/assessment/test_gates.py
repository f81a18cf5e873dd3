from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from sms20k.assessment.gates import evaluate
from sms20k.assessment.model import GateOutcome
from sms20k.cli import app
from sms20k.evidence.policy import Policy

from ..conftest import DATA, Invoke
from .conftest import SMALL, MakeReport


def test_fail_on_levels(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.02", "status": "not-implemented"}])  # medium: minor
    assert [g.passed for g in evaluate(report, Policy(), fail_on="major")] == [True]
    (minor,) = evaluate(report, Policy(), fail_on="minor")
    assert not minor.passed and "1 minor nonconformity" in minor.message
    assert evaluate(report, Policy(), fail_on="none") == []
    assert evaluate(report, Policy()) == []


def test_fail_under_says_by_how_much(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.02", "status": "not-implemented"}])
    (gate,) = evaluate(report, Policy(), fail_under=60)
    assert not gate.passed
    assert gate.message == "overall score 0.0 is 60.0 below 60"


def test_fail_under_with_nothing_assessed_passes_as_not_scored(make_report: MakeReport) -> None:
    # Nothing assessed scores nothing (not 0); --min-coverage is the gate for that.
    report = make_report([])
    assert evaluate(report, Policy(), fail_under=60) == [GateOutcome(
        gate="fail-under 60", passed=True, message="overall score is n/a (nothing scored)")]
    (coverage,) = evaluate(report, Policy(), min_coverage=1)
    assert (coverage.passed, coverage.message) == (
        False, "0 of 11 item results assessed (0.0%), 1.0 below 1")


def test_policy_counts_and_scenario_minimums(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.01", "status": "not-implemented"}],
                         exclusions=[{"id": "X04", "justification": "No marketplace."}])
    policy = Policy.model_validate({"max": {"major": 0, "observation": 20},
                                    "min-scenario-score": 10, "scenarios": {"X03": 0}})
    outcomes = {g.gate: g for g in evaluate(report, policy)}
    assert not outcomes["max major 0"].passed
    assert outcomes["max major 0"].message == "1 major nonconformity, 1 over the limit"
    assert outcomes["max observation 20"].passed
    assert not outcomes["min-scenario-score X01 10"].passed
    assert outcomes["min-scenario-score X03 0"].passed
    assert outcomes["min-scenario-score X04 10"].message.endswith("n/a (nothing scored)")


def test_command_line_overrides_policy(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.02", "status": "not-implemented"}])
    policy = Policy.model_validate({"fail-on": "minor", "fail-under": 90})
    gates = {g.gate: g.passed for g in evaluate(report, policy, fail_on="major", fail_under=0)}
    assert gates == {"fail-on major": True, "fail-under 0": True}


@pytest.fixture
def repo_with_policy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(DATA / "assess" / "small", root)
    manifest = yaml.safe_load((root / "sms20k.yaml").read_text())
    manifest["policy"] = {"fail-on": "major", "max": {"minor": 1}}
    (root / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return root


def test_gate_failure_exits_1_and_explains(invoke: Invoke, repo_with_policy: Path,
                                           tmp_path: Path) -> None:
    # The small fixture has 1 major and 3 minor audit findings; the gates leave out the
    # waived X03.02 (F-8.3.2), so they count 1 major and 2 minors.
    result = invoke(["assess", repo_with_policy, "-f", "json", "-o", tmp_path / "out"], code=1)
    assert "Gate fail-on major: FAILED · found 1 major nonconformity" in result.stdout
    assert "sms20k: gate failed: max minor 1: 2 minor nonconformities, 1 over the limit" in (
        result.stderr)
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {g["gate"]: g["passed"] for g in data["gates"]} == {"fail-on major": False,
                                                               "max minor 1": False}
    invoke(["assess", repo_with_policy, "-o", tmp_path / "out", "-q", "--fail-on", "none",
            "-f", "json"], code=1)  # max minor still fails
    manifest = yaml.safe_load((repo_with_policy / "sms20k.yaml").read_text())
    del manifest["policy"]["max"]
    (repo_with_policy / "sms20k.yaml").write_text(yaml.safe_dump(manifest))
    invoke(["assess", repo_with_policy, "-o", tmp_path / "out", "-q", "--fail-on", "none",
            "-f", "json"], code=0)


def test_bad_policy_is_a_schema_error(invoke: Invoke, repo_with_policy: Path) -> None:
    manifest = yaml.safe_load((repo_with_policy / "sms20k.yaml").read_text())
    manifest["policy"] = {"fail_on": "major"}
    (repo_with_policy / "sms20k.yaml").write_text(yaml.safe_dump(manifest))
    result = invoke(["validate", repo_with_policy, "--as-of", str(dt.date(2026, 11, 15))],
                    code=2)
    assert "unknown field `fail_on` (did you mean `fail-on`?)" in result.stderr


# --- systemic minors, coverage, repository problems, waivers -------------------------------


def test_a_waived_major_is_not_counted_by_fail_on(make: Any) -> None:
    waived = {"item": "X01.01", "reason": "Replaced in Q1.", "approved_by": "CEO",
              "approved": dt.date(2026, 1, 1), "expires": dt.date(2027, 1, 1)}
    repo = make(entries=[{"item": "X01.01", "status": "not-implemented"},
                         {"item": "X01.02", "status": "not-implemented"}],
                waivers=[waived])
    report = repo.report()
    assert report["summary"]["findings"]["major"] == 1  # the finding stands
    assert report["summary"]["gated_findings"] == {"major": 0, "minor": 1, "observation": 0,
                                                   "ofi": 0}
    out = repo.root.parent / "gated"
    major = _assess(repo.root, out, "--fail-on", "major")
    assert major.exit_code == 0, major.output
    gates = json.loads((out / "report.json").read_text())["gates"]
    assert gates == [{"gate": "fail-on major", "passed": True,
                      "message": "no findings at or above major"}]
    minor = _assess(repo.root, out, "--fail-on", "minor")
    assert minor.exit_code == 1
    assert "found 1 minor nonconformity" in minor.stderr
    # Without the waiver the same major fails the gate.
    repo.waivers = []
    repo.write()
    assert _assess(repo.root, out, "--fail-on", "major").exit_code == 1


def _assess(root: Path, out: Path, *args: str, formats: tuple[str, ...] = ("json",)) -> Any:
    """``sms20k assess`` as of the fixture's date, whatever its exit code."""
    fmt = [a for f in formats for a in ("-f", f)]
    return CliRunner().invoke(app, ["assess", str(root), *fmt, "-o", str(out), "-q",
                                    "--as-of", "2026-11-15", *args],
                              env={"GITHUB_ACTIONS": None, "SOURCE_DATE_EPOCH": None})


def _coverage_gates(out: Path) -> list[dict[str, Any]]:
    gates: list[dict[str, Any]] = json.loads((out / "report.json").read_text())["gates"]
    return [g for g in gates if g["gate"].startswith("min-coverage")]


def test_min_coverage_at_its_boundary(tmp_path: Path) -> None:
    # The small fixture: 9 of 10 in-scope results assessed (X03.03 has no entry): 90.0 %.
    out = tmp_path / "out"
    equal = _assess(SMALL, out, "--min-coverage", "90")
    assert equal.exit_code == 0, equal.output
    assert _coverage_gates(out) == [{"gate": "min-coverage 90", "passed": True,
                                     "message": "9 of 10 item results assessed (90.0%)"}]
    below = _assess(SMALL, out, "--min-coverage", "90.1")
    assert below.exit_code == 1
    assert _coverage_gates(out) == [{
        "gate": "min-coverage 90.1", "passed": False,
        "message": "9 of 10 item results assessed (90.0%), 0.1 below 90.1"}]
    assert "gate failed: min-coverage 90.1" in below.stderr


def test_min_coverage_less_than_a_tenth_short_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _assess(SMALL, out, "--min-coverage", "90.05").exit_code == 1
    assert [(g["passed"], g["message"]) for g in _coverage_gates(out)] == [
        (False, "9 of 10 item results assessed (90.0%), less than 0.1 below 90.05")]


def test_policy_min_coverage_and_the_command_line_override(repo_with_policy: Path,
                                                           tmp_path: Path) -> None:
    manifest = yaml.safe_load((repo_with_policy / "sms20k.yaml").read_text())
    manifest["policy"] = {"min-coverage": 90.1}
    (repo_with_policy / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    out = tmp_path / "out"
    assert _assess(repo_with_policy, out).exit_code == 1
    assert [g["passed"] for g in _coverage_gates(out)] == [False]
    assert _assess(repo_with_policy, out, "--min-coverage", "90").exit_code == 0
    assert _coverage_gates(out)[0]["gate"] == "min-coverage 90"
    manifest["policy"] = {"min-coverage": 90}
    (repo_with_policy / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    assert _assess(repo_with_policy, out).exit_code == 0
    assert _coverage_gates(out) == [{"gate": "min-coverage 90", "passed": True,
                                     "message": "9 of 10 item results assessed (90.0%)"}]


def test_a_bad_min_coverage_is_refused(repo_with_policy: Path, invoke: Invoke) -> None:
    manifest = yaml.safe_load((repo_with_policy / "sms20k.yaml").read_text())
    manifest["policy"] = {"min-coverage": 101}
    (repo_with_policy / "sms20k.yaml").write_text(yaml.safe_dump(manifest))
    result = invoke(["validate", repo_with_policy, "--as-of", "2026-11-15"], code=2)
    assert "policy.min-coverage" in result.stderr


FORMATS = ("json", "csv", "md", "html", "sarif", "junit", "codequality")
FILES = ("report.json", "report.csv", "report.md", "report.html")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The small fixture with a path typo in X01.01's evidence: a repository problem."""
    import shutil

    root = tmp_path / "broken"
    shutil.copytree(SMALL, root)
    manifest = root / "evidence" / "x01.yaml"
    text = manifest.read_text()
    assert "path: docs/export-procedure.md" in text
    manifest.write_text(text.replace("path: docs/export-procedure.md",
                                     "path: docs/export-procedur.md"))
    return root


def test_the_repository_gate_fails_on_error_level_problems(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _assess(broken, out, formats=FORMATS)
    assert result.exit_code == 1, result.output
    assert all((out / name).is_file() for name in FILES), sorted(p.name for p in out.iterdir())
    report = json.loads((out / "report.json").read_text())
    assert report["summary"]["repository_errors"] == 1
    assert report["gates"] == [{
        "gate": "repository", "passed": False,
        "message": "1 repository problem at error level; fix them (see the report's "
                   "repository problems) or pass --allow-invalid"}]
    # The typo is not the client's nonconformity: X01.01 cannot be judged until it is fixed.
    x01 = next(r for r in report["results"] if r["item"] == "X01.01")
    assert (x01["result"], x01["finding_class"]) == ("not-assessed", None)
    assert "F-8.2.4" not in [f["id"] for f in report["findings"]]
    assert "gate failed: repository" in result.stderr


def test_allow_invalid_passes_the_repository_gate(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _assess(broken, out, "--allow-invalid", formats=FORMATS)
    assert result.exit_code == 0, result.output
    assert all((out / name).is_file() for name in FILES)
    report = json.loads((out / "report.json").read_text())
    assert report["gates"] == [{
        "gate": "repository", "passed": True,
        "message": "1 repository problem at error level (allowed by --allow-invalid)"}]
    assert report["summary"]["repository_errors"] == 1
    # --allow-invalid changes the exit code only: a finding gate still fails.
    assert _assess(broken, out, "--allow-invalid", "--fail-on", "major").exit_code == 1


def test_no_repository_gate_without_error_level_problems(tmp_path: Path) -> None:
    # The small fixture's errors (NO_EVIDENCE, WAIVER_EXPIRED) are audit-relevant, and its
    # one repository problem (MISSING_ENTRY) is a warning: no repository gate, exit 0.
    out = tmp_path / "out"
    assert _assess(SMALL, out).exit_code == 0
    report = json.loads((out / "report.json").read_text())
    summary = report["summary"]
    assert report["gates"] == []
    assert (summary["validation_errors"], summary["repository_errors"],
            summary["repository_warnings"]) == (2, 0, 1)
