"""How every format writes a score and a change of score."""

from __future__ import annotations


def score_text(score: float | None) -> str:
    """``42.3%``, or ``n/a`` when nothing was scored."""
    return "n/a" if score is None else f"{score:.1f}%"


def signed(value: float | None) -> str:
    """``+1.2`` or ``-3.0``, or ``n/a``."""
    return "n/a" if value is None else f"{value:+.1f}"
