"""What ``lint-checklists`` reports: how many files and items were checked, and the problems."""

from __future__ import annotations

from typing import Literal

from sms20k.findings import Finding
from sms20k.modelbase import MessageView, plural


class LintView(MessageView):
    kind: Literal["lint"] = "lint"
    directories: list[str]
    checklist_files: int
    items: int
    valid: bool
    problems: list[Finding]
    """Every problem found, at its file:line; empty when valid."""

    def lines(self) -> list[str]:
        if not self.valid:
            return [problem.format() for problem in self.problems]
        return [f"{plural(self.checklist_files, 'checklist file')}, "
                f"{plural(self.items, 'item')}: valid"]
