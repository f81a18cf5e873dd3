"""The command line: parse arguments, call the core, map results to exit codes."""

from __future__ import annotations

from sms20k.cli import audit, browse, evidence, export
from sms20k.cli.app import app

__all__ = ["app", "audit", "browse", "evidence", "export", "main"]


def main() -> None:
    app()
