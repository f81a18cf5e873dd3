"""Exports of checklists and assessments to other tools' formats (OSCAL)."""

from __future__ import annotations
