"""Did-you-mean: the same answers as difflib, with work bounded per list of candidates."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

import pytest

from sms20k import suggest
from sms20k.checklists.loader import load_catalog

ITEMS = sorted(load_catalog([]).items)


class _Counting(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """Counts comparisons past the length test: difflib's quick_ratio, once per candidate."""

    ratios = 0

    def quick_ratio(self) -> float:
        _Counting.ratios += 1
        return super().quick_ratio()


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(suggest, "_matchers", {})
    monkeypatch.setattr(suggest, "_last", [])
    monkeypatch.setattr(difflib, "SequenceMatcher", _Counting)
    _Counting.ratios = 0
    yield


def _reference(word: str, pool: list[str]) -> list[str]:
    found = difflib.get_close_matches(word, pool, n=3, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in pool}
        found = [lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, 3, 0.6)]
    return found


@pytest.mark.parametrize(("word", "pool"), [
    ("S01.1", ITEMS), ("s07.03", ITEMS), ("S7.03", ITEMS), ("X99.99", ITEMS), ("", ITEMS),
    ("implemnted", ["implemented", "partial", "planned", "not-implemented"]),
    ("TITLE", ["id", "Title", "title", "summary"]), ("nmae", ["name", "description"]),
    ("a" * 300, ["a", "aa" * 100]), ("x", ["", "x", "xy"]),
])
def test_answers_are_difflibs(word: str, pool: list[str]) -> None:
    assert suggest.close_matches(word, pool) == _reference(word, pool)


def test_a_word_missed_many_times_is_compared_once() -> None:
    for _ in range(20_000):
        assert suggest.did_you_mean("S01.1", ITEMS) is not None
    first = _Counting.ratios
    assert 0 < first <= len(ITEMS)
    suggest.did_you_mean("S01.1", list(ITEMS))  # an equal list shares the matcher
    assert _Counting.ratios == first


@pytest.mark.parametrize("pool", [
    tuple(ITEMS), tuple(f"Z{i:05d}.{i % 97:02d}" for i in range(50_000)),
    ("name", "description"), tuple(f"S{i:02d}" for i in range(100)),
], ids=["items", "huge", "fields", "scenarios"])
def test_many_distinct_misses_do_bounded_work(pool: tuple[str, ...]) -> None:
    words = [f"S{i % 100:02d}.{i // 100:03d}" for i in range(20_000)]
    answered = sum(suggest.did_you_mean(word, pool) is not None for word in words)
    assert _Counting.ratios <= suggest.MAX_COMPARISONS
    if pool[0] == ITEMS[0]:
        assert answered >= 50  # the first misses still get their suggestions


def test_length_alone_rules_candidates_out_without_comparing() -> None:
    pool = ["a" * n for n in range(1, 200)]
    expected = _reference("a" * 10, pool)
    _Counting.ratios = 0
    assert suggest.close_matches("a" * 10, pool) == expected
    # real_quick_ratio >= 0.6 leaves lengths 5 to 23 of the 199.
    assert _Counting.ratios <= len(range(5, 24))


def _exhaust(pool: tuple[str, ...]) -> None:
    for i in range(20_000):
        suggest.did_you_mean(f"Q{i:05d}", pool)
    assert _Counting.ratios <= suggest.MAX_COMPARISONS


def test_a_spent_budget_does_not_leave_a_remembered_empty_answer() -> None:
    pool = tuple(ITEMS)
    _exhaust(pool)
    assert suggest.did_you_mean("S01.1", pool) is None  # out of budget in this command
    suggest.new_run()
    assert suggest.did_you_mean("S01.1", pool) == "did you mean `S01.14` or `S01.13` or `S01.12`?"


def test_each_command_gets_the_full_budget() -> None:
    from typer.testing import CliRunner

    from sms20k.cli import app

    first = CliRunner().invoke(app, ["show", "S01.1"])
    assert "did you mean `S01.14`" in first.output, first.output
    for matcher in suggest._matchers.values():  # as if that command had spent it all
        matcher.comparisons = suggest.MAX_COMPARISONS
    second = CliRunner().invoke(app, ["show", "S02.1"])
    assert "did you mean `S02.1" in second.output, second.output
