"""The event reader behind sms20k.yamlio: plain values straight from libyaml's events.

It is faster than composing nodes, records where every key, value and list element starts,
and refuses what is unsafe or ambiguous: unknown tags, merge keys, duplicate keys and
anchors, NaN keys, and aliases that would expand the document past its limits.
"""

from __future__ import annotations

from array import array
from typing import Any

from yaml import events as ev

from sms20k.errors import InputError
from sms20k.yamlscalars import CONSTRUCTORS, MAX_INT_DIGITS, TAG, TooLarge, resolve, short_tag

try:
    from yaml import CSafeLoader as Loader
    LIBYAML = True
except ImportError:  # pragma: no cover - libyaml is optional
    from yaml import SafeLoader as Loader  # type: ignore[assignment]
    LIBYAML = False

__all__ = ["EXPANSION_FACTOR", "EXPANSION_FLOOR", "EXTRA_NODES", "LIBYAML", "MAX_INT_DIGITS",
           "Loader", "Mark", "Reader", "mark_of"]
Mark = tuple[int, int]
# Written out with every alias replaced by its anchor's content, a document may hold at most
# this many characters of scalar text (at least EXPANSION_FLOOR) and this many extra nodes.
EXPANSION_FACTOR = 4
EXPANSION_FLOOR = 1 << 20
EXTRA_NODES = 10_000

_NO_KEY = object()


def mark_of(event: Any) -> Mark:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("anchor", "key", "key_mark", "marks", "value")

    def __init__(self, value: Any, anchor: str | None) -> None:
        self.value = value
        self.anchor = anchor
        # Flat arrays: (key line, key col, value line, value col) per mapping entry and
        # (line, col) per list element, in order. Tuples per key cost several times more.
        self.marks = array("I")
        self.key: Any = _NO_KEY
        self.key_mark: Mark = (0, 0)


