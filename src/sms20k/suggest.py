"""'Did you mean' suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    pool = list(candidates)
    found = difflib.get_close_matches(word, pool, n=limit, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in pool}
        found = [lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, limit, 0.6)]
    return found


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    found = close_matches(word, candidates)
    if not found:
        return None
    return "did you mean " + " or ".join(f"`{m}`" for m in found) + "?"
