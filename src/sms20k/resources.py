"""Packaged data (checklists, templates, the published JSON Schemas), read through
importlib.resources.

The data lives in ``sms20k/_data``. In a source checkout those entries are symlinks to the
top-level ``checklists/``, ``templates/`` and ``schemas/`` that contributors edit; the wheel build
copies the files themselves, so an installed wheel and an editable install read the same
place and nothing here needs to know which one it is.
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def data_root() -> Traversable:
    return resources.files("sms20k") / "_data"


def checklists_dir() -> Traversable:
    return data_root() / "checklists"


def templates_dir() -> Traversable:
    return data_root() / "templates"
