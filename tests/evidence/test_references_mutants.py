"""Exact messages for malformed evidence URLs, and what a path problem says (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sms20k.codes import REF_MISSING
from sms20k.evidence.references import PathProblem, ReferenceResolver, url_problem

LONGEST = "a" * 252 + ".md"  # 255 characters, the most one file name may have


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


def _problem(root: Path, text: str) -> tuple[str, str, str]:
    with pytest.raises(PathProblem) as caught:
        ReferenceResolver(root).resolve(text)
    return caught.value.code.code, caught.value.message, caught.value.hint


def test_a_file_name_of_255_characters_resolves(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / LONGEST).write_text("# A\n")
    assert ReferenceResolver(tmp_path).resolve(f"docs/{LONGEST}") == str(
        tmp_path / "docs" / LONGEST)


@pytest.mark.parametrize("text", [f"docs/{LONGEST}x", "docs/" + "d/" * 2050 + "a.md"])
def test_a_name_or_path_too_long_is_refused_before_the_file_system(tmp_path: Path,
                                                                   text: str) -> None:
    assert _problem(tmp_path, text) == ("REF_INVALID", "path is too long",
                                        "shorten the file name")


def test_a_directory_under_a_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "sub" / "a.md").write_text("# A\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link").symlink_to(outside)
    assert _problem(root, "link/sub/a.md") == (
        "REF_ESCAPE", "link/sub/a.md is a symlink leading outside the repository",
        "copy the file into the repository")
