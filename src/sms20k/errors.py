"""The one error hierarchy. Every expected failure is an Sms20kError with an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sms20k.codes import Code
    from sms20k.findings import Finding

# Findings and codes are pydantic models: imported where an error is shown, not at start-up,
# so that `--help` and `--version` never pay for pydantic.


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INVALID_INPUT = 2
    INTERNAL_ERROR = 3


class Sms20kError(Exception):
    """Base of all expected errors; the CLI prints ``str(self)`` and exits with ``exit_code``."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT


class InputError(Sms20kError):
    """Input that cannot be read or understood: a missing file, bad YAML, an unknown id."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        from sms20k.findings import where

        text = self.message
        if self.path:
            text = f"{where(self.path, self.line, self.col)}: {text}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_finding(self, path: str, code: Code | None = None) -> Finding:
        """This error as a finding (YAML unless ``code`` says otherwise), so that one run can
        report every broken file."""
        from sms20k.codes import YAML

        code = code or YAML
        return code.at(self.path or path, self.line, self.col, self.message, hint=self.hint)


class UsageError(Sms20kError):
    """Arguments that do not fit together."""


class ProblemsError(InputError):
    """Input that was read but is invalid; carries one finding per problem."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        super().__init__("\n".join(f.format() for f in self.findings))
