"""formats/template_words.py: Python's wording put in the words of docs/templates.md, and
values named by where they sit in the template's context."""

from __future__ import annotations

import pytest

from sms20k.formats.template_words import Places, kind_of, plain


def _python_message(code: str) -> str:
    try:
        exec(code, {})
    except Exception as exc:
        return str(exc)
    raise AssertionError(f"{code} raised nothing")


@pytest.mark.parametrize(("code", "words"), [
    ("1 + 'x'", "`+` does not work on a number and text"),
    ("'x' + 1", "`+` cannot join text and a number"),
    ("'a' < 1", "`<` cannot compare text with a number"),
    ("len(1)", "a number has no length"),
    ("iter(None)", "none cannot be looped over"),
    ("a, b = 1", "a number cannot be looped over"),
    ("range('x')", "text was given where a whole number is needed"),
    ("{}[[]] = 1", "a list cannot serve as a key"),
    ("[].items()", "a list has no attribute 'items'"),
    ("n = 1; n()", "a number cannot be called"),
])
def test_python_messages_in_the_documentations_words(code: str, words: str) -> None:
    message = plain(_python_message(code))
    assert message == words
    assert "object" not in message and "'int'" not in message


def test_messages_plain_already_are_left_alone() -> None:
    assert plain("label() takes a result or a gap, not dict") == \
        "label() takes a result or a gap, not a mapping"
    assert plain("macro 'm' takes no keyword argument 'b'") == \
        "macro 'm' takes no keyword argument 'b'"
    assert plain("nothing to see, not here") == "nothing to see, not here"


def test_places_name_values_by_their_first_and_shortest_path() -> None:
    entry = {"item": "S01.01"}
    report = {"results": [{"item": "S00.01"}, entry], "meta": {"my key": {"x": 1}}}
    places = Places({"report": report, "ctx": {"groups": [{"results": [entry]}]}})
    assert places.name(entry) == "report.results[1]"
    assert places.name(report["meta"]) == "report.meta"
    assert places.name(report["meta"]["my key"]) == "report.meta['my key']"
    assert places.name({"built": "here"}) == "a mapping"
    assert places.name("text") == "text" and places.name(None) == "none"
    assert [kind_of(v) for v in (1, 1.5, True, [], (), "", None)] == \
        ["a number", "a number", "true or false", "a list", "a list", "text", "none"]
