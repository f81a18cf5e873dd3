"""Paths as CI tools want them: relative to the root of the repository the job checked out.

GitHub and GitLab place a finding on a diff only by a path relative to the root of the git
work tree. sms20k's own messages name files as the user gave them (relative to where it runs,
or absolute); the CI formats rewrite those names relative to the root of the git work tree
that holds the evidence repository (the nearest directory above it with a ``.git``), else
relative to the evidence repository itself. ``--path-prefix`` replaces that root: the paths
are then the prefix joined to the path inside the evidence repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


def work_tree_root(repository: Path) -> Path:
    """The root of the git work tree that holds ``repository``, else ``repository``."""
    start = Path(os.path.abspath(repository))
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


@dataclass(frozen=True)
class CiPaths:
    repository: str
    """The evidence repository, absolute."""
    root: str
    """What the paths are relative to: the work tree root, or the repository with a prefix."""
    prefix: str | None = None

    @classmethod
    def for_repository(cls, repository: Path, prefix: str | None = None) -> CiPaths:
        """``repository`` is the directory or its sms20k.yaml, as the commands take it."""
        repo = os.path.abspath(repository.parent if repository.is_file() else repository)
        root = repo if prefix is not None else str(work_tree_root(Path(repo)))
        return cls(repository=repo, root=root, prefix=normalize_prefix(prefix))

    def rewrite(self, path: str) -> str:
        """``path`` as sms20k displayed it (relative to the working directory, or absolute),
        relative to the root, in forward slashes; with a prefix, the prefix joined to it."""
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        if self.prefix:
            return str(PurePosixPath(self.prefix) / relative)
        return relative


def normalize_prefix(prefix: str | None) -> str | None:
    """``compliance/`` and ``./compliance`` are ``compliance``; ``.`` or empty is no prefix."""
    if prefix is None:
        return None
    cleaned = str(PurePosixPath(prefix.replace("\\", "/")))
    return "" if cleaned in (".", "/") else cleaned.lstrip("/")