class Reader:
    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.display = display
        self.max_nodes = len(text) + EXTRA_NODES
        self.max_chars = max(EXPANSION_FACTOR * len(text), EXPANSION_FLOOR)
        # anchor -> (value, nodes, characters, mark); open ones -> (mark, nodes, characters)
        self.anchors: dict[str, tuple[Any, int, int, Mark]] = {}
        self.open: dict[str, tuple[Mark, int, int]] = {}
        self.marks: dict[int, Any] = {}
        # Plain scalar text -> its value, and text -> one str object: keys, statuses, ids and
        # dates repeat in every entry, and each copy would stay alive in the data and models.
        self.plain: dict[str, Any] = {}
        self.strings: dict[str, str] = {}

    def fail(self, mark: Mark, message: str, hint: str | None = None) -> InputError:
        return InputError(message, path=self.display, line=mark[0], col=mark[1], hint=hint)

    def read(self, loader: Any) -> tuple[Any, Mark | None]:
        stack: list[_Frame] = []
        root: Any = None
        root_mark: Mark | None = None
        documents = nodes = chars = 0
        get_event = loader.get_event
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                value = self.scalar(event)
                nodes += 1
                chars += len(event.value)
                if event.anchor:
                    self.define(event)
                    self.anchors[event.anchor] = (value, 1, len(event.value), mark_of(event))
            elif kind is alias_event:
                value, size, length = self.alias(event)
                nodes += size
                chars += length
                if nodes > self.max_nodes or chars > self.max_chars:
                    raise self.too_large(event, nodes, chars)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                self.check_tag(event, "map" if kind is ev.MappingStartEvent else "seq")
                container: Any = {} if kind is ev.MappingStartEvent else []
                if stack:
                    self.attach(stack[-1], container, mark_of(event))
                else:
                    root, root_mark = container, mark_of(event)
                if event.anchor:
                    self.define(event)
                    self.open[event.anchor] = (mark_of(event), nodes, chars)
                stack.append(_Frame(container, event.anchor))
                nodes += 1
                continue
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                frame = stack.pop()
                marks = frame.marks
                # Kept for the whole run: exact size, and two bytes a number when they fit.
                self.marks[id(frame.value)] = array("H" if max(marks, default=0) <= 0xFFFF
                                                    else "I", marks)
                if frame.anchor:
                    mark, first_node, first_char = self.open.pop(frame.anchor)
                    self.anchors[frame.anchor] = (frame.value, nodes - first_node,
                                                  chars - first_char, mark)
                continue
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(mark_of(event), "a file may hold only one YAML document")
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
            if value != value:  # NaN: it equals no key, itself included
                raise self.fail(mark, "a mapping key may not be NaN (.nan)", hint="quote it")
            if value in frame.value:
                raise self.duplicate(frame, value, mark)
            frame.key, frame.key_mark = value, mark
        else:
            frame.value[frame.key] = value
            frame.marks.extend(frame.key_mark)
            frame.marks.extend(mark)
            frame.key = _NO_KEY

    def duplicate(self, frame: _Frame, value: Any, mark: Mark) -> InputError:
        index = next(i for i, key in enumerate(frame.value) if key is value or key == value)
        first: Mark = (frame.marks[4 * index], frame.marks[4 * index + 1])
        written = _written(self.text, {first, mark})
        again, before = written.get(mark, str(value)), written.get(first, str(value))
        where = f"first defined at line {first[0]}"
        if before != again:
            where += f" as {before!r}, both read as {_plain(value)}"
        return self.fail(mark, f"duplicate key {again!r} ({where}); keep one of them")

    def define(self, event: Any) -> None:
        name: str = event.anchor
        first = self.anchors[name][3] if name in self.anchors else (
            self.open[name][0] if name in self.open else None)
        if first is not None:
            raise self.fail(mark_of(event), f"duplicate anchor &{name} (first defined at line "
                                            f"{first[0]})", hint="give each anchor its own name")

    def alias(self, event: Any) -> tuple[Any, int, int]:
        if event.anchor in self.open:
            raise self.fail(mark_of(event), "an alias refers to itself",
                            hint="remove the recursive anchor")
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            raise self.fail(mark_of(event), f"undefined alias *{event.anchor}")
        return anchor[0], anchor[1], anchor[2]

    def too_large(self, event: Any, nodes: int, chars: int) -> InputError:
        if chars > self.max_chars:
            size = (f"{chars:,} characters of text, over the limit of {self.max_chars:,} "
                    f"({EXPANSION_FACTOR} times the file's length, at least {EXPANSION_FLOOR:,})")
        else:
            size = (f"{nodes:,} values, over the limit of {self.max_nodes:,} (the file's "
                    f"length plus {EXTRA_NODES:,})")
        return self.fail(mark_of(event), f"alias expansion is too large: with *{event.anchor} "
                                         f"written out the document holds {size}",
                         hint="write the repeated values out once, or use fewer aliases")

    def check_tag(self, event: Any, kind: str) -> None:
        if event.tag not in (None, "!", TAG + kind):
            raise self.fail(mark_of(event), f"unsupported tag {short_tag(event.tag)}; remove it")

    def scalar(self, event: Any) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return self.strings.setdefault(value, value)
            known = self.plain.get(value, _NO_KEY)
            if known is _NO_KEY:
                known = self.plain[value] = self.construct(event, value, resolve(value), False)
            return known
        return self.construct(event, value, tag, True)

    def construct(self, event: Any, value: str, tag: str, explicit: bool) -> Any:
        if tag == TAG + "str":
            return self.strings.setdefault(value, value)
        if tag == TAG + "null":
            return None
        if tag == TAG + "merge":
            raise self.fail(mark_of(event), "merge keys (<<) are not supported; write the keys out")
        constructor = CONSTRUCTORS.get(tag)
        if constructor is None:
            raise self.fail(mark_of(event), f"unsupported tag {short_tag(tag)}; "
                                            "sms20k only reads plain YAML data")
        try:
            return constructor(value)
        except TooLarge:
            raise self.fail(mark_of(event), f"integer is too large (sms20k reads at most "
                                            f"{MAX_INT_DIGITS} digits)") from None
        except Exception:  # PyYAML's constructors fail in many ways on explicitly tagged text
            if explicit:
                message, hint = (f"{value!r} is not a valid {short_tag(tag)}",
                                 f"remove {short_tag(tag)} or fix the value")
            else:
                what, fix = _WORDS.get(short_tag(tag), (short_tag(tag), "fix the value"))
                message, hint = f"{value!r} looks like {what} but is not one", fix
            raise self.fail(mark_of(event), message, hint=hint) from None


# What a plain scalar that YAML takes for a date or number and cannot read is, in words.
_WORDS = {
    "!!timestamp": ("a date", "write a real date as YYYY-MM-DD (2026-02-28), or quote the "
                    "text to keep it as text"),
    "!!int": ("a whole number", "fix the number, or quote the text to keep it as text"),
    "!!float": ("a number", "fix the number, or quote the text to keep it as text"),
}


def _written(text: str, marks: set[Mark]) -> dict[Mark, str]:
    """The keys at ``marks`` as written (``yes``, not True): read again, on the error path only."""
    found: dict[Mark, str] = {}
    loader = Loader(text)
    try:
        while len(found) < len(marks) and (event := loader.get_event()) is not None:
            if isinstance(event, (ev.ScalarEvent, ev.AliasEvent)) and mark_of(event) in marks:
                written = event.value if isinstance(event, ev.ScalarEvent) else f"*{event.anchor}"
                found.setdefault(mark_of(event), written)
    finally:
        loader.dispose()
    return found


def _plain(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return str(value)
