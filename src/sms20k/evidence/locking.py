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
    """The lock file to write (``text`` at ``path``) and what changed since the last one."""

    path: Path
    text: str
    files: int
    changed: list[str]
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
    changed = sorted(rel for rel, digest in hashes.items() if old.get(rel) != digest)
    changed += sorted(rel for rel in old if rel not in hashes)
    return Lock(repo.root / LOCK_NAME, render_lockfile(hashes), len(hashes), changed, skipped)
