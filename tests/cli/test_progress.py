from __future__ import annotations

import io
import sys

import pytest

from sms20k.cli.progress import HashProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_after_the_delay(
        monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with HashProgress(delay=3600) as slow:
        slow(1, 10, 1_000_000)
    assert slow._progress is None, "no bar before the delay has passed"
    with HashProgress(delay=0) as quick:
        quick(5, 10, 5_000_000)
        assert quick._progress is not None
    assert "Hashing evidence" in terminal.getvalue()


def test_no_progress_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with HashProgress(delay=0) as progress:
        progress(5, 10, 5_000_000)
    assert progress._progress is None and piped.getvalue() == ""
