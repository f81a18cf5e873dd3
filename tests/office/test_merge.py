"""An answer the entry model refuses is reported at its cell in sms20k's words."""

from __future__ import annotations

from typing import Any

import pytest

from sms20k.office.answers import Answer, Problems
from sms20k.office.merge import _valid

PYDANTIC = ("Input should", "Value error", "Field required", "type=", "validation error")


@pytest.mark.parametrize(("data", "column"), [
    ({"item": "S01.01", "status": "implemented", "owner": ""}, "owner"),
    ({"item": "S01.01", "status": "implemented", "notes": 3}, "notes"),
    ({"item": "S01.01", "status": "implemented", "reviewed": "soon"}, "reviewed"),
])
def test_a_refused_answer_is_worded_for_the_user(data: dict[str, Any], column: str) -> None:
    answer = Answer(sheet="S01", row=7, item="S01.01", service=None, record=None)  # type: ignore[arg-type]
    problems = Problems("answers.xlsx")
    assert not _valid(data, answer, problems)
    [finding] = problems.found
    assert finding.path.startswith("answers.xlsx:S01!") and finding.path.endswith("7")
    assert finding.hint, finding
    assert not any(p in finding.message for p in PYDANTIC), finding.message
