"""Exact messages for malformed evidence URLs, and what a path problem says (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from sms20k.codes import REF_MISSING
from sms20k.evidence.references import PathProblem, url_problem


@pytest.mark.parametrize(("url", "message"), [
    ("https://example.com/a", None),
    ("HTTP://example.com/a", None),
    ("mailto:ops@example.com", None),
    ("MAILTO:ops@example.com", None),
    ("mailto:ops", "'mailto:ops' has no e-mail address"),
    ("MAILTO:ops", "'MAILTO:ops' has no e-mail address"),
    ("example.com/a", "'example.com/a' uses scheme 'none'; only http, https and mailto"),
    ("ftp://example.com/a", "'ftp://example.com/a' uses scheme 'ftp'; only http, https and mailto"),
    ("https:///a", "'https:///a' has no host"),
    ("https://example.com/a b", "'https://example.com/a b' contains spaces or control characters"),
    ("https://example.com/a\tb",
     "'https://example.com/a\\tb' contains spaces or control characters"),
    ("https://example.com/a\x01b",
     "'https://example.com/a\\x01b' contains spaces or control characters"),
])
def test_url_messages(url: str, message: str | None) -> None:
    assert url_problem(url) == message


def test_a_malformed_url_is_reported_with_its_message(make: Any) -> None:
    entry = {"item": "X01.01", "status": "implemented",
             "evidence": [{"url": "mailto:ops", "description": "Mailbox."}]}
    view = make(entries=[entry]).validate()
    [finding] = [f for f in view["findings"] if f["code"] == "REF_URL"]
    assert finding["message"] == "'mailto:ops' has no e-mail address"
    assert finding["hint"] == "use an http, https or mailto URL"


def test_a_path_problem_reads_as_its_message() -> None:
    problem = PathProblem(REF_MISSING, "docs/x.md does not exist", "fix the path")
    assert str(problem) == "docs/x.md does not exist"
