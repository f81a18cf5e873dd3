"""The command line: parse arguments, call the core, map results to exit codes."""

from __future__ import annotations

import sys

# isort: off
# Commands appear in --help in the order their modules register them: the main job first.
from sms20k.cli import assess, evidence, audit, export, browse
# isort: on
from sms20k.cli.app import app

__all__ = ["app", "assess", "audit", "browse", "evidence", "export", "main"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        # An interrupt outside a command (while starting up) still gets no traceback.
        print("sms20k: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
