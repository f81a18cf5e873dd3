"""The command line: parse arguments, call the core, map results to exit codes."""

from __future__ import annotations

import sys

from sms20k.cli import audit, browse, evidence, export
from sms20k.cli.app import app

__all__ = ["app", "audit", "browse", "evidence", "export", "main"]


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        # An interrupt outside a command (while starting up) still gets no traceback.
        print("sms20k: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
