"""The one Finding model: its text forms, its JSON form and reading older reports."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from sms20k import codes
from sms20k.errors import InputError, ProblemsError
from sms20k.findings import Finding, Level, Location, label, where


def stale() -> Finding:
    return codes.EVIDENCE_STALE.at("evidence/x.yaml", 4, 9, "evidence dated 2025-04-01 is old",
                                   hint="review it", item="S01.01", service="app",
                                   detail="2025-07-01")


def test_a_code_gives_its_level_unless_told_otherwise() -> None:
    assert stale().level is Level.WARNING
    assert codes.WAIVER_EXPIRED.at("m.yaml", 1, 1, "x").level is Level.ERROR
    assert codes.WAIVER_EXPIRED.at("m.yaml", 1, 1, "x", level=Level.WARNING).level \
        is Level.WARNING


def test_level_has_only_error_and_warning() -> None:
    assert [level.value for level in Level] == ["error", "warning"]
    assert f"[{Level.ERROR}]" == "[error]" and str(Level.WARNING) == "warning"


@pytest.mark.parametrize(("line", "col", "expected"), [
    (4, 9, "e.yaml:4:9"), (4, None, "e.yaml:4"), (None, None, "e.yaml"), (None, 9, "e.yaml"),
])
def test_where(line: int | None, col: int | None, expected: str) -> None:
    assert where("e.yaml", line, col) == expected
    assert str(Location(path="e.yaml", line=line, col=col)) == expected


def test_label_names_the_service_only_when_there_is_one() -> None:
    assert label("S01.01", "app") == "S01.01 (app)"
    assert label("S01.01", None) == "S01.01"
    assert label("S01.01", "") == "S01.01"


def test_text_and_format() -> None:
    finding = codes.SCHEMA.at("e.yaml", 2, 3, "unknown field", hint="did you mean 'status'?",
                              field="entries[0].stauts")
    assert finding.text() == "entries[0].stauts: unknown field (did you mean 'status'?)"
    assert finding.text(hint=False) == "entries[0].stauts: unknown field"
    assert finding.format() == ("e.yaml:2:3: [error] SCHEMA entries[0].stauts: unknown field "
                                "(did you mean 'status'?)")
    controls = codes.YAML.at("a\x1b[2J.yaml", None, None, "bad")
    assert "\x1b" not in controls.format()


def test_json_form_is_the_documented_one() -> None:
    data = json.loads(stale().model_dump_json())
    assert data == {
        "path": "evidence/x.yaml", "line": 4, "col": 9, "level": "warning",
        "code": "EVIDENCE_STALE", "message": "evidence dated 2025-04-01 is old",
        "hint": "review it", "field": None, "item": "S01.01", "service": "app",
        "location": {"path": "evidence/x.yaml", "line": 4, "col": 9},
    }


def test_round_trip_and_reports_of_earlier_versions() -> None:
    finding = stale()
    again = Finding.model_validate_json(finding.model_dump_json())
    assert again == finding.model_copy(update={"detail": None})
    old = Finding.model_validate({"code": "NO_EVIDENCE", "level": "error", "message": "m",
                                  "location": {"path": "e.yaml", "line": 3, "col": 5}})
    assert (old.path, old.line, old.col, old.hint, old.item) == ("e.yaml", 3, 5, None, None)
    nowhere = Finding.model_validate({"code": "NO_EVIDENCE", "level": "error", "message": "m",
                                      "location": None})
    assert nowhere.where() == "sms20k.yaml"
    with pytest.raises(ValidationError):
        Finding.model_validate({"path": "e.yaml", "code": "X", "level": "info", "message": "m"})


def test_an_input_error_as_a_finding_and_as_text() -> None:
    error = InputError("bad indentation", path="e.yaml", line=2, col=1, hint="use spaces")
    assert str(error) == "e.yaml:2:1: bad indentation (use spaces)"
    assert str(InputError("no path")) == "no path"
    finding = error.as_finding("other.yaml")
    assert (finding.code, finding.level, finding.where(), finding.hint) == (
        "YAML", Level.ERROR, "e.yaml:2:1", "use spaces")
    assert InputError("x").as_finding("other.yaml", codes.SCHEMA).where() == "other.yaml"


def test_problems_error_lists_each_finding() -> None:
    error = ProblemsError([codes.NO_EVIDENCE.at("a.yaml", 1, 2, "one"),
                           codes.REF_URL.at("b.yaml", None, None, "two", hint="fix it")])
    assert str(error) == ("a.yaml:1:2: [error] NO_EVIDENCE one\n"
                          "b.yaml: [error] REF_URL two (fix it)")
