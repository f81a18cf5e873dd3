"""Filesystem cases that git cannot store: FIFOs, symlinks, permissions, sizes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ..conftest import Invoke, Unprivileged
from .conftest import AS_OF, BASE


def _point_log_at(repo: Path, path: str) -> None:
    entries = repo / "evidence" / "entries.yaml"
    text = entries.read_text().replace("path: docs/export-log.csv", f"path: {path}")
    entries.write_text(text)


def _validate(invoke: Invoke, repo: Path, code: int) -> str:
    result = invoke(["validate", repo, "--as-of", AS_OF], code=code)
    assert "Traceback" not in result.output
    return result.stdout + result.stderr


def test_symlink_leading_outside_is_refused(invoke: Invoke, repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    (repo / "docs" / "link.txt").symlink_to(secret)
    _point_log_at(repo, "docs/link.txt")
    out = _validate(invoke, repo, 1)
    assert "entries.yaml:21:15: [error] REF_ESCAPE docs/link.txt is a symlink leading" in out


def test_symlinked_directory_leading_outside_is_refused(invoke: Invoke, repo: Path,
                                                       tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "log.csv").write_text("x")
    (repo / "shared").symlink_to(tmp_path / "outside")
    _point_log_at(repo, "shared/log.csv")
    assert "REF_ESCAPE shared/log.csv is a symlink" in _validate(invoke, repo, 1)


def test_symlink_inside_the_repository_is_fine(invoke: Invoke, repo: Path) -> None:
    (repo / "docs" / "latest.csv").symlink_to("export-log.csv")
    _point_log_at(repo, "docs/latest.csv")
    assert "valid: 0 errors" in _validate(invoke, repo, 0)


def test_broken_symlink(invoke: Invoke, repo: Path) -> None:
    (repo / "docs" / "gone.csv").symlink_to("nowhere.csv")
    _point_log_at(repo, "docs/gone.csv")
    assert "REF_MISSING docs/gone.csv is a broken symlink" in _validate(invoke, repo, 1)


def test_fifo_reference_does_not_block(invoke: Invoke, repo: Path) -> None:
    os.mkfifo(repo / "docs" / "pipe")
    _point_log_at(repo, "docs/pipe")
    assert "REF_NOT_FILE docs/pipe is not a regular file" in _validate(invoke, repo, 1)


def test_device_reference(invoke: Invoke, repo: Path) -> None:
    (repo / "docs" / "null").symlink_to("/dev/null")
    _point_log_at(repo, "docs/null")
    assert "REF_ESCAPE docs/null" in _validate(invoke, repo, 1)


def test_manifest_fifo_does_not_block(invoke: Invoke, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "sms20k.yaml")
    out = _validate(invoke, tmp_path, 2)
    assert "sms20k.yaml: [error] is not a regular file" in out


def test_manifest_directory(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "sms20k.yaml").mkdir()
    assert "is a directory" in _validate(invoke, tmp_path, 2)


def test_manifest_symlink_outside(invoke: Invoke, repo: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.yaml"
    shutil.move(repo / "sms20k.yaml", real)
    (repo / "sms20k.yaml").symlink_to(real)
    out = _validate(invoke, repo, 2)
    assert f"{repo / 'sms20k.yaml'}: [error] is a symlink to a file outside the repository " \
        "(keep the manifest inside the repository)" in out, out


def test_manifest_symlink_inside_the_repository_is_fine(invoke: Invoke, repo: Path) -> None:
    # load_repository (mutation run of 2026-12-07): only a link that leads outside is refused.
    (repo / "sms20k.yaml").rename(repo / "manifest.yaml")
    (repo / "sms20k.yaml").symlink_to("manifest.yaml")
    _validate(invoke, repo, 0)


def test_repository_that_does_not_exist(invoke: Invoke, tmp_path: Path) -> None:
    out = _validate(invoke, tmp_path / "nope", 2)
    assert "nope: [error] no such file or directory" in out


def test_size_limit(invoke: Invoke, repo: Path) -> None:
    result = invoke(["validate", repo, "--as-of", AS_OF, "--max-file-size", "100"], code=2)
    assert "over the limit of 100" in result.stderr
    assert "--max-file-size" in result.stderr


def test_manifest_path_may_be_given_directly(invoke: Invoke, repo: Path) -> None:
    result = invoke(["validate", repo / "sms20k.yaml", "--as-of", AS_OF], code=0)
    assert "valid: 0 errors" in result.stdout


def test_the_unprivileged_fixture_really_drops_privileges(unprivileged: Unprivileged) -> None:
    secret = unprivileged.base / "secret.txt"
    secret.write_text("x")
    secret.chmod(0)
    with unprivileged.dropped(), pytest.raises(PermissionError):
        secret.read_text()
    assert os.geteuid() == (0 if unprivileged.as_root else os.getuid())


def test_unreadable_evidence_file(invoke: Invoke, unprivileged: Unprivileged) -> None:
    repo = unprivileged.base / "repo"
    shutil.copytree(BASE, repo)
    entries = repo / "evidence" / "entries.yaml"
    entries.chmod(0)
    try:
        with unprivileged.dropped():
            out = _validate(invoke, repo, 2)
    finally:
        entries.chmod(0o644)
    assert "entries.yaml: [error] YAML cannot read: Permission denied" in out


def test_unreadable_referenced_file(invoke: Invoke, unprivileged: Unprivileged) -> None:
    repo = unprivileged.base / "repo"
    shutil.copytree(BASE, repo)
    (repo / "sms20k.lock.json").write_text(
        '{"version": 1, "files": {"docs/export-log.csv": "' + "0" * 64 + '"}}')
    (repo / "docs" / "export-log.csv").chmod(0)
    with unprivileged.dropped():
        out = _validate(invoke, repo, 1)
    assert "[error] REF_UNREADABLE cannot read export-log.csv" in out


def test_validation_never_writes(invoke: Invoke, repo: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in repo.rglob("*")}
    _validate(invoke, repo, 0)
    assert {p: p.stat().st_mtime_ns for p in repo.rglob("*")} == before
