"""The one YAML wrapper: safe loading that keeps node positions for error messages.

libyaml (CSafeLoader) composes the node graph; a small constructor of our own turns it into
plain Python values. Keeping the node graph lets us map any validation location back to
``line:col`` without paying for position bookkeeping on every value.
"""

from __future__ import annotations

import datetime as dt
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sms20k.errors import InputError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is optional
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
_SCALARS = yaml.constructor.SafeConstructor()
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int
    col: int


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class YamlDocument:
    """Parsed data plus the node graph it came from."""

    def __init__(self, display: str, data: Any, root: Node | None) -> None:
        self.display = display
        self.data = data
        self.root = root

    def locate(self, loc: Loc, *, key: bool = False) -> Position | None:
        """Position of the deepest node along ``loc``; with ``key`` the key of its last step."""
        node = self.root
        if node is None:
            return None
        for step in loc:
            child = _child(node, step, key=key and step == loc[-1])
            if child is None:
                break
            node = child
        return _pos(node)


def _child(node: Node, step: str | int, *, key: bool) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                return key_node if key else value_node
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        child: Node = node.value[step]
        return child
    return None


class _Builder:
    """Turns a composed node graph into plain values, refusing anything unsafe or ambiguous."""

    def __init__(self, display: str, budget: int) -> None:
        self.display = display
        self.budget = budget
        self.active: set[int] = set()

    def fail(self, node: Node, message: str) -> InputError:
        pos = _pos(node)
        return InputError(message, path=self.display, line=pos.line, col=pos.col)

    def build(self, node: Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(node, "alias expansion is too large (remove the anchors and aliases)")
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if id(node) in self.active:
            raise self.fail(node, "an alias refers to itself; remove the recursive anchor")
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                if node.tag != _TAG + "seq":
                    raise self.fail(node, f"unsupported tag {_short(node.tag)}; remove it")
                return [self.build(child) for child in node.value]
            if isinstance(node, MappingNode):
                return self.mapping(node)
        finally:
            self.active.discard(id(node))
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def mapping(self, node: MappingNode) -> dict[Any, Any]:
        if node.tag != _TAG + "map":
            raise self.fail(node, f"unsupported tag {_short(node.tag)}; remove it")
        result: dict[Any, Any] = {}
        seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise self.fail(key_node, "merge keys (<<) are not supported; write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "a mapping key must be a plain value, not a list or map")
            key = self.scalar(key_node)
            if key in seen:
                first = _pos(seen[key])
                raise self.fail(
                    key_node,
                    f"duplicate key {key_node.value!r} (first defined at line {first.line}); "
                    "keep one of them",
                )
            seen[key] = key_node
            result[key] = self.build(value_node)
        return result

    def scalar(self, node: Node) -> Any:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, "expected a plain value")
        tag = node.tag
        if tag == _TAG + "str":
            return node.value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _SCALARS.construct_yaml_bool(node)
        if tag == _TAG + "int":
            return _SCALARS.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _SCALARS.construct_yaml_float(node)
        if tag == _TAG + "timestamp":
            value: dt.date = _SCALARS.construct_yaml_timestamp(node)
            return value
        raise self.fail(node, f"unsupported tag {_short(tag)}; sms20k only reads plain YAML data")


def parse(text: str, display: str) -> YamlDocument:
    """Parse one YAML document from ``text``; ``display`` names it in messages."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise InputError("YAML nesting is too deep", path=display, hint="flatten it") from None
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
    if root is None:
        return YamlDocument(display, None, None)
    builder = _Builder(display, budget=len(text) + 10_000)
    try:
        data = builder.build(root)
    except RecursionError:
        raise InputError("YAML nesting is too deep", path=display, hint="flatten it") from None
    return YamlDocument(display, data, root)


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
