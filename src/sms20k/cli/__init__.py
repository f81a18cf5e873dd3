"""The command line: parse arguments, call the core, map results to exit codes.

``main`` installs the signal handlers before it imports anything heavy, so that a Ctrl-C is
sms20k's to handle from its first line on (see :mod:`sms20k.interrupts`); the application
itself, ``sms20k.cli.app`` (defined in :mod:`sms20k.cli.application`), is loaded on first use.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # A run builds hundreds of thousands of small acyclic objects (the imports' classes,
    # parsed YAML, models, report lines) and then exits: at the default threshold of 700
    # allocations the cycle collector ran thousands of times for nothing, 15-20% of an
    # assess at 10k entries.
    gc.set_threshold(50_000, 20, 20)
    from sms20k import interrupts

    interrupts.install()
    _tolerate_encodings()
    from sms20k.cli.commands import app

    try:
        app()
    except KeyboardInterrupt as exc:  # raised by a library outside a command
        interrupts.stop(exc)


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
