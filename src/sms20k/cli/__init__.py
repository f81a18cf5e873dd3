"""The command line: parse arguments, call the core, map results to exit codes.

``main`` installs the signal handlers before it imports anything heavy, so that a Ctrl-C is
sms20k's to handle from its first line on (see :mod:`sms20k.interrupts`); the application
itself, ``sms20k.cli.app`` (defined in :mod:`sms20k.cli.application`), is loaded on first use.
``console_entry`` is what the ``sms20k`` command and ``python -m sms20k`` run: ``main``, then
an exit that skips tearing down the objects of the run, as mypy's console entry does.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn


def main() -> None:
    # A run builds hundreds of thousands of small acyclic objects (the imports' classes,
    # parsed YAML, models, report lines) and then exits: at the default threshold of 700
    # allocations the cycle collector ran thousands of times for nothing, 15-20% of an
    # assess at 10k entries.
    gc.set_threshold(50_000, 20, 20)
    from sms20k import interrupts

    interrupts.install()
    _tolerate_encodings()
    from sms20k.cli.application import narrowed
    from sms20k.cli.commands import app

    try:
        narrowed(app, sys.argv[1:])()
    except KeyboardInterrupt as exc:  # raised by a library outside a command
        interrupts.stop(exc)


def console_entry() -> NoReturn:
    """``main``, then flush and end the process at once: freeing the objects of a large run
    one by one took 0.2 s of an assess at 10k entries, for memory the system takes back
    anyway. Nothing of sms20k's waits for interpreter shutdown (no atexit work: reports and
    caches are written and closed by the commands)."""
    code: object = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # what sys.exit("message") does
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader left before the last lines: as SIGPIPE would
            status = 141
        except (OSError, ValueError):
            pass
    os._exit(status)


def _tolerate_encodings() -> None:
    """PYTHONIOENCODING=ascii or a cp1252 console: show what the encoding lacks as
    replacement characters (escapes on stderr) instead of crashing."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)  # None when not a TextIOWrapper
        if reconfigure is not None and not stream.closed:
            reconfigure(errors=errors)


def __getattr__(name: str) -> object:
    if name == "app":
        from sms20k.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
