"""Commands that export assessments to other tools (OSCAL)."""

from __future__ import annotations
