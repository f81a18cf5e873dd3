"""Parallel sha256 of evidence files; hashlib releases the GIL, so threads scale."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

Progress = Callable[[int, int, int], None]
"""Called with (files done, files in all, bytes done) while hashing runs."""

_CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        if hasattr(hashlib, "file_digest"):
            digest: str = hashlib.file_digest(handle, "sha256").hexdigest()
            return digest
        state = hashlib.sha256()  # pragma: no cover - Python 3.10
        for chunk in iter(lambda: handle.read(_CHUNK), b""):  # pragma: no cover
            state.update(chunk)
        return state.hexdigest()  # pragma: no cover


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def _safe_hash(path: Path) -> str | OSError:
    try:
        return sha256_file(path)
    except OSError as exc:
        return exc


def hash_files(paths: Iterable[Path], *, workers: int | None = None,
               progress: Progress | None = None) -> dict[Path, str | OSError]:
    """sha256 of each distinct path; a file that cannot be read maps to its OSError."""
    unique = list(dict.fromkeys(paths))
    results: dict[Path, str | OSError] = {}
    done_bytes = 0
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        for path, digest in zip(unique, pool.map(_safe_hash, unique), strict=True):
            results[path] = digest
            if progress is not None:
                done_bytes += _size(path)
                progress(len(results), len(unique), done_bytes)
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
