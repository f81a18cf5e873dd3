"""Packaged data (checklists, templates), read through importlib.resources."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def data_root() -> Traversable:
    """The wheel ships data under ``sms20k/_data``; a source checkout keeps it at the top."""
    packaged = resources.files("sms20k") / "_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "checklists").is_dir():
        return checkout
    return packaged


def checklists_dir() -> Traversable:
    return data_root() / "checklists"


def templates_dir() -> Traversable:
    return data_root() / "templates"
