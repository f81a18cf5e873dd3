"""Evidence reference lines: ``TARGET | DESCRIPTION [| KIND]``."""

from __future__ import annotations

import pytest

from sms20k.evidence.models import Reference
from sms20k.office.reflines import LineError, format_reference, parse_cell, parse_line


@pytest.mark.parametrize(("line", "fields"), [
    ("docs/a.md | The policy", {"path": "docs/a.md", "description": "The policy"}),
    ("https://x.example/p | Page | report",
     {"url": "https://x.example/p", "description": "Page", "kind": "report"}),
    ("record:JIRA:CHG-12 | Change | record",
     {"record": "JIRA:CHG-12", "description": "Change", "kind": "record"}),
    ("docs/a.md | A | B | not-a-kind", {"path": "docs/a.md", "description": "A | B | not-a-kind"}),
])
def test_lines_become_references(line: str, fields: dict[str, str]) -> None:
    assert parse_line(line) == fields
    Reference.model_validate(fields)


@pytest.mark.parametrize(("line", "message"), [
    ("docs/a.md", "is not `TARGET | DESCRIPTION"),
    ("docs/a.md |  ", "has no description"),
    ("javascript:alert(1) | x", "neither a path in the repository"),
    ("file:///etc/passwd | x", "neither a path in the repository"),
    ("/etc/passwd | x", "neither a path in the repository"),
    ("docs\\a.md | x", "neither a path in the repository"),
    ("../outside.md | x", "leaves the repository"),
    ("record:nocolon | x", "is not `SYSTEM:ID`"),
    ("https:// | x", "is not a URL"),
])
def test_bad_lines_say_why(line: str, message: str) -> None:
    with pytest.raises(LineError, match=message.replace("|", r"\|").replace("(", r"\(")):
        parse_line(line)


def test_format_and_parse_round_trip() -> None:
    refs = [Reference(path="docs/a.md", description="A  long\n description", kind="policy"),
            Reference(url="https://x.example", description="X"),
            Reference(record="SN:INC1", description="Ticket")]
    text = "\n".join(format_reference(r) for r in refs)
    parsed, problems = parse_cell(text + "\n\n")
    assert problems == []
    assert parsed[0] == {"path": "docs/a.md", "description": "A long description",
                         "kind": "policy"}
    assert [Reference.model_validate(p).target for p in parsed] == [r.target for r in refs]


def test_a_cell_reports_each_bad_line_by_number() -> None:
    parsed, problems = parse_cell("docs/a.md | ok\nnot a reference\n")
    assert len(parsed) == 1
    assert problems == ["line 2: 'not a reference' is not `TARGET | DESCRIPTION [| KIND]`"]
