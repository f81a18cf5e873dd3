"""How a score is written everywhere: as text, a change of score, a bar or a colour band."""

from __future__ import annotations

from typing import Literal

Band = Literal["good", "fair", "poor"]


def number(score: float) -> str:
    """A score or a difference of scores as a number: one decimal, ``42.3``."""
    return f"{score:.1f}"


def score_text(score: float | None) -> str:
    """``42.3%``, or ``n/a`` when nothing was scored."""
    return "n/a" if score is None else f"{number(score)}%"


def signed(value: float | None) -> str:
    """``+1.2`` or ``-3.0``, or ``n/a``."""
    return "n/a" if value is None else f"{value:+.1f}"


def band(score: float) -> Band:
    """The colour band of a score: good from 80, fair from 50, else poor."""
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def filled(score: float, width: int) -> int:
    """How many of ``width`` cells a bar fills for this score."""
    return round(score / 100 * width)
