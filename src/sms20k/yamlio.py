"""The one YAML wrapper: safe loading that keeps positions for error messages.

libyaml (CSafeLoader) parses; a small reader of our own builds plain Python values straight
from its events and records where each key, value and list element starts, so any validation
location maps back to ``line:col``.
"""

from __future__ import annotations

import datetime as dt
import stat
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml import events as ev
from yaml.resolver import Resolver

from sms20k.errors import InputError

try:
    from yaml import CSafeLoader as _Loader
    _LIBYAML = True
except ImportError:  # pragma: no cover - libyaml is optional
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
    _LIBYAML = False

_TAG = "tag:yaml.org,2002:"
_SCALARS = yaml.constructor.SafeConstructor()
_IMPLICIT = Resolver.yaml_implicit_resolvers
Loc = tuple[str | int, ...]
Mark = tuple[int, int]


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

    def locate(self, loc: Loc, *, key: bool = False) -> Position | None:
        """Position of the deepest value along ``loc``; with ``key`` the key of its last step."""
        if self.root is None:
            return None
        node, pos = self.data, self.root
        for index, step in enumerate(loc):
            table = self._marks.get(id(node))
            if isinstance(node, dict) and table is not None and step in node:
                at = 4 * next(i for i, k in enumerate(node) if k == step)
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


def _mark(event: Any) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


_NO_KEY = object()


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("anchor", "key", "key_mark", "marks", "start", "value")

    def __init__(self, value: Any, anchor: str | None, start: int) -> None:
        self.value = value
        self.anchor = anchor
        self.start = start
        # Flat arrays: (key line, key col, value line, value col) per mapping entry and
        # (line, col) per list element, in order. Tuples per key cost several times more.
        self.marks = array("I")
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (0, 0)


class _Reader:
    """Builds plain values straight from libyaml's events: faster than composing nodes, and
    it records positions as it goes. Unsafe or ambiguous input is refused."""

    def __init__(self, display: str, budget: int) -> None:
        self.display = display
        self.budget = budget
        self.count = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open: set[str] = set()
        self.marks: dict[int, Any] = {}

    def fail(self, mark: Mark, message: str) -> InputError:
        return InputError(message, path=self.display, line=mark[0], col=mark[1])

    def read(self, loader: Any) -> tuple[Any, Mark | None]:
        stack: list[_Frame] = []
        root: Any = None
        root_mark: Mark | None = None
        documents = 0
        get_event = loader.get_event
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                value = self.scalar(event)
                self.count += 1
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is alias_event:
                value = self.alias(event)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                self.check_tag(event, "map" if kind is ev.MappingStartEvent else "seq")
                container: Any = {} if kind is ev.MappingStartEvent else []
                if stack:
                    self.attach(stack[-1], container, _mark(event))
                else:
                    root, root_mark = container, _mark(event)
                if event.anchor:
                    self.open.add(event.anchor)
                stack.append(_Frame(container, event.anchor, self.count))
                self.count += 1
                continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                frame = stack.pop()
                self.marks[id(frame.value)] = frame.marks
                if frame.anchor:
                    self.open.discard(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, self.count - frame.start)
                continue
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(_mark(event), "a file may hold only one YAML document")
                continue
            else:
                continue
            mark = event.start_mark
            if stack:
                self.attach(stack[-1], value, (mark.line + 1, mark.column + 1))
            else:
                root, root_mark = value, (mark.line + 1, mark.column + 1)
        return root, root_mark

    def attach(self, frame: _Frame, value: Any, mark: Mark) -> None:
        if isinstance(frame.value, list):
            frame.value.append(value)
            frame.marks.extend(mark)
        elif frame.key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise self.fail(mark, "a mapping key must be a plain value, not a list or map")
            if value in frame.value:
                first = frame.marks[4 * next(i for i, k in enumerate(frame.value) if k == value)]
                raise self.fail(mark, f"duplicate key {str(value)!r} (first defined at line "
                                      f"{first}); keep one of them")
            frame.key, frame.key_mark = value, mark
        else:
            frame.value[frame.key] = value
            frame.marks.extend(frame.key_mark)
            frame.marks.extend(mark)
            frame.key = _NO_KEY

    def alias(self, event: Any) -> Any:
        if event.anchor in self.open:
            raise self.fail(_mark(event), "an alias refers to itself; remove the recursive anchor")
        if event.anchor not in self.anchors:
            raise self.fail(_mark(event), f"undefined alias *{event.anchor}")
        value, size = self.anchors[event.anchor]
        self.count += size
        if self.count > self.budget:
            raise self.fail(_mark(event), "alias expansion is too large "
                                          "(remove the anchors and aliases)")
        return value

    def check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", _TAG + kind):
            raise self.fail(_mark(event), f"unsupported tag {_short(event.tag)}; remove it")

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag in (None, "!"):
            if not event.implicit[0]:
                return value
            tag = _resolve(value)
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "merge":
            raise self.fail(_mark(event), "merge keys (<<) are not supported; write the keys out")
        constructor = _CONSTRUCTORS.get(tag)
        if constructor is None:
            raise self.fail(_mark(event), f"unsupported tag {_short(tag)}; "
                                          "sms20k only reads plain YAML data")
        try:
            return constructor(value)
        except _TooLarge:
            raise self.fail(_mark(event), f"integer is too large (sms20k reads at most "
                                          f"{MAX_INT_DIGITS} digits)") from None
        except (ValueError, OverflowError, yaml.YAMLError):
            raise self.fail(_mark(event), f"{value!r} is not a valid {_short(tag)}") from None


def _resolve(value: str) -> str:
    # Keyed by first character; the empty string (``key:`` with no value) is null.
    for tag, regexp in _IMPLICIT.get(value[:1], []):
        if regexp.match(value):
            return str(tag)
    return _TAG + "str"


def _node(value: str) -> yaml.ScalarNode:
    return yaml.ScalarNode(_TAG, value)


def _bool(value: str) -> bool:
    result: bool = _SCALARS.construct_yaml_bool(_node(value))
    return result


def _float(value: str) -> float:
    result: float = _SCALARS.construct_yaml_float(_node(value))
    return result


def _date(value: str) -> dt.date:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    result: dt.date = _SCALARS.construct_yaml_timestamp(_node(value))
    return result


MAX_INT_DIGITS = 1000
_INT_LIMIT = 10**MAX_INT_DIGITS


class _TooLarge(ValueError):
    """An integer too large to print: hex, octal and base-60 forms skip Python's digit limit."""


def _int(value: str) -> int:
    if value.isdigit() and (value == "0" or value[0] != "0"):
        if len(value) > MAX_INT_DIGITS:
            raise _TooLarge(value)
        return int(value)
    result: int = _SCALARS.construct_yaml_int(_node(value))
    if abs(result) >= _INT_LIMIT:
        raise _TooLarge(value)
    return result


_CONSTRUCTORS: dict[str, Any] = {
    _TAG + "bool": _bool,
    _TAG + "int": _int,
    _TAG + "float": _float,
    _TAG + "timestamp": _date,
}


def parse(text: str, display: str) -> YamlDocument:
    """Parse one YAML document from ``text``; ``display`` names it in messages."""
    reader = _Reader(display, budget=len(text) + 10_000)
    try:
        loader = _Loader(text)
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
        if _LIBYAML:
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


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


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
        raise InputError("is a directory, expected a YAML file", path=name)
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
