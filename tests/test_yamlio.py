from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sms20k.errors import InputError
from sms20k.yamlio import Position, load, parse


def test_plain_values_are_constructed() -> None:
    doc = parse("a: 1\nb: 1.5\nc: true\nd: null\ne: 2025-03-01\nf: '6.1'\ng: [x, y]\n", "t.yaml")
    assert doc.data == {
        "a": 1, "b": 1.5, "c": True, "d": None, "e": dt.date(2025, 3, 1), "f": "6.1",
        "g": ["x", "y"],
    }


def test_locate_points_at_values_and_keys() -> None:
    doc = parse("top:\n  items:\n    - id: A\n      title: B\n", "t.yaml")
    assert doc.locate(("top", "items", 0, "title")) == Position(4, 14)
    assert doc.locate(("top", "items", 0, "title"), key=True) == Position(4, 7)
    # A missing step stops at the deepest node that exists.
    assert doc.locate(("top", "items", 0, "nope")) == Position(3, 7)
    assert doc.locate(("top", "items", 5)) == Position(3, 5)


def test_empty_document_has_no_data() -> None:
    doc = parse("# only a comment\n", "t.yaml")
    assert doc.data is None
    assert doc.locate(("x",)) is None


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse(text, "t.yaml")
    return info.value


def test_duplicate_keys_name_both_lines() -> None:
    exc = _error("a: 1\nb: 2\na: 3\n")
    assert (exc.path, exc.line, exc.col) == ("t.yaml", 3, 1)
    assert "duplicate key 'a' (first defined at line 1)" in exc.message


def test_syntax_error_has_position_and_hint() -> None:
    exc = _error("a: [1, 2\nb: 3\n")
    assert exc.path == "t.yaml" and exc.line is not None
    assert exc.message.startswith("syntax error:")
    assert exc.hint


def test_tabs_get_a_hint() -> None:
    exc = _error("a:\n\tb: 1\n")
    assert exc.hint == "indent with spaces, not tabs"


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!python/name:os.system ''\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x: null}\n",
        "a: !custom 1\n",
    ],
)
def test_unsafe_or_unknown_tags_are_refused(text: str) -> None:
    exc = _error(text)
    assert "unsupported tag" in exc.message
    assert exc.line == 1


def test_merge_keys_are_refused() -> None:
    exc = _error("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert "merge keys" in exc.message
    assert exc.line == 3


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 9):
        prev = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([prev] * 10)}]")
    exc = _error("\n".join(lines) + "\n")
    assert "alias expansion is too large" in exc.message


def test_small_aliases_still_work() -> None:
    doc = parse("a: &x [1, 2]\nb: *x\n", "t.yaml")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}
    assert doc.locate(("b", 1)) == Position(1, 11)  # an alias points at its anchor


def test_non_scalar_keys_are_refused() -> None:
    exc = _error("? [a, b]\n: 1\n")
    assert "mapping key" in exc.message


def test_load_reports_missing_directory_and_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load(bad, "bad.yaml")
    assert (info.value.line, info.value.col) == (2, 7)


def test_load_accepts_a_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load(path).data == {"a": 1}
