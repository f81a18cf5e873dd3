"""Where new entries go, and what the plan says."""

from __future__ import annotations

from pathlib import Path

import pytest

from sms20k.errors import InputError
from sms20k.evidence.repo import load_repository
from sms20k.office.plan import check_into, included


@pytest.mark.parametrize(("rel", "pattern", "matched"), [
    ("evidence/questionnaire.yaml", "evidence/*.yaml", True),
    ("evidence/questionnaire.yaml", "evidence/S*.yaml", False),
    ("evidence/a/b/q.yaml", "evidence/**/*.yaml", True),
    ("evidence/q.yaml", "evidence/**/*.yaml", True),
    ("evidence/q.yaml", "**", True),
    ("other/q.yaml", "evidence/**", False),
    ("evidence/q.yml", "./evidence/q.y?l", True),
])
def test_include_patterns(rel: str, pattern: str, matched: bool) -> None:
    assert included(rel, pattern) is matched


def test_into_must_be_matched_by_include(repo: Path) -> None:
    loaded = load_repository(repo)
    assert check_into(loaded, "evidence/questionnaire.yaml") == "evidence/questionnaire.yaml"
    with pytest.raises(InputError) as caught:
        check_into(loaded, "answers/questionnaire.yaml")
    assert "include patterns do not match" in caught.value.message
    assert caught.value.hint is not None and "`- answers/questionnaire.yaml`" in caught.value.hint


@pytest.mark.parametrize("into", ["../x.yaml", "/tmp/x.yaml", "evidence/x.txt", "sms20k.yaml"])
def test_into_must_be_an_evidence_file_inside(repo: Path, into: str) -> None:
    with pytest.raises(InputError, match="--into"):
        check_into(load_repository(repo), into)
