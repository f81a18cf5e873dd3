"""The one YAML wrapper: safe loading that keeps positions for error messages.

libyaml (CSafeLoader) parses; a small reader of our own builds plain Python values straight
from its events and records where each key, value and list element starts, so any validation
location maps back to ``line:col``.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sms20k.errors import InputError
from sms20k.yamlreader import LIBYAML, MAX_INT_DIGITS, Loader, Mark, Reader

__all__ = ["DEFAULT_MAX_BYTES", "MAX_INT_DIGITS", "Position", "YamlDocument", "load", "parse",
           "read_bytes"]
Loc = tuple[str | int, ...]
# Mappings up to this size are searched for a key; larger ones get an index, built once.
_SCAN_KEYS = 8


@dataclass(frozen=True)
class Position:
    line: int
    col: int


class YamlDocument:
    """Parsed data plus where each mapping key, value and list element starts."""

    def __init__(self, display: str, data: Any, root: Mark | None,
                 marks: dict[int, Any] | None = None) -> None:
        self.display = display
        self.data = data
        self.root = root
        self._marks = marks or {}
        self._indexes: dict[int, dict[Any, int]] = {}

    def locate(self, loc: Loc, *, key: bool = False) -> Position | None:
        """Position of the deepest value along ``loc``; with ``key`` the key of its last step."""
        if self.root is None:
            return None
        node, pos = self.data, self.root
        for index, step in enumerate(loc):
            table = self._marks.get(id(node))
            if isinstance(node, dict) and table is not None and step in node:
                at = 4 * self._index_of(node, step)
                last = index == len(loc) - 1
                pos = (table[at], table[at + 1]) if key and last else (table[at + 2],
                                                                         table[at + 3])
                node = node[step]
            elif (isinstance(node, list) and table is not None and isinstance(step, int)
                  and 0 <= step < len(node)):
                pos = (table[2 * step], table[2 * step + 1])
                node = node[step]
            else:
                break
        return Position(*pos)

    def _index_of(self, node: dict[Any, Any], step: Any) -> int:
        """Where ``step`` sits among the keys: linear in total, however many keys are looked up."""
        if len(node) <= _SCAN_KEYS:
            return next(i for i, k in enumerate(node) if k is step or k == step)
        index = self._indexes.get(id(node))
        if index is None:
            index = self._indexes[id(node)] = {k: i for i, k in enumerate(node)}
        return index[step]


def parse(text: str, display: str) -> YamlDocument:
    """Parse one YAML document from ``text``; ``display`` names it in messages."""
    reader = Reader(text, display)
    try:
        loader = Loader(text)
    except UnicodeEncodeError as exc:  # lone surrogates: only reachable from Python callers
        line, col = _position(text, exc.start)
        raise InputError("not valid Unicode text (a lone surrogate)", path=display, line=line,
                         col=col, hint="save the file as UTF-8") from None
    try:
        data, root = reader.read(loader)
    except RecursionError:
        raise InputError("YAML nesting is too deep", path=display, hint="flatten it") from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of the UTF-8 text, the pure-Python reader characters.
        offset = exc.position
        if LIBYAML:
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, col = _position(text, offset)
        raise InputError(
            f"unacceptable character #x{exc.character:04x}: {exc.reason}",
            path=display, line=line, col=col,
            hint="remove it; sms20k reads UTF-8 text without control characters",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            f"syntax error: {problem}",
            path=display,
            line=mark.line + 1 if mark else None,
            col=mark.column + 1 if mark else None,
            hint=_syntax_hint(problem, _line_text(text, mark.line) if mark else ""),
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", path=display) from None
    finally:
        loader.dispose()
    return YamlDocument(display, data, root, reader.marks)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line] if 0 <= line < len(lines) else ""


def _syntax_hint(problem: str, line: str) -> str:
    if "tab" in problem or "\t" in line[: len(line) - len(line.lstrip())]:
        return "indent with spaces, not tabs"
    if "nesting depth" in problem:
        return "flatten the document; sms20k reads at most 1000 levels"
    if "mapping values" in problem:
        return "quote values that contain ': '"
    return "check the indentation and quoting around this position"


DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a regular file, refusing directories, FIFOs, devices and oversized files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("file not found", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", path=name)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a FIFO, socket or device?)", path=name)
    if info.st_size > max_bytes:
        raise InputError(
            f"is {info.st_size:,} bytes, over the limit of {max_bytes:,}",
            path=name, hint="raise it with --max-file-size or split the file",
        )
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from None


def load(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> YamlDocument:
    """Read and parse ``path``; every failure is an InputError that names the file."""
    name = display if display is not None else str(path)
    raw = read_bytes(path, name, max_bytes)
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError("is UTF-32 encoded", path=name, line=1, col=1,
                         hint="save the file as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("is UTF-16 encoded", path=name, line=1, col=1,
                         hint="save the file as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            path=name, line=line, col=col, hint="save the file as UTF-8",
        ) from None
    return parse(text, name)
