"""The pre-commit hook, run for real by ``pre-commit run`` in fixture git repositories.

The hook repository is a snapshot of this checkout's working tree (tracked and untracked,
not ignored files), committed in a temporary git repository, so the hook under test is the
one being edited, not the last commit. pre-commit installs it into a virtualenv of its own
with pip, so those tests need the package registry (or a pip configuration that finds
hatchling and sms20k's dependencies): they are marked ``network``, and SMS20K_OFFLINE=1 skips
them. The ``repo: local`` hook runs the sms20k of this environment and needs no network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import DATA

ROOT = Path(__file__).resolve().parents[1]
# The `files:` pattern docs/ci.md shows for an evidence repository in compliance/.
EVIDENCE_FILES = r"^compliance/(sms20k\.yaml|sms20k\.lock\.json|evidence/|docs/|records/)"
LOCAL_HOOK = {
    "id": "sms20k-validate", "name": "sms20k validate", "entry": "sms20k validate",
    "language": "system", "pass_filenames": False, "require_serial": True,
}
pytestmark = pytest.mark.slow


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                          cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(repo, rev) of a git repository holding this working tree."""
    shadow = tmp_path_factory.mktemp("hook-repo")
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if not source.is_symlink() and not source.is_file():
            continue  # deleted but not yet committed
        (shadow / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, shadow / name, follow_symlinks=False)
    _git(shadow, "init", "-q")
    _git(shadow, "add", ".")
    _git(shadow, "commit", "-qm", "snapshot")
    return str(shadow), _git(shadow, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # One pre-commit store for the module: the hook's virtualenv is built once.
    environ = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("cache")),
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    environ.pop("VIRTUAL_ENV", None)
    environ.pop("SOURCE_DATE_EPOCH", None)
    return environ


def _project(tmp_path: Path, hook: dict[str, object], *, subfolder: str = "") -> Path:
    """A git repository with the basic evidence case (in ``subfolder``), an unrelated source
    file and a pre-commit config with ``hook``, all committed."""
    project = tmp_path / "project"
    evidence = project / subfolder if subfolder else project
    shutil.copytree(DATA / "evidence" / "valid" / "basic", evidence)
    (evidence / "expected.txt").unlink()
    (project / "app").mkdir()
    (project / "app" / "main.py").write_text("print('hello')\n")
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [hook]}))
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "init")
    return project


def _run(project: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--verbose", *args],
                          cwd=project, env=env, capture_output=True, text=True, check=False,
                          timeout=600)


def _break_a_reference(entries: Path) -> None:
    text = entries.read_text()
    assert "docs/export-log.csv" in text
    entries.write_text(text.replace("docs/export-log.csv", "docs/export-log-2025.csv"))


@pytest.mark.network
def test_hook_passes_then_fails_on_a_broken_reference(hook_repo: tuple[str, str],
                                                      env: dict[str, str],
                                                      tmp_path: Path) -> None:
    repo, rev = hook_repo
    project = _project(tmp_path, {"repo": repo, "rev": rev, "hooks": [{"id": "sms20k-validate"}]})
    passed = _run(project, env, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "sms20k validate" in passed.stdout and "Passed" in passed.stdout
    # The hook runs `sms20k validate` without --as-of: dates are judged as of the fixture's
    # assessment.date (2026-11-29), whatever the day the test runs.
    assert "(as of 2026-11-29)" in passed.stdout

    (project / "docs" / "export-log.csv").unlink()
    failed = _run(project, env, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "REF_MISSING" in failed.stdout and "docs/export-log.csv does not exist" in failed.stdout


def _check_subfolder(project: Path, env: dict[str, str]) -> None:
    """`args: [compliance]` validates the subfolder; `files:` runs the hook only when a
    commit touches the evidence."""
    passed = _run(project, env, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout and "(as of 2026-11-29)" in passed.stdout

    (project / "app" / "main.py").write_text("print('changed')\n")
    _git(project, "add", "app/main.py")
    skipped = _run(project, env)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)" in skipped.stdout and "Skipped" in skipped.stdout
    _git(project, "commit", "-qm", "app only", "--no-verify")

    _break_a_reference(project / "compliance" / "evidence" / "entries.yaml")
    _git(project, "add", "compliance/evidence/entries.yaml")
    failed = _run(project, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "REF_MISSING" in failed.stdout and "export-log-2025.csv" in failed.stdout
    assert "no sms20k.yaml here" not in failed.stdout

    # The same change through `git commit`, as a user meets it: the hook blocks the commit.
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project,
                               env=env, capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    blocked = subprocess.run(["git", "commit", "-qm", "broken evidence"], cwd=project, env=env,
                             capture_output=True, text=True, check=False, timeout=600)
    assert blocked.returncode == 1 and "REF_MISSING" in blocked.stdout + blocked.stderr


@pytest.mark.network
def test_hook_in_a_subfolder_with_args_and_files(hook_repo: tuple[str, str],
                                                 env: dict[str, str], tmp_path: Path) -> None:
    repo, rev = hook_repo
    hook = {"id": "sms20k-validate", "args": ["compliance"], "files": EVIDENCE_FILES}
    project = _project(tmp_path, {"repo": repo, "rev": rev, "hooks": [hook]},
                       subfolder="compliance")
    _check_subfolder(project, env)


@pytest.mark.network
def test_hook_without_args_says_where_the_manifest_is_missing(hook_repo: tuple[str, str],
                                                              env: dict[str, str],
                                                              tmp_path: Path) -> None:
    repo, rev = hook_repo
    project = _project(tmp_path, {"repo": repo, "rev": rev, "hooks": [{"id": "sms20k-validate"}]},
                       subfolder="compliance")
    failed = _run(project, env, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "no sms20k.yaml here" in failed.stdout and "pass the repository" in failed.stdout


def test_local_hook_in_a_subfolder(env: dict[str, str], tmp_path: Path) -> None:
    """The `repo: local` alternative docs/ci.md gives until a release is published: the
    sms20k on PATH (here this environment's), no network."""
    local = {**env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"}
    hook = {**LOCAL_HOOK, "args": ["compliance"], "files": EVIDENCE_FILES}
    project = _project(tmp_path, {"repo": "local", "hooks": [hook]}, subfolder="compliance")
    _check_subfolder(project, local)
    shown = _run(project, local, "--all-files")
    assert "deprecated" not in shown.stdout + shown.stderr
