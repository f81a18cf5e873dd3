"""Ctrl-C and SIGTERM: clean up, say so, and end the process by the signal itself.

A process that dies by SIGINT (rather than exiting 130) is what lets a shell loop around
sms20k stop on Ctrl-C. Inside a command the signal is raised as :class:`Interrupted`, so
every ``finally`` runs; anywhere else (start-up, argument parsing) there is nothing to clean
up and the process ends at once. This module imports only the standard library: ``main()``
installs it before anything else is imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import NoReturn

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_MESSAGES: dict[int, str] = {signal.SIGINT: "sms20k: interrupted",
                             signal.SIGTERM: "sms20k: terminated"}


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM inside a command; a KeyboardInterrupt, so ``except Exception``
    never swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _State:
    def __init__(self) -> None:
        self.installed = False
        self.depth = 0
        self.received: int | None = None
        self.temporary: set[Path] = set()


_STATE = _State()


def install() -> None:
    """From now on SIGINT and SIGTERM end the process by the signal, after cleaning up."""
    for signum in SIGNALS:
        signal.signal(signum, _handle)
    _STATE.installed = True


def _handle(signum: int, frame: FrameType | None) -> None:
    if _STATE.depth == 0 or _STATE.received is not None:
        die(signum)  # nothing is running that could clean up, or cleanup is under way
    _STATE.received = signum
    raise Interrupted(signum)


@contextlib.contextmanager
def raising() -> Iterator[None]:
    """Within this block (a command) a signal is raised as Interrupted."""
    _STATE.depth += 1
    try:
        yield
    finally:
        _STATE.depth -= 1


@contextlib.contextmanager
def temporary(path: Path) -> Iterator[None]:
    """A temporary file that must not outlive the process, even if a second signal ends it
    while the first one unwinds."""
    _STATE.temporary.add(path)
    try:
        yield
    finally:
        _STATE.temporary.discard(path)


def stop(exc: KeyboardInterrupt) -> NoReturn:
    """The end of a command that was interrupted: say so and end by the signal."""
    die(exc.signum if isinstance(exc, Interrupted) else signal.SIGINT)


def die(signum: int) -> NoReturn:
    for path in list(_STATE.temporary):
        with contextlib.suppress(OSError):
            os.unlink(path)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    with contextlib.suppress(Exception):
        print(_MESSAGES.get(signum, "sms20k: interrupted"), file=sys.stderr, flush=True)
    if _STATE.installed:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    # Not installed (sms20k called as a library, or in a test runner): the shell's number.
    raise SystemExit(128 + signum)
