"""Load an evidence repository: the manifest, its included evidence files and the lock file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from sms20k import yamlio
from sms20k.errors import InputError, ProblemsError
from sms20k.evidence.lockfile import LOCK_NAME, Lockfile, read_lockfile
from sms20k.evidence.models import FORMAT_VERSION, Entry, EvidenceFile, Manifest, Waiver
from sms20k.findings import Finding, Level, input_finding
from sms20k.loader import validate_document

MANIFEST_NAME = "sms20k.yaml"
T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A value from a YAML file, with the path to it; positions are looked up on demand."""

    value: T
    doc: yamlio.YamlDocument
    loc: tuple[str | int, ...]

    def problems(self, code: str, message: str, hint: str) -> ProblemsError:
        return ProblemsError([self.finding(code, message, hint=hint)])

    def finding(self, code: str, message: str, *, level: Level = Level.ERROR,
                at: tuple[str | int, ...] = (), hint: str | None = None,
                item: str | None = None, service: str | None = None,
                detail: str | None = None) -> Finding:
        pos = self.doc.locate(self.loc + at)
        return Finding(self.doc.display, pos.line if pos else None, pos.col if pos else None,
                       level, code, message, hint, item=item, service=service, detail=detail)


@dataclass
class Repository:
    root: Path
    manifest: Manifest
    manifest_doc: yamlio.YamlDocument
    evidence_files: list[str] = field(default_factory=list)
    entries: list[Located[Entry]] = field(default_factory=list)
    waivers: list[Located[Waiver]] = field(default_factory=list)
    lock: Lockfile | None = None

    def at_manifest(self, loc: tuple[str | int, ...]) -> Located[None]:
        return Located(None, self.manifest_doc, loc)

    def checklist_dirs(self) -> list[Path]:
        """The manifest's own checklist directories, which must lie inside the repository."""
        dirs: list[Path] = []
        real_root = _real(self.root)
        for index, text in enumerate(self.manifest.checklists):
            path = self.root / text
            where = self.at_manifest(("checklists", index))
            if PurePosixPath(text).is_absolute() or (
                    "\x00" not in text and not _real(path).is_relative_to(real_root)):
                raise ProblemsError([where.finding(
                    "CHECKLISTS_OUTSIDE", f"{text!r} is outside the repository",
                    hint="keep custom checklists inside the repository")])
            if not os.path.isdir(path):  # never raises: NUL bytes, long names, symlink loops
                pos = self.manifest_doc.locate(where.loc)
                problem = "is not a directory" if os.path.lexists(path) else "not found"
                raise InputError(f"checklist directory {text!r} {problem}",
                                 path=self.manifest_doc.display, line=pos.line if pos else None,
                                 col=pos.col if pos else None,
                                 hint="create it or fix the path under `checklists`")
            dirs.append(path)
        return dirs


def _real(path: Path) -> Path:
    """``path.resolve()`` that never raises on symlink loops (Python 3.10 and 3.11 do)."""
    return Path(os.path.realpath(path))


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _check_version(doc: yamlio.YamlDocument) -> None:
    data = doc.data
    if isinstance(data, dict) and "version" in data and data["version"] != FORMAT_VERSION:
        pos = doc.locate(("version",))
        raise InputError(
            f"unsupported format version {data['version']!r}",
            path=doc.display, line=pos.line if pos else None, col=pos.col if pos else None,
            hint=f"this sms20k reads version {FORMAT_VERSION}; upgrade sms20k or fix the version",
        )


_MAGIC = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class _Match:
    path: Path
    real: Path
    is_dir: bool


def _scan(directory: Path) -> list[tuple[str, bool, bool]]:
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


def _glob(root: Path, real_root: Path, pattern: str) -> tuple[list[_Match], list[Path]]:
    """What ``pattern`` matches under ``root``, and the directories on the way that lead
    outside the repository.

    Matches as ``Path.glob`` does (``*``, ``?`` and ``[ab]`` within a name, ``**`` for any
    depth of real directories), but in bounded work whatever the pattern and the symlinks:
    each directory is read at most once per position in the pattern, no directory outside
    the repository is read, and there is no recursion.
    """
    parts: list[str] = []
    for part in pattern.split("/"):
        if part not in ("", ".") and not (part == "**" and parts[-1:] == ["**"]):
            parts.append(part)
    found: list[_Match] = []
    outside: list[Path] = []
    seen: set[tuple[Path, int]] = set()
    stack = [(root, real_root, True, 0)] if parts else []
    while stack:
        path, real, is_dir, index = stack.pop()
        if index == len(parts):
            found.append(_Match(path, real, is_dir))
            continue
        if (real, index) in seen:
            continue
        seen.add((real, index))
        if not real.is_relative_to(real_root):
            outside.append(path)
            continue
        part, last = parts[index], index == len(parts) - 1
        children: list[tuple[Path, Path, bool, int]] = []
        if part == "**":
            children.append((path, real, True, index + 1))
            children.extend((path / name, real / name, True, index)
                            for name, sub_dir, link in _scan(path) if sub_dir and not link)
        elif _MAGIC.search(part):
            children.extend((path / name, _real(path / name) if link else real / name, sub_dir,
                             index + 1)
                            for name, sub_dir, link in _scan(path)
                            if fnmatchcase(name, part) and (last or sub_dir))
        elif os.path.lexists(path / part) and (last or os.path.isdir(path / part)):
            child = path / part
            children.append((child, _real(child) if os.path.islink(child) else real / part,
                             os.path.isdir(child), index + 1))
        stack.extend(reversed(children))
    return found, outside


