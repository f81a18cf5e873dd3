"""'Did you mean' suggestions, cheap however many names are unknown.

difflib compares a word with every candidate in pure Python, so each list of candidates
gets one matcher that remembers its answers per word, skips candidates whose length alone
rules them out, and stops suggesting once it has done MAX_COMPARISONS comparisons.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Per list of candidates: about 100 distinct misses against the 191 built-in ids.
MAX_COMPARISONS = 20_000
_CUTOFF = 0.6
_MATCHERS_KEPT = 32


class _Matcher:
    def __init__(self, candidates: tuple[str, ...]) -> None:
        unique = list(dict.fromkeys(candidates))
        self.exact = _by_length(unique)
        self.lowered = {c.lower(): c for c in unique}
        self.folded = _by_length(list(self.lowered))
        self.memo: dict[tuple[str, int], list[str]] = {}
        self.comparisons = 0

    def close(self, word: str, limit: int) -> list[str]:
        found = self.memo.get((word, limit))
        if found is None:
            found = self._search(word, self.exact, limit)
            if found == []:
                folded = self._search(word.lower(), self.folded, limit)
                found = None if folded is None else [self.lowered[m] for m in folded]
            if found is None:  # out of budget: no answer, and none remembered
                return []
            self.memo[(word, limit)] = found
        return found

    def _search(self, word: str, pool: dict[int, list[str]], limit: int) -> list[str] | None:
        size = len(word)
        # difflib's own first test (real_quick_ratio), computed once per length.
        fits = [c for length, group in pool.items()
                if _real_quick_ratio(size, length) >= _CUTOFF for c in group]
        if self.comparisons + len(fits) > MAX_COMPARISONS:
            self.comparisons = MAX_COMPARISONS
            return None
        self.comparisons += len(fits)
        return difflib.get_close_matches(word, fits, n=limit, cutoff=_CUTOFF)


def _real_quick_ratio(a: int, b: int) -> float:
    return 2.0 * min(a, b) / (a + b) if a + b else 1.0


def _by_length(words: list[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for word in words:
        groups.setdefault(len(word), []).append(word)
    return groups


_matchers: dict[tuple[str, ...], _Matcher] = {}
# The tuple last asked about: callers that keep one tuple skip copying and hashing it.
_last: list[tuple[tuple[str, ...], _Matcher]] = []


def _matcher(candidates: Iterable[str]) -> _Matcher:
    if _last and _last[0][0] is candidates:
        return _last[0][1]
    key = tuple(candidates)
    matcher = _matchers.get(key)
    if matcher is None:
        if len(_matchers) >= _MATCHERS_KEPT:
            del _matchers[next(iter(_matchers))]
        matcher = _matchers[key] = _Matcher(key)
    if key is candidates:
        _last[:] = [(key, matcher)]
    return matcher


def new_run() -> None:
    """Give every list of candidates its full budget again, for the next command.

    The budget bounds one command's work; remembered answers stay, since they do not depend
    on what was asked before.
    """
    for matcher in [*_matchers.values(), *(m for _, m in _last)]:
        matcher.comparisons = 0


def close_matches(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    return list(_matcher(candidates).close(word, limit))


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    found = close_matches(word, candidates)
    if not found:
        return None
    return "did you mean " + " or ".join(f"`{m}`" for m in found) + "?"
