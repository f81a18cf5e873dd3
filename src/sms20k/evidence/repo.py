"""Load an evidence repository: the manifest, its included evidence files and the lock file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from sms20k import codes, yamlio
from sms20k.checklists.loader import validate_document
from sms20k.codes import Code
from sms20k.errors import InputError, ProblemsError
from sms20k.evidence.actions import Action
from sms20k.evidence.include import Parts, match_all, split
from sms20k.evidence.limits import MAX_INCLUDE_PATTERNS, check_services
from sms20k.evidence.lockfile import LOCK_NAME, Lockfile, read_lockfile
from sms20k.evidence.models import FORMAT_VERSION, Entry, EvidenceFile, Manifest, Waiver
from sms20k.findings import MANIFEST_NAME as MANIFEST_NAME
from sms20k.findings import Finding, Level
from sms20k.schema_errors import field_path

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A value from a YAML file, with the path to it; positions are looked up on demand."""

    value: T
    doc: yamlio.YamlDocument
    loc: tuple[str | int, ...]

    def problems(self, code: Code, message: str, hint: str) -> ProblemsError:
        return ProblemsError([self.finding(code, message, hint=hint)])

    def finding(self, code: Code, message: str, *, level: Level | None = None,
                at: tuple[str | int, ...] = (), hint: str | None = None,
                item: str | None = None, service: str | None = None,
                detail: str | None = None) -> Finding:
        """A finding at ``at`` below this value."""
        loc = self.loc + at
        pos = self.doc.locate(loc)
        return code.at(self.doc.display, pos.line if pos else None, pos.col if pos else None,
                        message, level=level, hint=hint, item=item, service=service,
                        detail=detail, subject=subject_of(self.doc, loc))


SUBJECT_LIMIT = 200


def subject_of(doc: yamlio.YamlDocument, loc: tuple[str | int, ...]) -> str:
    """``field.path=value``: where a problem is in the document's data, and the scalar found
    there (cut at 200 characters), independent of lines and of how the message words it."""
    node: Any = doc.data
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    value = "" if isinstance(node, (dict, list)) or node is None else str(node)
    return f"{field_path(loc)}={value[:SUBJECT_LIMIT]}"


@dataclass
class Repository:
    root: Path
    manifest: Manifest
    manifest_doc: yamlio.YamlDocument
    evidence_files: list[str] = field(default_factory=list)
    entries: list[Located[Entry]] = field(default_factory=list)
    waivers: list[Located[Waiver]] = field(default_factory=list)
    actions: list[Located[Action]] = field(default_factory=list)
    lock: Lockfile | None = None
    alias_findings: list[Finding] = field(default_factory=list)
    """Set by the catalog stage: ids of merged items that the repository still uses."""

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
                    codes.CHECKLISTS_OUTSIDE, f"{text!r} is outside the repository",
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


def _include(root: Path, manifest: Located[Manifest]) -> tuple[list[Path], list[Finding]]:
    """The evidence files the include patterns match, in one walk of the tree; a pattern
    listed twice counts once (``INCLUDE_DUPLICATE`` warns about it)."""
    problems: list[Finding] = []
    first: dict[str, int] = {}
    for index, pattern in enumerate(manifest.value.include):
        first.setdefault(pattern, index)
    wanted: dict[str, tuple[int, Parts]] = {}
    for pattern, index in first.items():
        pure = PurePosixPath(pattern)
        if pure.is_absolute() or ".." in pure.parts or "\\" in pattern or ":" in pattern:
            problems.append(manifest.finding(
                codes.INCLUDE_OUTSIDE, f"{pattern!r} leaves the repository",
                at=("include", index), hint="use a pattern relative to the root"))
        else:
            wanted[pattern] = (index, split(pattern))
    distinct = list(dict.fromkeys(parts for _, parts in wanted.values()))
    if len(distinct) > MAX_INCLUDE_PATTERNS:
        index = next(i for i, parts in wanted.values() if parts == distinct[MAX_INCLUDE_PATTERNS])
        return [], [manifest.finding(
            codes.INCLUDE_TOO_MANY, f"{len(distinct):,} distinct include patterns; "
            f"sms20k reads at most {MAX_INCLUDE_PATTERNS:,}", at=("include", index),
            hint="match the files with fewer patterns, such as `evidence/**/*.yaml`")]
    real_root = _real(root)
    matched_by = dict(zip(distinct, match_all(root, real_root, distinct), strict=True))
    files: dict[Path, None] = {}
    for pattern, (index, parts) in wanted.items():
        where = ("include", index)
        result = matched_by[parts]
        # Directories are not evidence files; FIFOs, devices and broken links are, and are
        # refused with a message when they are read.
        matched = sorted((m for m in result.found.values()
                          if m.path.name != MANIFEST_NAME and not m.is_dir), key=lambda m: m.path)
        if not matched and not result.outside:
            problems.append(manifest.finding(codes.INCLUDE_EMPTY, f"{pattern!r} matches no file",
                                             at=where, hint="fix the pattern or remove it"))
        leaving = sorted(result.outside) + [m.path for m in matched
                                            if not m.real.is_relative_to(real_root)]
        for path in leaving:
            problems.append(manifest.finding(
                codes.INCLUDE_OUTSIDE, f"{path.relative_to(root)} resolves outside the repository",
                at=where, hint="evidence files must live inside the repository"))
        files.update((m.path, None) for m in matched if m.real.is_relative_to(real_root))
    return list(files), problems


def duplicate_patterns(repo: Repository) -> list[Finding]:
    """One warning per include pattern listed more than once, at its second listing."""
    listed: dict[str, list[int]] = {}
    for index, pattern in enumerate(repo.manifest.include):
        listed.setdefault(pattern, []).append(index)
    findings = []
    for pattern, indexes in listed.items():
        if len(indexes) > 1:
            first = repo.manifest_doc.locate(("include", indexes[0]))
            findings.append(repo.at_manifest(("include", indexes[1])).finding(
                codes.INCLUDE_DUPLICATE, f"{pattern!r} is listed {len(indexes):,} times; "
                f"only the first, on line {first.line if first else '?'}, counts",
                hint="remove the copies"))
    return findings


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
    check_services(manifest, doc)
    located = Located(manifest, doc, ())
    _collect(repo, manifest, doc)
    files, findings = _include(root, located)
    for path in files:
        name = _display(root, path)
        try:
            evidence_doc = yamlio.load(path, name, max_bytes)
            _check_version(evidence_doc)
        except InputError as exc:
            findings.append(exc.as_finding(name))
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
    repo.actions.extend(Located(a, doc, ("actions", i)) for i, a in enumerate(data.actions))
