"""Reports and lock files are written atomically: a failed write leaves the previous file
whole and no temporary file behind."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import sms20k.formats.pdf as pdf
from sms20k import atomic
from sms20k.atomic import write_atomic
from sms20k.errors import InputError

from ..conftest import DATA, Invoke

AS_OF = "2026-11-29"


def _fail(*_: Any, **__: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           step: str) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report")
    monkeypatch.setattr(atomic.os, step, _fail)
    with pytest.raises(InputError, match="cannot write: No space left on device"):
        write_atomic(target, "new report " * 1000)
    assert target.read_text() == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_readers_never_see_a_partial_report(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """While the new content is being written, the target still holds the old content."""
    target = tmp_path / "report.json"
    target.write_text('{"old": true}')
    seen: list[str] = []
    real_fsync = os.fsync

    def fsync_and_look(fd: int) -> None:
        seen.append(target.read_text())
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync_and_look)
    write_atomic(target, '{"new": true}')
    assert seen == ['{"old": true}']
    assert target.read_text() == '{"new": true}'


def test_assess_writes_every_report_or_none(invoke: Invoke, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every format is rendered before the first file is written: when one fails (here the
    PDF, without WeasyPrint), the reports already in the output directory are untouched."""
    repo = tmp_path / "repo"
    shutil.copytree(DATA / "evidence" / "valid" / "basic", repo)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("previous")

    def no_weasyprint() -> Any:
        raise InputError("WeasyPrint is not installed")

    monkeypatch.setattr(pdf, "load_weasyprint", no_weasyprint)
    result = invoke(["assess", repo, "--as-of", AS_OF, "-q", "-o", out, "-f", "html", "-f",
                     "pdf"], code=2)
    assert "internal error" not in result.stderr
    assert (out / "report.html").read_text() == "previous"
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]

