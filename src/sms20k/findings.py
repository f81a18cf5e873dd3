"""Findings: small value objects that know where a problem is, but not how it is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from sms20k.safetext import visible

if TYPE_CHECKING:
    from sms20k.errors import InputError


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    col: int | None
    level: Level = field(compare=False)
    code: str
    message: str
    hint: str | None = field(default=None, compare=False)
    field_path: str | None = field(default=None, compare=False)
    item: str | None = field(default=None, compare=False)
    service: str | None = field(default=None, compare=False)
    detail: str | None = field(default=None, compare=False)

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self) -> str:
        """The one-line yamllint-style form: ``file:line:col: [level] CODE message (hint)``.

        Every part is shown with its controls escaped, so that it stays one line and no
        terminal escape in a file name, key or value reaches the terminal.
        """
        text = f"{self.location()}: [{self.level.value}] {self.code} "
        if self.field_path:
            text += f"{self.field_path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return visible(text)


def input_finding(exc: InputError, path: str, code: str = "YAML") -> Finding:
    """An unreadable file, as a finding, so that one run can report every broken file."""
    return Finding(exc.path or path, exc.line, exc.col, Level.ERROR, code, exc.message, exc.hint)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.col or 0, f.code, f.message))
