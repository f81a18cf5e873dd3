"""Nothing a user can type gives exit 3: every value is either used or refused with exit 2."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import Invoke

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "nimbus-cloud"
LONG = "a" * 5000  # longer than any file name the system takes (ENAMETOOLONG)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "repo")
    return tmp_path / "repo"


@pytest.mark.parametrize("value", ["0", "-1", "4294967297", "99999999999999999999999", "1k",
                                   "1e3", "", "0x10"])
def test_max_file_size_values(invoke: Invoke, repo: Path, value: str) -> None:
    result = invoke(["validate", repo, "--max-file-size", value], code=2)
    assert "--max-file-size" in result.stderr and "bug" not in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["2026-02-30", "99999-01-01", "0000-01-01", "+2026-01-01",
                                   "2026-1-1", "tomorrow", "", "2026-11-15T00:00"])
def test_as_of_values_refused(invoke: Invoke, repo: Path, value: str) -> None:
    result = invoke(["validate", repo, "--as-of", value], code=2)
    assert "is not a date" in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "TODAY", " today "])
def test_as_of_values_at_the_ends_of_the_calendar(invoke: Invoke, repo: Path,
                                                  value: str) -> None:
    # In year 1 every dated record lies in the future: repository errors, so exit 1.
    result = invoke(["assess", repo, "--as-of", value, "-f", "json", "-o", repo / "out", "-q"],
                    code=1 if value == "0001-01-01" else 0)
    assert "bug" not in result.stderr, result.stderr


@pytest.mark.parametrize("args", [
    ["validate", LONG],
    ["assess", "{repo}", "-o", f"{LONG}/x", "-q"],
    ["audit-plan", "{repo}", "-o", LONG],
    ["lock", f"{LONG}/repo"],
    ["import", f"{LONG}.xlsx", "{repo}"],
    ["diff", LONG, LONG],
    ["lint-checklists", LONG],
])
def test_paths_the_system_refuses(invoke: Invoke, repo: Path, args: list[str]) -> None:
    result = invoke([a.replace("{repo}", str(repo)) for a in args], code=2)
    assert "bug" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_audit_start_at_the_end_of_the_calendar(invoke: Invoke, repo: Path) -> None:
    invoke(["audit-plan", repo, "--start", "9999-11-30", "--days", "1"])
    result = invoke(["audit-plan", repo, "--start", "9999-12-01", "--days", "20"], code=2)
    assert "up to 9999-11-30" in result.stderr, result.stderr


def test_a_closed_pipe_stops_quietly() -> None:
    """``sms20k catalog | head``: the reader goes away; no traceback, no bug report."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "sms20k", "catalog"], stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(write)
    assert done.returncode == 141 and done.stderr == "", done.stderr
