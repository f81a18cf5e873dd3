"""Kept for sms20k.formats.templates until it imports sms20k.formats.scores."""

from __future__ import annotations

from sms20k.formats.scores import score_text, signed

__all__ = ["score_text", "signed"]
