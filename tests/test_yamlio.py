from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from sms20k.errors import InputError
from sms20k.yamlio import Position, YamlDocument, load, parse
from sms20k.yamlreader import EXPANSION_FACTOR, EXPANSION_FLOOR

from .counting import Compared


def test_plain_values_are_constructed() -> None:
    doc = parse("a: 1\nb: 1.5\nc: true\nd: null\ne: 2025-03-01\nf: '6.1'\ng: [x, y]\n", "t.yaml")
    assert doc.data == {
        "a": 1, "b": 1.5, "c": True, "d": None, "e": dt.date(2025, 3, 1), "f": "6.1",
        "g": ["x", "y"],
    }


def test_repeated_text_is_read_as_each_occurrence_is_written() -> None:
    # The reader reuses the value of text it has read before; quoting and tags still count.
    text = ("- {a: 2026-01-02, b: '2026-01-02', c: !!str 2026-01-02, d: yes, e: 'yes', f: 1}\n"
            "- {a: 2026-01-02, b: '2026-01-02', c: !!str 2026-01-02, d: yes, e: 'yes', f: 1}\n"
            "- {f: '1', e: yes, d: 'yes', c: 2026-01-02, b: !!str 2026-01-02, a: \"2026-01-02\"}\n")
    doc = parse(text, "t.yaml")
    day = dt.date(2026, 1, 2)
    same = {"a": day, "b": "2026-01-02", "c": "2026-01-02", "d": True, "e": "yes", "f": 1}
    assert doc.data == [same, same, {"f": "1", "e": True, "d": "yes", "c": day,
                                     "b": "2026-01-02", "a": "2026-01-02"}]
    assert [type(v) for v in doc.data[2].values()] == [str, bool, str, dt.date, str, str]
    lines = text.splitlines()
    assert doc.locate((1, "e")) == Position(2, lines[1].index("'yes'") + 1)
    assert doc.locate((2, "a"), key=True) == Position(3, lines[2].index("a:") + 1)


def test_positions_past_two_bytes_are_kept() -> None:
    # Small position tables are stored two bytes a number; lines and columns above 65,535
    # must switch the table to four.
    lines = 70_000
    doc = parse("".join(f"- k{i}: {i}\n" for i in range(lines)), "t.yaml")
    last = f"k{lines - 1}"
    assert doc.locate((lines - 1, last)) == Position(lines, 3 + len(f"{last}: "))
    assert doc.locate((lines - 1, last), key=True) == Position(lines, 3)
    assert doc.locate((lines - 1,)) == Position(lines, 3)
    assert doc.locate((1000, "k1000")) == Position(1001, 3 + len("k1000: "))
    wide = "[" + "1, " * 30_000 + "2]"
    doc = parse(f"a: {wide}\nb: [x]\n", "t.yaml")
    assert doc.locate(("a", 30_000)) == Position(1, 4 + wide.index("2"))
    assert doc.locate(("b", 0)) == Position(2, 5)


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


# ------------------------------------------------------------------------- tagged values


@pytest.mark.parametrize("value", [
    "!!int ''", "!!int '-'", "!!int '+'", "!!int 0x", "!!int 0x_", "!!int 0b", "!!int 0o8",
    "!!int 1.5", "!!int '1:'", "!!int abc", "!!float ''", "!!float '_'", "!!float .nanx",
    "!!float '1:'", "!!float x1", "!!bool maybe", "!!bool ''", "!!bool 1", "!!timestamp foo",
    "!!timestamp ''", "!!timestamp '2020-01-01 '", "!!timestamp 2020-13-01",
    "!!timestamp 2020-02-30", "!!timestamp 2020-01-01T00:00:00+25:00",
    "!!timestamp '2020-1-1T1:1:1.5 -1:99'", "!!timestamp '2_20-01-01'",
    "!!timestamp ' 202-01-01'", "!!timestamp '٢٠٢٠-01-01'",
])
def test_every_constructor_failure_is_an_input_error_at_the_value(value: str) -> None:
    exc = _error(f"a: 1\nb: {value}\n")
    assert (exc.line, exc.col) == (2, 4), exc
    assert "is not a valid !!" in exc.message
    assert exc.hint is not None and "remove !!" in exc.hint


def test_an_impossible_date_without_a_tag_is_named_a_date() -> None:
    exc = _error("a: 2026-02-30\n")
    assert exc.message == "'2026-02-30' looks like a date but is not one", exc.message
    assert exc.hint is not None and "YYYY-MM-DD" in exc.hint and "!!" not in exc.hint


@pytest.mark.parametrize(("text", "value"), [
    ("a: !!int '0x1F'", 31), ("a: !!float '1_000.5'", 1000.5), ("a: !!bool yes", True),
    ("a: !!timestamp 2026-01-02", dt.date(2026, 1, 2)), ("a: !!str 12", "12"),
    ("a: !!null whatever", None), ("a: !!int 1_000", 1000),
])
def test_valid_tagged_values_are_constructed(text: str, value: object) -> None:
    assert parse(text, "t.yaml").data == {"a": value}


# ------------------------------------------------------------------------- keys


@pytest.mark.parametrize("text", [
    "{.nan: 1, .NaN: 2}", "{!!float nan: 1, !!float nan: 2}", ".nan: 1\n", "a: {.NAN: 1}\n",
    "? !!float -.nan\n: 1\n", "{!!float nan: 1}",
])
def test_nan_keys_are_refused(text: str) -> None:
    exc = _error(text)
    assert "may not be NaN" in exc.message
    assert exc.line is not None and exc.col is not None


