"""Markdown syntax every Markdown output shares: escaped free text, safe links, tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import quote

from sms20k.safetext import visible

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LIST_MARKER = re.compile(r"^(?:([-+])|(\d{1,9})([.)])(?=\s|$))")
_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#~"})


@lru_cache(maxsize=65536)
def escape(text: str) -> str:
    """Neutralise Markdown and HTML in free text so it shows as written, on one line.

    Whitespace runs become one space; other controls, bidi and invisible characters are shown
    escaped (sms20k.safetext.visible). One line keeps table rows whole; the leading escapes
    stop list markers when the text starts a line, and entity references would otherwise
    show as the characters they name.
    Cached: large reports repeat the same titles and labels thousands of times.
    """
    out = _ENTITY.sub(r"\\&", visible(" ".join(text.split())).translate(_ESCAPES))
    return _LIST_MARKER.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", out)


def anchor(heading: str) -> str:
    """The anchor GitHub and GitLab give a heading made of ids, spaces and parentheses."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def quote_href(target: str) -> str:
    """Percent-encode whatever could end a link destination or split a table row."""
    return quote(target, safe="/:?#&=+;,@!$%*~._-")


def table(header: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> list[str]:
    """A table and a blank line; ``align`` has one letter per column, r to align right."""
    rule = ["---:" if align[i:i + 1] == "r" else "---" for i in range(len(header))]
    return ["| " + " | ".join(str(c) for c in row) + " |"
            for row in (header, rule, *rows)] + [""]
