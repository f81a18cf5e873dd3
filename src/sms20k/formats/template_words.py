"""Values and Python's wording in the terms of docs/templates.md: a template's author knows
the context (``report.meta``), mappings, lists, text and numbers, not Python's classes."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

_KINDS = {
    "dict": "a mapping", "list": "a list", "tuple": "a list", "range": "a range",
    "str": "text", "Markup": "text", "int": "a number", "float": "a number",
    "bool": "true or false", "NoneType": "none", "None": "none", "date": "a date",
    "datetime": "a date", "generator": "a sequence", "Macro": "a macro",
    "function": "a function", "builtin_function_or_method": "a function",
    "method": "a method", "LoopContext": "loop", "Namespace": "a namespace",
    "TemplateReference": "self", "TemplateModule": "an imported template",
    "BlockReference": "a block",
}
_FIELDS_SHOWN = 30
_TYPE = r"(\w+)"


def kind_of(value: object) -> str:
    """What ``value`` is, in the documentation's words: ``a mapping``, ``text``, ``none``."""
    if isinstance(value, dt.date):
        return "a date"
    return kind_named(type(value).__name__)


def kind_named(type_name: str) -> str:
    return _KINDS.get(type_name, "a value")


def bare(kind: str) -> str:
    """``mapping`` for ``a mapping``: after "of" or "is not"."""
    return kind.removeprefix("a ").removeprefix("an ")


class Places:
    """Finds where a value sits in the template's context (``report.results[3]``), by
    identity, walking the context only when an error needs a name."""

    def __init__(self, roots: Mapping[str, object]) -> None:
        self.roots = roots
        self._found: dict[int, str] | None = None

    def path(self, value: object) -> str | None:
        if not isinstance(value, (dict, list)):
            return None
        if self._found is None:
            self._found = _walk(self.roots)
        return self._found.get(id(value))

    def name(self, value: object) -> str:
        """``report.meta``, or what the value is when the template built it itself."""
        return self.path(value) or kind_of(value)


def _walk(roots: Mapping[str, object]) -> dict[int, str]:
    """Breadth first, in the order report, ctx, options: each value's shortest name, and
    ``report.results[0]`` before ``ctx.groups[0].results[0]`` for the entries they share."""
    found: dict[int, str] = {}
    queue: deque[tuple[object, str]] = deque((v, k) for k, v in roots.items())
    while queue:
        value, path = queue.popleft()
        if not isinstance(value, (dict, list)) or id(value) in found:
            continue
        found[id(value)] = path
        if isinstance(value, dict):
            queue.extend((v, f"{path}.{k}" if str(k).isidentifier() else f"{path}[{k!r}]")
                         for k, v in value.items())
        else:
            queue.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
    return found


def listing(names: Iterable[object]) -> str:
    """Names for a message, the first few only."""
    shown = [str(n) for n in names]
    more = len(shown) - _FIELDS_SHOWN
    text = ", ".join(shown[:_FIELDS_SHOWN])
    return f"{text}, and {more} more" if more > 0 else text


def _not(match: re.Match[str]) -> str:
    name = match[1] or match[2]
    if name not in _KINDS:
        return match[0]
    return f"(not {kind_named(name)})" if match[1] else f"not {kind_named(name)}"


_REWRITES: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"unsupported operand type\(s\) for (\S+): '(\w+)' and '(\w+)'"),
     lambda m: f"`{m[1]}` does not work on {kind_named(m[2])} and {kind_named(m[3])}"),
    (re.compile(r"can only concatenate (\w+) \(not \"(\w+)\"\) to \w+"),
     lambda m: f"`+` cannot join {kind_named(m[1])} and {kind_named(m[2])}"),
    (re.compile(r"'(\S+)' not supported between instances of '(\w+)' and '(\w+)'"),
     lambda m: f"`{m[1]}` cannot compare {kind_named(m[2])} with {kind_named(m[3])}"),
    (re.compile(r"object of type '(\w+)' has no len\(\)"),
     lambda m: f"{kind_named(m[1])} has no length"),
    (re.compile(r"'(\w+)' object is not iterable|cannot unpack non-iterable (\w+) object"),
     lambda m: f"{kind_named(m[1] or m[2])} cannot be looped over"),
    (re.compile(r"'(\w+)' object cannot be interpreted as an integer"),
     lambda m: f"{kind_named(m[1])} was given where a whole number is needed"),
    (re.compile(r"'(\w+)' object is not callable"),
     lambda m: f"{kind_named(m[1])} cannot be called"),
    (re.compile(r"unhashable type: '(\w+)'"),
     lambda m: f"{kind_named(m[1])} cannot serve as a key"),
    (re.compile(r"\bdo_(\w+)\(\)"), lambda m: f"the filter `{m[1]}`"),
    (re.compile(r"'(\w+) object'"), lambda m: kind_named(m[1])),
    (re.compile(rf"'{_TYPE}' object|\b{_TYPE} object\b|\b{_TYPE} instance\b"),
     lambda m: kind_named(m[1] or m[2] or m[3])),
    (re.compile(r"\(not \"(\w+)\"\)|\bnot (\w+)$"), _not),
]


def plain(text: str) -> str:
    """Python's wording of a TypeError and the like, with its class and type names put in
    the documentation's words (``'int' object is not iterable``: a number cannot be looped
    over)."""
    for pattern, replace in _REWRITES:
        text = pattern.sub(replace, text)
    return text
