"""make_lock's counts, skips, limit and progress (issue 12)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.errors import InputError
from sms20k.evidence import locking
from sms20k.evidence.locking import make_lock


def _refs(repo: Path, *paths: str) -> None:
    """Give X01.01 path references to ``paths``, in this order."""
    entries_file = repo / "evidence" / "entries.yaml"
    doc: dict[str, Any] = yaml.safe_load(entries_file.read_text())
    doc["entries"][0]["evidence"] = [{"path": p, "description": "Doc."} for p in paths]
    entries_file.write_text(yaml.safe_dump(doc, sort_keys=False))


def test_duplicates_are_hashed_once_and_bad_paths_skipped(repo: Path) -> None:
    (repo / "docs" / "extra.md").write_text("extra\n")
    _refs(repo, "docs/export-procedure.md", "docs/export-procedure.md", "../outside.md",
          "docs/extra.md", "/etc/passwd")
    lock = make_lock(repo)
    assert (lock.files, lock.skipped) == (4, 2)
    assert lock.added == ["docs/availability-2026-10.md", "docs/export-log.csv",
                          "docs/export-procedure.md", "docs/extra.md"]
    assert lock.changed == lock.removed == []
    assert lock.path == repo / "sms20k.lock.json"


def test_a_file_that_cannot_be_read_is_skipped_too(repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = locking.hash_files

    def unreadable_log(paths: Iterable[Path], **kwargs: Any) -> dict[Path, str | OSError]:
        digests = real(paths, **kwargs)
        return {p: OSError("denied") if p.name == "export-log.csv" else d
                for p, d in digests.items()}

    monkeypatch.setattr(locking, "hash_files", unreadable_log)
    _refs(repo, "docs/export-procedure.md", "../a.md", "../b.md")
    lock = make_lock(repo)
    assert (lock.files, lock.skipped) == (2, 3)


def test_progress_reaches_every_file(repo: Path) -> None:
    calls: list[tuple[int, int, int]] = []
    make_lock(repo, progress=lambda done, total, size: calls.append((done, total, size)))
    sizes = sum((repo / "docs" / name).stat().st_size for name in
                ("availability-2026-10.md", "export-log.csv", "export-procedure.md"))
    assert [(done, total) for done, total, _ in calls] == [(1, 3), (2, 3), (3, 3)]
    assert calls[-1][2] == sizes


def test_the_size_limit_applies_to_the_manifest(repo: Path) -> None:
    with pytest.raises(InputError, match="over the limit of 100"):
        make_lock(repo, max_bytes=100)


def test_the_lock_file_layout(repo: Path) -> None:
    text = make_lock(repo).text
    assert text.startswith('{\n  "version": 1,\n  "files": {\n'
                           '    "docs/availability-2026-10.md": "')
    assert text.endswith('"\n  }\n}\n')


def test_relock_sorts_new_changed_and_removed_files(repo: Path) -> None:
    (repo / "docs" / "extra.md").write_text("extra\n")
    first = make_lock(repo)
    first.path.write_text(first.text)
    (repo / "docs" / "export-log.csv").write_text("changed\n")
    _refs(repo, "docs/export-log.csv", "docs/extra.md")
    again = make_lock(repo)
    assert again.added == ["docs/extra.md"]
    assert again.changed == ["docs/export-log.csv"]
    assert again.removed == ["docs/export-procedure.md"]
