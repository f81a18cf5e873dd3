"""Editing evidence files in place: untouched lines keep their bytes, and the safety net
refuses any result that reads differently from the intended change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sms20k import yamlio
from sms20k.office.yamledit import EditError, EntryEdit, check_result, edit_text, new_file_text

from .workbooks import EXAMPLE

FILES = [*sorted(EXAMPLE.glob("evidence/*.yaml")), EXAMPLE / "sms20k.yaml"]
SMALL = """\
# A hand-written file.
entries:
  # the first entry
  - item: S01.01
    status: partial   # checked by Jo
    owner: Service Owner
    notes: A long note that wraps onto a second line, the way people
      write YAML by hand.
    evidence:
      - path: docs/a.md
        description: The policy.

  - item: S01.02
    status: planned
# trailing comment
"""


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_change_gives_identical_bytes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert edit_text(text, path.name, [], []) == text
    entries = yamlio.parse(text, path.name).data.get("entries", [])
    same = [EntryEdit(n, {"status": e["status"]}) for n, e in enumerate(entries)]
    assert edit_text(text, path.name, same, []) == text


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    import difflib

    diff = list(difflib.ndiff(old.splitlines(), new.splitlines()))
    return ([line[2:] for line in diff if line.startswith("- ")],
            [line[2:] for line in diff if line.startswith("+ ")])


def test_an_edit_rewrites_only_its_lines_and_keeps_comments() -> None:
    new = edit_text(SMALL, "s.yaml", [EntryEdit(0, {"status": "implemented",
                                                    "notes": "Short now."})], [])
    removed, added = changed_lines(SMALL, new)
    assert removed == ["    status: partial   # checked by Jo",
                       "    notes: A long note that wraps onto a second line, the way people",
                       "      write YAML by hand."]
    assert added == ["    status: implemented  # checked by Jo", "    notes: Short now."]
    assert "# the first entry" in new and new.endswith("# trailing comment\n")


def test_new_fields_go_in_the_usual_key_order() -> None:
    new = edit_text(SMALL, "s.yaml", [EntryEdit(1, {"owner": "yes",
                                                    "reviewed": dt.date(2026, 1, 2)})], [])
    tail = new.split("- item: S01.02\n")[1]
    assert tail == ("    status: planned\n    owner: 'yes'\n    reviewed: 2026-01-02\n"
                    "# trailing comment\n")
    assert yamlio.parse(new, "s").data["entries"][1]["owner"] == "yes"


def test_references_are_appended_and_updated_in_place() -> None:
    new = edit_text(SMALL, "s.yaml", [EntryEdit(
        0, references={0: {"description": "The policy, v2."}},
        appended=[{"url": "https://example.com/x", "description": "on", "kind": "report"}])],
        [])
    evidence = yamlio.parse(new, "s").data["entries"][0]["evidence"]
    assert evidence == [{"path": "docs/a.md", "description": "The policy, v2."},
                        {"url": "https://example.com/x", "description": "on",
                         "kind": "report"}]
    assert "        description: 'on'\n" in new


def test_an_entry_without_evidence_gets_a_list() -> None:
    new = edit_text(SMALL, "s.yaml", [EntryEdit(
        1, appended=[{"record": "JIRA:X-1", "description": "ticket"}])], [])
    assert yamlio.parse(new, "s").data["entries"][1]["evidence"] == [
        {"record": "JIRA:X-1", "description": "ticket"}]


def test_new_entries_are_appended_in_the_file_style() -> None:
    entry = {"item": "S01.03", "status": "implemented", "evidence": [
        {"path": "docs/b.md", "description": "b"}]}
    new = edit_text(SMALL, "s.yaml", [], [entry])
    assert new.startswith(SMALL.rsplit("# trailing", 1)[0])
    assert "\n\n  - item: S01.03\n    status: implemented\n    evidence:\n      - path: docs/b.md" \
        in new
    assert yamlio.parse(new, "s").data["entries"][-1] == entry


def test_a_new_file() -> None:
    text = new_file_text("Made by a test.", [{"item": "S01.01", "status": "planned"}])
    assert text == "# Made by a test.\nentries:\n  - item: S01.01\n    status: planned\n"


def test_windows_line_endings_are_kept() -> None:
    crlf = SMALL.replace("\n", "\r\n")
    new = edit_text(crlf, "s.yaml", [EntryEdit(1, {"status": "partial"})], [])
    assert "\n" not in new.replace("\r\n", "")
    assert yamlio.parse(new, "s").data["entries"][1]["status"] == "partial"


def test_flow_style_is_refused() -> None:
    with pytest.raises(EditError, match="without changing other content; edit it by hand"):
        edit_text("entries: [{item: S01.01, status: planned}]\n", "f.yaml",
                  [EntryEdit(0, {"status": "partial"})], [])


def test_the_safety_net_refuses_a_result_that_reads_differently() -> None:
    wrong = SMALL.replace("status: planned", "status: partial")
    with pytest.raises(EditError, match="would read differently"):
        check_result(SMALL, wrong, "s.yaml", [], [])
    check_result(SMALL, wrong, "s.yaml", [EntryEdit(1, {"status": "partial"})], [])


def test_yaml_1_1_words_are_quoted_so_the_reader_keeps_them_strings() -> None:
    words = ["yes", "no", "on", "off", "y", "n", "~", "null", "1.0", "2026-01-01", "0x1F"]
    for word in words:
        new = edit_text(SMALL, "s.yaml", [EntryEdit(1, {"owner": word})], [])
        assert yamlio.parse(new, "s").data["entries"][1]["owner"] == word
