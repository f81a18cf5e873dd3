"""The pre-commit hook, run for real with ``pre-commit try-repo`` against a fixture repo.

pre-commit installs the hook into a virtualenv of its own with pip, so this test needs the
package registry (or a pip configuration that finds hatchling and sms20k's dependencies):
it is marked ``network``, and SMS20K_OFFLINE=1 skips it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.network]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "sms20k-validate",
         "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600,
    )


def test_hook_passes_then_fails_on_a_broken_reference(tmp_path: Path) -> None:
    repo = tmp_path / "evidence"
    shutil.copytree(DATA / "evidence" / "valid" / "basic", repo)
    (repo / "expected.txt").unlink()
    # The hook runs `sms20k validate` without --as-of: dates are judged as of the fixture's
    # assessment.date (2026-11-29), whatever the day the test runs.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("SOURCE_DATE_EPOCH", None)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init")

    passed = _try_repo(repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "sms20k validate" in passed.stdout and "Passed" in passed.stdout
    assert "(as of 2026-11-29)" in passed.stdout

    (repo / "docs" / "export-log.csv").unlink()
    failed = _try_repo(repo, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "REF_MISSING docs/export-log.csv does not exist" in failed.stdout
