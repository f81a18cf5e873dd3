"""Edit an evidence file in place: only the lines of the values that change are rewritten.

ruamel.yaml (round trip, YAML 1.1 like the project's reader) parses the file for the position
of every key and emits each new value; the rest of the file keeps its bytes, comments and key
order. A full ruamel dump would re-fold every long plain scalar of a hand-wrapped file, so the
new text is spliced in instead. Then the safety net: the new text, read by sms20k.yamlio, must
equal the old data with exactly the intended changes applied, or the file is refused.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from sms20k import yamlio
from sms20k.errors import InputError
from sms20k.ooxmlsafe import require_office

ORDER = ("item", "service", "status", "owner", "reviewed", "notes", "justification", "evidence")
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")
_REFUSED = "cannot edit {name} without changing other content; edit it by hand"


@dataclass
class EntryEdit:
    index: int
    """Position of the entry in the file's ``entries`` list."""
    fields: dict[str, Any] = field(default_factory=dict)
    references: dict[int, dict[str, Any]] = field(default_factory=dict)
    appended: list[dict[str, Any]] = field(default_factory=list)


class EditError(InputError):
    pass


def _yaml(width: int = 100, indent: tuple[int, int, int] = (2, 4, 2)) -> Any:
    ruamel = require_office("ruamel.yaml", "import")
    yaml = ruamel.YAML(typ="rt")
    yaml.version = (1, 1)
    yaml.preserve_quotes = True
    yaml.width = width
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


class _File:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        if self.lines and not self.lines[-1].endswith("\n"):
            self.lines[-1] += self.newline
        try:
            self.root = _yaml().load(text)
        except Exception as exc:  # ruamel raises many kinds; the reader already accepted it
            raise self.refused(f"ruamel.yaml cannot read it: {exc}") from None
        if not _is_block_map(self.root):
            raise self.refused("its top level is not a block mapping")
        self.width = _width(self.lines)
        self.splices: list[tuple[int, int, list[str]]] = []

    def refused(self, why: str) -> EditError:
        return EditError(_REFUSED.format(name=self.name) + f" ({why})", path=self.name)

    def emit(self, key: str, value: Any) -> list[str]:
        ruamel = require_office("ruamel.yaml.comments", "import")
        out = io.StringIO()
        _yaml(self.width).dump(ruamel.CommentedMap([(key, value)]), out)
        return [line.rstrip(" ") for line in out.getvalue().splitlines()
                if not line.startswith(("%YAML", "---"))]

    def end_of(self, start: int, col: int) -> int:
        """The line after a key's value: deeper lines (and list items at the key's column)
        belong to it; blank and comment lines only when more of the value follows."""
        block = bool(_BLOCK_SCALAR.search(self.lines[start].rstrip("\r\n")))
        last, number = start, start + 1
        while number < len(self.lines):
            text = self.lines[number].rstrip("\r\n")
            stripped = text.lstrip(" ")
            indent = len(text) - len(stripped)
            if stripped and (block or not stripped.startswith("#")):
                if not (indent > col or (indent == col and stripped.startswith("-"))):
                    break
                last = number
            number += 1
        return last + 1

    def set(self, node: Any, key: str, value: Any) -> None:
        if key in node:
            line, col = node.lc.key(key)
            end = self.end_of(line, col)
            emitted = self.emit(key, value)
            comment = _eol_comment(node, key, line, end)
            if comment:
                emitted[-1] += f"  {comment}"
            prefix = self.lines[line][:col]
            new = [prefix + emitted[0]] + [" " * col + text if text else "" for text in
                                           emitted[1:]]
            self.splices.append((line, end, new))
            return
        keys = list(node)
        col = node.lc.key(keys[0])[1]
        rank = ORDER.index(key) if key in ORDER else len(ORDER)
        later = [k for k in keys[1:] if k in ORDER and ORDER.index(k) > rank]
        at = node.lc.key(later[0])[0] if later else self.end_of(*node.lc.key(keys[-1]))
        self.splices.append((at, at, [" " * col + text if text else ""
                                      for text in self.emit(key, value)]))

    def append_items(self, node: Any, key: str, items: list[Any], gap: bool = False) -> None:
        """Add ``items`` at the end of the block list ``node[key]``."""
        seq = node.get(key)
        if not seq:
            self.set(node, key, [*(seq or []), *items])
            return
        if not _is_block(seq):
            raise self.refused(f"{key} is written in flow style")
        line, col = seq.lc.item(0)
        dash = self.lines[line].rfind("-", 0, col)
        end = self.end_of(*node.lc.key(key))
        spaced = gap or (len(seq) > 1 and not self.lines[seq.lc.item(1)[0] - 1].strip())
        new: list[str] = []
        for item in items:
            body = self.emit("x", [item])[1:]
            first = body[0].lstrip(" ")[1:].lstrip(" ")
            lines = [" " * dash + "-" + " " * (col - dash - 1) + first]
            depth = len(body[1]) - len(body[1].lstrip(" ")) if len(body) > 1 else 0
            lines += [" " * col + text[depth:] if text else "" for text in body[1:]]
            new += ([""] if spaced else []) + lines
        self.splices.append((end, end, new))

    def text(self) -> str:
        lines = list(self.lines)
        # From the bottom up, so earlier positions stay valid; insertions at one line keep
        # the order they were made in.
        order = sorted(range(len(self.splices)), key=lambda n: (*self.splices[n][:2], n))
        for start, end, new in (self.splices[n] for n in reversed(order)):
            lines[start:end] = [text + self.newline for text in new]
        return "".join(lines)


