"""What assess prints points at commands that work from wherever it was run."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest

from ..conftest import Invoke

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
RECORD = "records/customer-satisfaction-2026.csv"


@pytest.fixture
def broken(tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example whose locked record changed since it was locked."""
    repo = tmp_path / "client repo"
    shutil.copytree(EXAMPLE, repo)
    invoke(["lock", repo, "-q"])
    with (repo / RECORD).open("a", encoding="utf-8") as handle:
        handle.write("tampered\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return repo


def test_the_printed_validate_command_runs_as_printed(invoke: Invoke, broken: Path) -> None:
    result = invoke(["assess", broken, "-o", "out", "--as-of", "2026-11-20"], code=1)
    line = next(line for line in result.stderr.splitlines() if "list them with:" in line)
    command = shlex.split(line.split("list them with: ", 1)[1])
    assert command[:2] == ["sms20k", "validate"] and command[-2:] == ["--as-of", "2026-11-20"]
    again = invoke(command[1:], code=1)
    assert "LOCK_MISMATCH" in again.stdout and RECORD in again.stdout, again.stdout
    assert f"List the repository problems with: {shlex.join(command)}" in result.stdout


def test_no_listing_without_repository_problems(invoke: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    invoke(["lock", repo, "-q"])
    out = invoke(["assess", repo, "-o", tmp_path / "out"]).stdout
    assert "List the repository problems" not in out, out


def test_a_template_renders_beside_the_default_report(invoke: Invoke, tmp_path: Path) -> None:
    template = tmp_path / "brief.md.j2"
    template.write_text("{{ report.meta.organization }}\n", encoding="utf-8")
    invoke(["assess", EXAMPLE, "--template", template, "-o", tmp_path / "out", "-q"])
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["brief.md", "report.html"]


def test_audit_findings_alone_fail_nothing_until_a_gate_asks(invoke: Invoke,
                                                              tmp_path: Path) -> None:
    """docs/ci.md: exit 1 means a failed gate; no finding gate is set by default."""
    import json

    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    invoke(["lock", repo, "-q"])
    invoke(["assess", repo, "-f", "json", "-o", tmp_path / "out", "-q"])
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["findings"]["major"] >= 1
    failed = invoke(["assess", repo, "-o", tmp_path / "out", "-q", "--fail-on", "major"],
                    code=1)
    assert "gate failed: fail-on major" in failed.stderr, failed.stderr
