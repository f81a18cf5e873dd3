"""A progress bar on stderr for long hashing runs: only on a terminal, only after a second."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any


class HashProgress:
    """Usable as the ``progress`` callback of hash_files; draws nothing for quick runs."""

    def __init__(self, label: str = "Hashing evidence", delay: float = 1.0, *,
                 quiet: bool = False) -> None:
        self.label = label
        self.delay = delay
        self.started = time.monotonic()
        self.enabled = sys.stderr.isatty() and not quiet
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int, done_bytes: int) -> None:
        if not self.enabled or time.monotonic() - self.started < self.delay:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done,
                              description=f"{self.label} ({done_bytes / 1e6:,.0f} MB)")

    def __enter__(self) -> HashProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()


class RenderProgress:
    """Usable as ``RenderOptions.progress``: one line on stderr per stage of a slow render,
    redrawn in place on a terminal, one line each in a log."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self._drawn = False

    def __call__(self, message: str) -> None:
        from sms20k.safetext import visible

        line = f"sms20k: {visible(message)}"
        if self.tty:
            sys.stderr.write(f"\r\x1b[2K{line}")
            self._drawn = True
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self._drawn:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self._drawn = False
