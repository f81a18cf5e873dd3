"""``sms20k lock``: the sha256 of every file a path reference names, as a new lock file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sms20k.evidence.hashing import Progress, hash_files
from sms20k.evidence.lockfile import LOCK_NAME, render_lockfile
from sms20k.evidence.references import PathProblem, ReferenceResolver
from sms20k.evidence.repo import load_repository
from sms20k.yamlio import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Lock:
    """The lock file to write (``text`` at ``path``) and how it differs from the last one:
    files locked for the first time, files whose digest changed, files no longer locked."""

    path: Path
    text: str
    files: int
    added: list[str]
    changed: list[str]
    removed: list[str]
    skipped: int


def make_lock(location: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
              progress: Progress | None = None) -> Lock:
    """Hash every file a path reference names; the lock file goes next to the manifest."""
    repo = load_repository(location, max_bytes=max_bytes)
    resolver = ReferenceResolver(repo.root)
    targets: dict[str, Path] = {}
    skipped = 0
    for located in repo.entries:
        for ref in located.value.evidence:
            if ref.path is None or ref.path in targets:
                continue
            try:
                targets[ref.path] = Path(resolver.resolve(ref.path))
            except PathProblem:
                skipped += 1
    digests = hash_files(targets.values(), progress=progress)
    hashes = {rel: d for rel, path in targets.items() if isinstance(d := digests[path], str)}
    skipped += len(targets) - len(hashes)
    old = repo.lock.files if repo.lock else {}
    added = sorted(rel for rel in hashes if rel not in old)
    changed = sorted(rel for rel, digest in hashes.items() if rel in old and old[rel] != digest)
    removed = sorted(rel for rel in old if rel not in hashes)
    return Lock(repo.root / LOCK_NAME, render_lockfile(hashes), len(hashes), added, changed,
                removed, skipped)