def _is_block(node: Any) -> bool:
    return hasattr(node, "fa") and not node.fa.flow_style()


def _is_block_map(node: Any) -> bool:
    return isinstance(node, dict) and _is_block(node) and bool(node)


def _eol_comment(node: Any, key: str, start: int, end: int) -> str:
    tokens = node.ca.items.get(key) or []
    for token in tokens[2:3]:
        if token is not None and start <= token.start_mark.line < end:
            return str(token.value).split("\n")[0].strip()
    return ""


_KEY_LINE = re.compile(r"^\s*[^\s#'\"-][^:]*:(\s|$)")


def _width(lines: list[str]) -> int:
    """The width the file was wrapped at: the shortest line a scalar continues on, rounded
    down to ten (an emitter breaks at the first space past its width)."""
    folded = []
    for line, after in itertools.pairwise(lines):
        head, rest = line.rstrip("\r\n"), after.lstrip(" ")
        if (len(after) - len(rest) > len(head) - len(head.lstrip(" ")) and rest.strip()
                and not rest.startswith(("-", "#")) and not _KEY_LINE.match(after)
                and not head.rstrip().endswith((":", "|", ">", "|-", ">-"))):
            folded.append(len(head))
    return max(60, min(min(folded, default=100) // 10 * 10, 200))


def edit_text(text: str, name: str, edits: list[EntryEdit],
              new_entries: list[dict[str, Any]]) -> str:
    """``text`` with ``edits`` applied to its entries and ``new_entries`` appended."""
    file = _File(text, name)
    entries = file.root.get("entries")
    for edit in edits:
        try:
            entry = entries[edit.index]
        except (TypeError, IndexError, KeyError):
            raise file.refused(f"entry {edit.index + 1} not found") from None
        if not _is_block_map(entry):
            raise file.refused(f"entry {edit.index + 1} is not a block mapping")
        for key, value in edit.fields.items():
            file.set(entry, key, value)
        for index, fields in edit.references.items():
            ref = entry["evidence"][index]
            if not _is_block_map(ref):
                raise file.refused(f"a reference of entry {edit.index + 1} is in flow style")
            for key, value in fields.items():
                file.set(ref, key, value)
        if edit.appended:
            file.append_items(entry, "evidence", edit.appended)
    if new_entries:
        if "entries" in file.root:
            file.append_items(file.root, "entries", new_entries)
        else:
            file.splices.append((len(file.lines), len(file.lines),
                                 file.emit("entries", new_entries)))
    new_text = file.text()
    check_result(text, new_text, name, edits, new_entries)
    return new_text


def new_file_text(header: str, entries: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    _yaml().dump({"entries": entries}, out)
    body = "".join(line for line in out.getvalue().splitlines(keepends=True)
                   if not line.startswith(("%YAML", "---")))
    return f"# {header}\n" + "\n".join(line.rstrip(" ") for line in body.split("\n"))


def check_result(old: str, new: str, name: str, edits: list[EntryEdit],
                 new_entries: list[dict[str, Any]]) -> None:
    """The safety net: re-read with the project's reader and compare with the intent."""
    before = yamlio.parse(old, name).data if old else {}
    expected = copy.deepcopy(before) if isinstance(before, dict) else {}
    for edit in edits:
        entry = expected["entries"][edit.index]
        entry.update(edit.fields)
        for index, fields in edit.references.items():
            entry["evidence"][index].update(fields)
        if edit.appended:
            entry["evidence"] = [*(entry.get("evidence") or []), *edit.appended]
    if new_entries:
        expected["entries"] = [*(expected.get("entries") or []), *new_entries]
    try:
        after = yamlio.parse(new, name).data
    except InputError as exc:
        raise EditError(_REFUSED.format(name=name) + f" (the result does not parse: "
                        f"{exc.message})", path=name) from None
    if after != expected:
        raise EditError(_REFUSED.format(name=name) + " (the result would read differently "
                        "from the intended change)", path=name)
