from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from sms20k.assessment.gates import evaluate
from sms20k.evidence.policy import Policy

from ..conftest import DATA, Invoke
from .conftest import MakeReport


def test_fail_on_levels(make_report: MakeReport) -> None:
    report = make_report([{"item": "X01.02", "status": "not-implemented"}])  # medium: minor
    assert [g.passed for g in evaluate(report, Policy(), fail_on="major")] == [True]
    (minor,) = evaluate(report, Policy(), fail_on="minor")
    assert not minor.passed and "1 minor nonconformity" in minor.message
    assert evaluate(report, Policy(), fail_on="none") == []
    assert evaluate(report, Policy()) == []


def test_fail_under_says_by_how_much(make_report: MakeReport) -> None:
    report = make_report([])
    (gate,) = evaluate(report, Policy(), fail_under=60)
    assert not gate.passed
    assert gate.message == "overall score 0.0 is 60.0 below 60"


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
    result = invoke(["assess", repo_with_policy, "-f", "json", "-o", tmp_path / "out"], code=1)
    assert "Gate fail-on major: FAILED · found 2 major nonconformities" in result.stdout
    assert "sms20k: gate failed: max minor 1: 3 minor nonconformities, 2 over the limit" in (
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