def _include(root: Path, manifest: Located[Manifest]) -> tuple[list[Path], list[Finding]]:
    files: list[Path] = []
    problems: list[Finding] = []
    real_root = _real(root)
    for index, pattern in enumerate(manifest.value.include):
        where = ("include", index)
        pure = PurePosixPath(pattern)
        if pure.is_absolute() or ".." in pure.parts or "\\" in pattern or ":" in pattern:
            problems.append(manifest.finding(
                "INCLUDE_OUTSIDE", f"{pattern!r} leaves the repository",
                at=where, hint="use a pattern relative to the root"))
            continue
        found, outside = _glob(root, real_root, pattern)
        # Directories are not evidence files; FIFOs, devices and broken links are, and are
        # refused with a message when they are read.
        matched = sorted((m for m in found if m.path.name != MANIFEST_NAME and not m.is_dir),
                         key=lambda m: m.path)
        if not matched and not outside:
            problems.append(manifest.finding("INCLUDE_EMPTY", f"{pattern!r} matches no file",
                                             at=where, hint="fix the pattern or remove it"))
        leaving = sorted(outside) + [m.path for m in matched
                                     if not m.real.is_relative_to(real_root)]
        for path in leaving:
            problems.append(manifest.finding(
                "INCLUDE_OUTSIDE", f"{path.relative_to(root)} resolves outside the repository",
                at=where, hint="evidence files must live inside the repository"))
        known = set(files)
        for match in matched:
            if match.real.is_relative_to(real_root) and match.path not in known:
                files.append(match.path)
                known.add(match.path)
    return files, problems


def load_repository(location: Path, *, max_bytes: int = yamlio.DEFAULT_MAX_BYTES) -> Repository:
    """Read and schema-check everything; raise ProblemsError when anything cannot be used."""
    manifest_path = location / MANIFEST_NAME if location.is_dir() else location
    if not location.exists() and not location.is_symlink():
        raise InputError("no such file or directory", path=str(location))
    root = manifest_path.parent
    display = _display(root, manifest_path)
    if manifest_path.is_symlink() and not _real(manifest_path).is_relative_to(_real(root)):
        raise InputError("is a symlink to a file outside the repository", path=display,
                         hint="keep the manifest inside the repository")
    if not os.path.lexists(manifest_path):
        raise InputError(f"no {MANIFEST_NAME} here", path=display,
                         hint="run `sms20k init` to create one, or pass the repository directory")
    doc = yamlio.load(manifest_path, display, max_bytes)
    _check_version(doc)
    manifest, problems = validate_document(doc, Manifest)
    if manifest is None:
        raise ProblemsError(problems)
    repo = Repository(root=root, manifest=manifest, manifest_doc=doc)
    located = Located(manifest, doc, ())
    _collect(repo, manifest, doc)
    files, findings = _include(root, located)
    for path in files:
        name = _display(root, path)
        try:
            evidence_doc = yamlio.load(path, name, max_bytes)
            _check_version(evidence_doc)
        except InputError as exc:
            findings.append(input_finding(exc, name))
            continue
        data, problems = validate_document(evidence_doc, EvidenceFile)
        findings.extend(problems)
        if data is not None:
            repo.evidence_files.append(name)
            _collect(repo, data, evidence_doc)
    if findings:
        raise ProblemsError(findings)
    repo.lock = read_lockfile(root / LOCK_NAME, _display(root, root / LOCK_NAME))
    return repo


def _collect(repo: Repository, data: Any, doc: yamlio.YamlDocument) -> None:
    repo.entries.extend(Located(e, doc, ("entries", i)) for i, e in enumerate(data.entries))
    repo.waivers.extend(Located(w, doc, ("waivers", i)) for i, w in enumerate(data.waivers))
