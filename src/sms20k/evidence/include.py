"""Match every ``include`` pattern of a manifest in one walk of the repository tree.

Patterns match as ``Path.glob`` does: ``*``, ``?`` and ``[ab]`` within a name, ``**`` for any
depth of real (not symlinked) directories. The walk carries, for each directory, the set of
(pattern, position) states still to match there, so each directory is read at most once
whatever the number of patterns, each (directory, state) pair is handled at most twice (on
the directory's own path, and once through symlinks) whatever the symlink loops, no
directory outside the repository is read, and there is no recursion. The cost is at most
twice the directories times the pattern positions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import translate
from pathlib import Path

_MAGIC = re.compile(r"[*?\[]")
_GLOBSTAR = "**"

Parts = tuple[str, ...]
Listing = list[tuple[str, bool, bool]]
State = tuple[int, int]


def split(pattern: str) -> Parts:
    """The components of a pattern, without empty and ``.`` parts and runs of ``**``."""
    parts: list[str] = []
    for part in pattern.split("/"):
        if part not in ("", ".") and not (part == _GLOBSTAR and parts[-1:] == [_GLOBSTAR]):
            parts.append(part)
    return tuple(parts)


@dataclass(frozen=True)
class Match:
    path: Path
    real: Path
    is_dir: bool


@dataclass
class Matched:
    """What one pattern matched, and the directories on its way that lead outside."""

    found: dict[Path, Match] = field(default_factory=dict)
    outside: dict[Path, None] = field(default_factory=dict)


def _compile(part: str) -> str | Callable[[str], object]:
    if part == _GLOBSTAR or not _MAGIC.search(part):
        return part
    return re.compile(translate(part)).match


def scan(directory: Path) -> Listing:
    """Each name in a directory, whether it is a directory (following symlinks) and whether
    it is a symlink; nothing when the directory cannot be read."""
    found = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                found.append((entry.name, is_dir, entry.is_symlink()))
    except OSError:
        return []
    return sorted(found)


class _Walk:
    def __init__(self, root: Path, real_root: Path, patterns: Sequence[Parts]) -> None:
        self.real_root = real_root
        self.patterns = [tuple(_compile(part) for part in parts) for parts in patterns]
        self.results = [Matched() for _ in patterns]
        # Only a directory reached through a symlink can be reached again, so only those
        # remember their states: a tree without symlinks keeps no per-directory state.
        self.seen: dict[Path, set[State]] = {}
        self.listings: dict[Path, Listing] = {}
        start = [(p, 0) for p, parts in enumerate(patterns) if parts]
        self.stack: list[tuple[Path, Path, bool, bool, list[State]]] = [
            (root, real_root, True, False, start)]

    def run(self) -> list[Matched]:
        while self.stack:
            self._visit(*self.stack.pop())
        return self.results

    def _pending(self, path: Path, real: Path, is_dir: bool, linked: bool,
                 states: list[State]) -> list[State]:
        """The states still to match below this node, after ``**`` also matched nothing."""
        pending: list[State] = []
        seen = self.seen.setdefault(real, set()) if linked else set()
        patterns, todo = self.patterns, list(states)
        while todo:
            state = todo.pop()
            p, i = state
            if i == len(patterns[p]):
                self.results[p].found.setdefault(path, Match(path, real, is_dir))
            elif state not in seen:
                seen.add(state)
                pending.append(state)
                if patterns[p][i] == _GLOBSTAR:
                    todo.append((p, i + 1))
        return pending

    def _listing(self, path: Path, real: Path) -> Listing:
        listing = self.listings.get(real)
        if listing is None:
            listing = self.listings[real] = scan(path)
        return listing

    def _visit(self, path: Path, real: Path, is_dir: bool, linked: bool,
               states: list[State]) -> None:
        pending = self._pending(path, real, is_dir, linked, states)
        if not pending:
            return
        if not real.is_relative_to(self.real_root):
            for p, _ in pending:
                self.results[p].outside.setdefault(path)
            return
        # Sorted by kind, so each name of the listing costs one look-up per literal name
        # and one test per ``**`` or wildcard state: O(names * states), no stat per state.
        globstars: list[State] = []
        literals: dict[str, list[tuple[int, int, bool]]] = {}
        wildcards: list[tuple[Callable[[str], object], int, int, bool]] = []
        for p, i in pending:
            part, last = self.patterns[p][i], i == len(self.patterns[p]) - 1
            if part == _GLOBSTAR:
                globstars.append((p, i))
            elif isinstance(part, str):
                literals.setdefault(part, []).append((p, i, last))
            else:
                wildcards.append((part, p, i, last))
        children: list[tuple[Path, Path, bool, bool, list[State]]] = []
        for name, sub_dir, link in self._listing(path, real):
            found = list(globstars) if sub_dir and not link else []
            found.extend((p, i + 1) for p, i, last in literals.get(name, ()) if last or sub_dir)
            found.extend((p, i + 1) for match, p, i, last in wildcards
                         if (last or sub_dir) and match(name))
            if found:
                child = path / name
                children.append((child, _real(child) if link else real / name, sub_dir,
                                 linked or link, found))
        self.stack.extend(reversed(children))


def _real(path: Path) -> Path:
    """``path.resolve()`` that never raises on symlink loops (Python 3.10 and 3.11 do)."""
    return Path(os.path.realpath(path))


def match_all(root: Path, real_root: Path, patterns: Sequence[Parts]) -> list[Matched]:
    """What each pattern matches under ``root``, in one walk."""
    return _Walk(root, real_root, patterns).run()