@pytest.mark.parametrize(("text", "line", "message"), [
    ("yes: 1\non: 2\n", 2, "duplicate key 'on' (first defined at line 1 as 'yes', "
                           "both read as true)"),
    ("~: 1\nnull: 2\n", 2, "duplicate key 'null' (first defined at line 1 as '~', "
                           "both read as null)"),
    ("0x1: a\n1: b\n", 2, "duplicate key '1' (first defined at line 1 as '0x1'"),
    ("1: a\n1.0: b\n", 2, "duplicate key '1.0' (first defined at line 1 as '1'"),
    ("True: a\nx: 0\ntrue: b\n", 3, "duplicate key 'true' (first defined at line 1 as 'True'"),
    ("2026-01-01: a\n!!timestamp 2026-01-01: b\n", 2,
     "duplicate key '2026-01-01' (first defined at line 1)"),
    ("&k a: 1\n*k : 2\n", 2, "duplicate key '*k' (first defined at line 1 as 'a'"),
    ("version: 1\n\"version\": 2\n", 2, "duplicate key 'version' (first defined at line 1)"),
])
def test_duplicate_keys_are_shown_as_written(text: str, line: int, message: str) -> None:
    exc = _error(text)
    assert exc.line == line
    assert message in exc.message


def test_distinct_keys_of_different_types_are_kept() -> None:
    assert parse("1: a\n'1': b\n", "t.yaml").data == {1: "a", "1": "b"}


# ------------------------------------------------------------------------- anchors


@pytest.mark.parametrize(("text", "line", "col"), [
    ("a: &x 1\nb: &x 2\n", 2, 4),
    ("a: &x [1]\nb: &x {c: 1}\n", 2, 4),
    ("a: &x 1\nb: [&x 2]\n", 2, 5),
    ("a: &x [1, &x 2]\n", 1, 11),
    ("a: &x {b: &x 1}\n", 1, 11),
    ("- &x a\n- &x a\n- *x\n", 2, 3),
])
def test_duplicate_anchors_are_refused_at_the_second(text: str, line: int, col: int) -> None:
    exc = _error(text)
    assert "duplicate anchor &x (first defined at line 1)" in exc.message
    assert (exc.line, exc.col) == (line, col)
    with pytest.raises(yaml.YAMLError, match="duplicate anchor"):
        yaml.load(text, Loader=yaml.CSafeLoader)


# ------------------------------------------------------------------------- alias expansion


def _aliased(size: int, copies: int, shape: str) -> str:
    value = "x" * size
    if shape == "string":
        return f"a: &s '{value}'\nb: [{', '.join(['*s'] * copies)}]\n"
    if shape == "mapping":
        return f"a: &m {{k: '{value}'}}\nb: [{', '.join(['*m'] * copies)}]\n"
    if shape == "nested":
        return (f"a: &s ['{value}']\nb: &t [*s, *s]\n"
                f"c: [{', '.join(['*t'] * copies)}]\n")
    return f"a: &s '{value}'\n" + "".join(f"k{i}: *s\n" for i in range(copies))


@pytest.mark.parametrize("shape", ["string", "mapping", "nested", "values"])
def test_alias_expansion_is_bounded_in_characters(shape: str) -> None:
    exc = _error(_aliased(1_000_000, 2_000, shape))
    assert exc.message.startswith("alias expansion is too large")
    assert "characters of text" in exc.message
    assert exc.hint and "aliases" in exc.hint
    assert exc.line is not None and exc.line >= 2 and exc.col is not None


@pytest.mark.parametrize("shape", ["string", "mapping", "nested", "values"])
def test_alias_expansion_under_the_floor_is_read(shape: str) -> None:
    doc = parse(_aliased(1_000, 200, shape), "t.yaml")
    assert isinstance(doc.data, dict)


def test_the_limit_scales_with_the_file_and_the_error_names_the_alias() -> None:
    # Four copies of the anchor are just under four times the file: read. A fifth: refused.
    big = "x" * (EXPANSION_FLOOR // 2)
    text = f"a: &s '{big}'\nb: [*s, *s, *s]\n"
    assert len(parse(text, "t.yaml").data["b"]) == 3
    text = f"a: &s '{big}'\nb: [*s, *s, *s, *s, *s, *s, *s, *s]\n"
    exc = _error(text)
    assert (exc.line, exc.col) == (2, 5 + 3 * 4)  # the fourth alias, the fifth copy
    assert f"over the limit of {max(EXPANSION_FACTOR * len(text), EXPANSION_FLOOR):,}" \
        in exc.message


def test_an_empty_string_bomb_is_refused_by_its_number_of_values() -> None:
    lines = ["a0: &a0 ['', '', '', '', '', '', '', '', '', '']"]
    for n in range(1, 8):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]")
    exc = _error("\n".join(lines) + "\n")
    assert "alias expansion is too large" in exc.message and "values" in exc.message


# ------------------------------------------------------------------------- lookups


@pytest.mark.parametrize("keys", [9, 2_000, 20_000])
def test_locating_every_key_of_a_mapping_is_linear(keys: int) -> None:
    text = "".join(f"key{i}: {i}\n" for i in range(keys))
    parsed = parse(text, "t.yaml")
    data = {Compared(k): v for k, v in parsed.data.items()}
    doc = YamlDocument("t.yaml", data, parsed.root, {id(data): parsed._marks[id(parsed.data)]})
    Compared.comparisons = 0
    for i in range(keys):
        assert doc.locate((f"key{i}",), key=True) == Position(i + 1, 1)
    assert Compared.comparisons <= 3 * keys
