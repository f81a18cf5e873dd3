"""Every command, registered on the application in the order ``--help`` lists them."""

from __future__ import annotations

# isort: off
# Commands appear in --help in the order their modules register them: the main job first.
from sms20k.cli import assess, evidence, office, audit, export, browse
# isort: on
from sms20k.cli.application import app

__all__ = ["app", "assess", "audit", "browse", "evidence", "export", "office"]
