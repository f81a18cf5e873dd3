"""What ``lock`` and ``init`` report, as views: ``-f json`` prints the data, text its lines."""

from __future__ import annotations

from typing import Literal

from sms20k.modelbase import MessageView, plural


class LockView(MessageView):
    kind: Literal["lock"] = "lock"
    lock_file: str
    files: int
    """Files recorded in the lock file."""
    added: list[str]
    """Files locked for the first time."""
    changed: list[str]
    """Files whose sha256 differs from the one the lock file held."""
    removed: list[str]
    """Files the lock file held and no entry references any more."""
    skipped: int
    """References not locked: missing or unreadable files (validate says why)."""

    def lines(self) -> list[str]:
        kinds = (("new", self.added), ("changed", self.changed), ("removed", self.removed))
        differences = ", ".join(f"{len(files)} {kind}" for kind, files in kinds if files)
        lines = [f"{self.lock_file}: {plural(self.files, 'file')} locked: "
                 f"{differences or 'unchanged'}"]
        lines += [f"  {kind}: {rel}" for kind, files in kinds for rel in files]
        return lines


class InitView(MessageView):
    kind: Literal["init"] = "init"
    directory: str
    created: list[str]
    """Every file written, in the order written."""
    next_command: str
    """The command to run once the placeholders are replaced."""

    def lines(self) -> list[str]:
        return [*(f"created {path}" for path in self.created),
                "Next: replace the placeholders, judge each entry (status: not-assessed until "
                f"then), and run `{self.next_command}`."]
