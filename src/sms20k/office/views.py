"""What ``questionnaire`` and ``import`` report, as views: ``-f json`` prints the data, text
its lines (the import plan, which is always printed before anything is written)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from sms20k.modelbase import MessageView, plural
from sms20k.office.merge import Plan
from sms20k.office.plan import FileWrite


class QuestionnaireView(MessageView):
    kind: Literal["questionnaire"] = "questionnaire"
    workbook: str
    rows: int
    """One per applicable item and service."""
    prefilled: int
    """Rows filled in from an existing entry."""

    def lines(self) -> list[str]:
        return [f"{self.workbook}: {plural(self.rows, 'row')}, {self.prefilled} pre-filled from "
                f"the entries, {self.rows - self.prefilled} without an entry"]


class EntryChange(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    entry: str
    """The item id, with the service after a slash when the entry is for one service."""
    line: int | None
    """Where the entry is in the file, when it is known."""
    action: Literal["add", "update"]
    fields: list[str]


class FileChange(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    path: str
    """Relative to the repository."""
    created: bool
    changes: list[EntryChange]


class ImportView(MessageView):
    kind: Literal["import"] = "import"
    workbook: str
    files: list[FileChange]
    unchanged_rows: int
    """Answered rows the repository already holds."""
    written: bool
    """False with --dry-run, and when there is nothing to import."""

    def lines(self) -> list[str]:
        if not self.files:
            return ["Nothing to import: no answer differs from what was exported, or the "
                    f"repository already holds it ({self.unchanged_rows} answered rows)."]
        changes = [c for f in self.files for c in f.changes]
        updated = sum(1 for c in changes if c.action == "update")
        created = sum(1 for f in self.files if f.created)
        head = (f"Plan: {plural(updated, 'entry', 'entries')} updated, {len(changes) - updated} "
                f"added; {plural(len(self.files) - created, 'file')} changed, {created} created")
        if self.unchanged_rows:
            head += (f"; {plural(self.unchanged_rows, 'more answered row')} already match the "
                     "repository")
        lines = [head]
        for file in self.files:
            lines.append(f"  {file.path}{' (new file)' if file.created else ''}")
            lines += [f"    {c.action} {c.entry}{f' (line {c.line})' if c.line else ''}: "
                      f"{', '.join(c.fields)}" for c in file.changes]
        return lines


def import_view(workbook: str, plan: Plan, writes: list[FileWrite], *,
                written: bool) -> ImportView:
    files = [FileChange(path=w.name, created=w.old is None, changes=[
        EntryChange(entry=c.label, line=c.line,
                    action="add" if c.added else "update", fields=c.fields)
        for c in plan.changes if c.file == w.name]) for w in writes]
    return ImportView(workbook=workbook, files=files, unchanged_rows=plan.unchanged,
                      written=written)
