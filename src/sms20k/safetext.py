"""Untrusted text made safe for the channel it goes to: terminals, GitHub workflow commands,
report links.

Every stage uses it: whatever an evidence repository, a checklist, a baseline or a file name
holds, a character that could move the cursor, change the terminal, reorder text or start a
line of its own is shown as an escape (``\\x1b``, ``\\u202e``), the way yamllint and
ripgrep show them.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Unicode general categories Cc (C0, DEL, C1), Cf (format: bidi controls, zero-width and
# invisible characters, tag characters), Zl, Zp and Cs (lone surrogates, which is how Python
# decodes file names that are not UTF-8). Tab is kept, and newline where lines are allowed;
# ZWNJ and ZWJ (U+200C, U+200D) are kept because Persian and Indic words and emoji need them.
# tests/test_safetext.py checks this table against unicodedata for every code point.
_HIDDEN_RANGES = (
    "\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = re.compile(f"[{_HIDDEN_RANGES}]")
_HIDDEN_BUT_NEWLINE = re.compile(f"(?!\n)[{_HIDDEN_RANGES}]")
_SHORT = {"\n": "\\n", "\r": "\\r"}

# The legacy ``##[command]`` form is matched anywhere in a line by the Actions runner. The
# replacement reads the same once decoded as JSON or a YAML double-quoted string, and stays
# valid in both, so the guard can run over any output format.
LEGACY = "##["
_LEGACY_SAFE = "#\\u0023["
_COMMAND_START = re.compile(r"^(\s*)::")
_COMMAND_START_SAFE = r"\1\\u003a:"
# Our own annotations, as formats/github.py writes them: property values and data are
# escaped, so neither holds a line break, and properties hold no ':' or ','.
_PROPERTY = r"(?:file|line|col|title)=[^:,]+"
WELL_FORMED = re.compile(rf"::(?:error|warning|notice) (?:{_PROPERTY}(?:,{_PROPERTY})*)?::.*")
_LINE_ENDS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control, format and line-separator character shown as an escape.

    ``lines=True`` keeps ``\\n`` where a line break is legitimate (multi-line guidance in a
    table cell); everything else, ``\\r`` included, is escaped either way.
    """
    if text.isprintable():
        return text
    return (_HIDDEN_BUT_NEWLINE if lines else _HIDDEN).sub(_escape, text)


def defang(text: str) -> str:
    """``text`` without the legacy ``##[`` workflow command form."""
    return text.replace(LEGACY, _LEGACY_SAFE) if LEGACY in text else text


def core_escape_data(text: str) -> str:
    """Exactly ``escapeData`` of @actions/core (lib/command.js)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def core_escape_property(text: str) -> str:
    """Exactly ``escapeProperty`` of @actions/core (lib/command.js)."""
    return core_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command_data(text: str) -> str:
    """Untrusted text as the message of a workflow command: visible, defanged, escaped."""
    return core_escape_data(defang(visible(text)))


def command_property(text: str) -> str:
    """Untrusted text as a property value of a workflow command."""
    return core_escape_property(defang(visible(text)))


class WorkflowCommands(str):
    """Output whose well-formed annotation lines are sms20k's own workflow commands.

    Only text of this type may pass ``::`` lines to a GitHub Actions log; the type is lost on
    any string operation, which fails safe (the lines are then guarded like any other).
    """


def guard_line(line: str) -> str:
    """One line of output that cannot be read as a workflow command."""
    line = defang(line)
    return _COMMAND_START.sub(_COMMAND_START_SAFE, line) if "::" in line else line


def guard(text: str) -> str:
    """What may reach stdout or stderr under GitHub Actions.

    Lines are split at every line boundary Python knows (``\\r``, NEL, U+2028 ...), not only
    at the ones the runner splits at, so a separator that some viewer honours cannot start a
    command either. Only the well-formed annotations of ``WorkflowCommands`` pass unchanged.
    """
    trusted = isinstance(text, WorkflowCommands)
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip(_LINE_ENDS)  # a line from splitlines() ends in one boundary only
        if not (trusted and LEGACY not in body and WELL_FORMED.fullmatch(body)):
            line = guard_line(body) + line[len(body):]
        out.append(line)
    return "".join(out)


_DRIVE = re.compile(r"^[A-Za-z]:")
WEB_SCHEMES = ("http", "https", "mailto")


def safe_href(kind: str, link: str | None, prefix: str = "") -> str | None:
    """An href that cannot leave the report: a web or mail URL, or a relative path.

    A path must be a plain relative path inside the repository (no ``..``, no leading ``/``,
    no backslash, drive or hidden character); it is joined to ``prefix``, the way from the
    report to the repository that sms20k computed itself, and percent-encoded, so ``:`` can
    never make it a scheme and ``//`` never a host. Anything else gets no link.
    """
    if link is None or visible(link) != link:
        return None
    if kind != "path":
        scheme, colon, _ = link.partition(":")
        return link if colon and scheme.lower() in WEB_SCHEMES else None
    if "\\" in link or link.startswith("/") or _DRIVE.match(link):
        return None
    parts = [part for part in link.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    path = "/".join([prefix, *parts]) if prefix else "/".join(parts)
    href = quote(path, safe="/._-~")
    return "./" + href if ":" in path.split("/", 1)[0] else href
