"""Every command, registered on the application in the order ``--help`` lists them."""

from __future__ import annotations

import sms20k.cli

# isort: off
# Commands appear in --help in the order their modules register them: the main job first.
from sms20k.cli import assess, evidence, audit, export, browse
# isort: on
from sms20k.cli.app import app

# Importing the submodule sms20k.cli.app bound that name on the package to the module; the
# package's ``app`` is the application.
sms20k.cli.app = app  # type: ignore[assignment]

__all__ = ["app", "assess", "audit", "browse", "evidence", "export"]
