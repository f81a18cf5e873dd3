"""Findings: the one model of a problem, from the check that finds it to every output format.

A Finding knows where a problem is (file, line, column), what it is (level, code, message,
hint, field) and whom it concerns (item, service); it does not know how it is shown. Its JSON
form is part of both ``validate -f json`` and the report.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator
from pydantic.json_schema import SkipJsonSchema

from sms20k.safetext import visible

MANIFEST_NAME = "sms20k.yaml"


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # so f-strings and templates show "error" on every Python
        return self.value


def where(path: str, line: int | None, col: int | None) -> str:
    """``path:line:col``, leaving out what is unknown (a column without a line means nothing)."""
    if line is None:
        return path
    return f"{path}:{line}" if col is None else f"{path}:{line}:{col}"


def label(item: str, service: str | None) -> str:
    """``item (service)`` for an item assessed per service, else the item id alone."""
    return f"{item} ({service})" if service else item


class Location(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None
    col: int | None

    def __str__(self) -> str:
        return where(self.path, self.line, self.col)


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    path: str
    line: int | None = None
    col: int | None = None
    level: Level
    code: str
    message: str
    hint: str | None = None
    field: str | None = None
    """The dotted path of the field at fault (``entries[0].status``), for schema problems."""
    item: str | None = None
    service: str | None = None
    detail: SkipJsonSchema[str | None] = Field(default=None, exclude=True, repr=False)
    """What the assessment needs beyond the message: the stale-since date of EVIDENCE_STALE."""
    evidence: SkipJsonSchema[int | None] = Field(default=None, exclude=True, repr=False)
    """The index of the evidence reference at fault, so the assessment knows which one."""
    subject: SkipJsonSchema[str | None] = Field(default=None, exclude=True, repr=False)
    """The field path and the offending value (``entries[2].evidence[0].path=docs/a.md``):
    with code, path, item and service the key of its CI fingerprint, which must not change
    when lines move or a message is reworded."""

    def fingerprint(self, path: str | None = None) -> str:
        """A stable key of this problem; ``path`` as the CI formats write it."""
        import hashlib

        subject = self.subject if self.subject is not None else (self.field or "")
        parts = (self.code, path if path is not None else self.path, self.item or "",
                 self.service or "", subject, self.detail or "")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def location(self) -> Location:
        """path, line and col again, in the shape reports of format 1 have always had."""
        return Location(path=self.path, line=self.line, col=self.col)

    @model_validator(mode="before")
    @classmethod
    def _from_location(cls, data: Any) -> Any:
        # Reports written before findings carried their own path (a --baseline input)
        # have only ``location``.
        if isinstance(data, dict) and "path" not in data and "location" in data:
            loc = data["location"] or {"path": MANIFEST_NAME}
            if isinstance(loc, dict):
                data = {**loc, **data}
        return data

    def where(self) -> str:
        return where(self.path, self.line, self.col)

    def format(self) -> str:
        """The one-line yamllint-style form: ``file:line:col: [level] CODE message (hint)``.

        Every part is shown with its controls escaped, so that it stays one line and no
        terminal escape in a file name, key or value reaches the terminal.
        """
        return visible(f"{self.where()}: [{self.level}] {self.code} {self.text()}")

    def text(self, *, hint: bool = True) -> str:
        """``field: message (hint)``, each part only when there is one; controls as they are."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"{text} ({self.hint})" if hint and self.hint else text


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.col or 0, f.code, f.message))
