"""The YAML reader against PyYAML's own safe loader, on a broad corpus of tricky YAML.

For every text, either both give the same value (same types, NaN equal to NaN, the same
UTC offsets), or both refuse it: the reader with an InputError, never another exception.
The reader refuses some documents that PyYAML accepts, on purpose; DIFFERENT lists each
one with its reason, and the test checks that PyYAML really does accept them.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
import yaml

from sms20k.errors import InputError
from sms20k.yamlio import parse

INTS = ["0", "12", "-12", "+12", "0x1F", "0x_1F", "-0x1f", "0o17", "017", "-017", "0b1010",
        "-0b1_0", "1_000", "190:20:30", "-1:30", "09", "0x", "0b", "08", "1__0", "0_", "٣"]
FLOATS = ["1.5", "-1.5", "+1.5", "1e3", "1.0e+3", "1.0e3", "6.8523015e+5", ".5", "1.", "-.5",
          ".inf", "-.inf", "+.Inf", ".INF", ".iNf", ".nan", ".NaN", ".NAN", ".nAn", "1_000.5",
          "190:20:30.15", "1:", "1e", "1.0e", "._", "1.5x", "1.5 "]
BOOLS = ["yes", "Yes", "YES", "yEs", "no", "No", "NO", "true", "True", "TRUE", "tRue",
         "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "y", "n", "Y", "N"]
NULLS = ["~", "null", "Null", "NULL", "nUll", ""]
TIMESTAMPS = [
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
    "2001-12-15T02:59:43.1Z", "2001-12-15 2:59:43.10", "2001-1-1", "2001-1-1 1:2:3",
    "2001-12-14T21:59:43.1234567+01:30", "2001-12-14 21:59:43 +14:00", "2001-12-14T21:59:43",
    "2026-02-30", "2026-02-29", "2024-02-29", "2001-12-14T25:00:00Z", "2001-12-14T21:59:43+25:00",
    "2001-12-14T21:59:43-0:30", "0000-01-01", "9999-12-31", "2001-12-14 21:59:43 Z",
    "2001-12-14T21:59:60Z",
]
STRINGS = ["abc", "a b", "a:b", "http://x/y", "S01.01", "6.1", "1.2.3", "0x1G", "+", "-a",
           ".", "..", "x@y", "é", "0.", "1_", "=1", "<<x", "~x", "null!"]
PLAIN = INTS + FLOATS + BOOLS + NULLS + TIMESTAMPS + STRINGS
TAGS = ["int", "float", "bool", "timestamp", "str", "null"]
TAGGED_VALUES = [*PLAIN, "[1]", "{a: 1}", "'1 000'", "maybe", "'١٢٣'", "'٢٠٢٠-01-01'",
                 "'2_20-01-01'", "' 202-01-01'", "'-'", "'+'", "'_'", "'0x'", "'.nanx'"]
NAN_KEYS = {".nan", ".NaN", ".NAN"}  # (.nAn is text)

HANDWRITTEN = [
    "", "# only a comment\n", "---\n", "--- a\n...\n", "a\n", "1\n", "yes\n", "~\n",
    "a: 1\nb: [1, 2]\nc: {d: e}\n", "[a, {b: c}, [d]]\n", "[a: 1, b]\n", "{a, b: c}\n",
    "a: &x 1\nb: *x\n", "a: &x [1, 2]\nb: *x\nc: [*x, *x]\n", "a: &x {b: 1}\nc: *x\n",
    "&k a: 1\nb: *k\n", "- &x a\n- *x\n", "a: &x\nb: *x\n", "a: *x\n", "a: &x 1\nb: &x 2\n",
    "a: |\n  line\n  line\n", "a: >\n  folded\n  text\n\n  para\n", "a: |-\n  x\n\n",
    "a: |+\n  x\n\n", "a: >2\n   indented\n  x\n", "a: >\n  a\n    more\n  b\n",
    "a: \"\\x41\\u263A\\U0001F600\\n\\t\"\n", "a: 'it''s'\n", "a: \"\\q\"\n",
    "? [a, b]\n: 1\n", "? {a: 1}\n: 2\n", "---\na\n---\nb\n",
    "a: !!python/object/apply:os.system ['true']\n", "a: !!python/name:os.system ''\n",
    "a: !!python/none ''\n", "a: !custom x\n", "a: !<tag:yaml.org,2002:int> 3\n",
    "a: !<tag:yaml.org,2002:python/none> ''\n", "%TAG !e! tag:yaml.org,2002:\n---\na: !e!int 7\n",
    "a: ! 12\n", "a: !!map {b: 1}\n", "a: !!seq [1]\n", "a: !!map x\n", "a: !!str [1]\n",
    "a: !!int [1]\n", "a: !!seq {b: 1}\n", "!!map {a: 1}\n", "a: [1, 2\n", "a: 'x\n",
    "a:\n\tb: 1\n", "a: b: c\n", "\"\": 1\n''': 2\n", "? \n: a\n", "? |\n  block\n: a\n",
    "a: 1 # comment\n", "a: 'é'\nü: 2\n", "%YAML 1.1\n---\na: 1\n", "%YAML 1.2\n---\na: 1\n",
    "a: [1, 2, 3,]\n", "{a: 1,}\n", "a: ''\nb: \"\"\n", "a: 'yes'\nb: \"1\"\nc: '~'\n",
    "1: a\n'1': b\n", "a: 1\n\n\n\nb: 2\n", "a:\n- 1\n- 2\n", "a:\n  - b: 1\n    c: 2\n",
]

# Refused on purpose by the reader, accepted by PyYAML.
DIFFERENT = {
    "a: &b {x: 1}\nc:\n  <<: *b\n": "merge keys are not supported",
    "a: !!set {x: null}\n": "only plain data: no sets",
    "a: !!binary aGVsbG8=\n": "only plain data: no bytes",
    "a: !!omap [{x: 1}]\n": "only plain data: no ordered-pair lists",
    "a: !!pairs [{x: 1}]\n": "only plain data: no pair lists",
    "a: 1\nb: 2\na: 3\n": "duplicate keys are errors (PyYAML keeps the last)",
    "yes: 1\non: 2\n": "keys that read as the same value are duplicates",
    "1: a\n1.0: b\n": "keys equal in Python are duplicates",
    "1: a\ntrue: b\n": "keys equal in Python are duplicates",
    "0x10: a\n16: b\n": "keys that read as the same value are duplicates",
    "a: &x [*x]\n": "recursive aliases are refused",
    "a: &x {b: *x}\n": "recursive aliases are refused",
    "a: " + "1" * 1001 + "\n": "integers of more than 1000 digits are refused",
    "a: 0x" + "f" * 900 + "\n": "integers of more than 1000 digits are refused",
    "a: &s '" + "x" * 300_000 + "'\nb: [" + ", ".join(["*s"] * 20) + "]\n":
        "alias expansion is bounded in characters",
    **{f"{key}: 1\n": "NaN keys are refused" for key in sorted(NAN_KEYS)},
    "{!!float nan: 1, !!float nan: 2}\n": "NaN keys are refused",
}


def _generated() -> list[str]:
    texts = []
    for value in PLAIN:
        texts += [f"a: {value}\n", f"[{value}]\n", f"- {value}\n", f"a: [x, {value}, y]\n"]
        if value not in NAN_KEYS:
            texts += [f"{value}: a\n", f"{{{value}: a, z: b}}\n"]
    for tag in TAGS:
        texts += [f"a: !!{tag} {value}\n" for value in TAGGED_VALUES]
        texts += [f"!!{tag} {value}: k\n" for value in ("1", "yes", "''", "2001-12-14")]
    return texts


CORPUS = list(dict.fromkeys(_generated() + HANDWRITTEN))


def _theirs(text: str) -> tuple[bool, Any]:
    try:
        return True, yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception as exc:  # PyYAML fails in many ways on bad tagged values
        return False, exc


def _ours(text: str) -> tuple[bool, Any]:
    try:
        return True, parse(text, "t.yaml").data
    except InputError as exc:
        assert exc.path == "t.yaml" and exc.message, exc
        return False, exc


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(
            any(_same(k, j) and _same(v, b[j]) for j in b) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dt.datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    return bool(a == b)


def test_the_corpus_is_broad() -> None:
    assert len(CORPUS) > 1000
    outcomes = [_theirs(text)[0] for text in CORPUS]
    assert outcomes.count(True) > 500 and outcomes.count(False) > 100


@pytest.mark.parametrize("text", CORPUS, ids=repr)
def test_the_reader_agrees_with_pyyaml(text: str) -> None:
    assert text not in DIFFERENT
    ok, theirs = _theirs(text)
    mine_ok, mine = _ours(text)
    if ok and mine_ok:
        assert _same(mine, theirs), (mine, theirs)
    else:
        assert not ok and not mine_ok, f"PyYAML: {theirs!r}; sms20k: {mine!r}"


@pytest.mark.parametrize("text", sorted(DIFFERENT), ids=lambda t: repr(t[:60]))
def test_deliberate_differences(text: str) -> None:
    ok, _ = _theirs(text)
    assert ok, "PyYAML refuses it too: move it to the corpus"
    mine_ok, mine = _ours(text)
    assert not mine_ok, f"{DIFFERENT[text]}, yet the reader gave {mine!r}"
