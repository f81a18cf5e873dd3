"""The registry of finding codes: the docs, the sources and the JSON Schema agree with it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sms20k import codes
from sms20k.codes import CODES, code_table
from sms20k.export.schemas import json_schema
from sms20k.findings import Level

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sms20k"


def _table_after(text: str, marker: str) -> list[str]:
    lines = text[text.index(marker):].splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("| code |"))
    end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")),
               len(lines))
    return lines[start:end]


def test_cli_docs_list_every_code_as_the_registry_does() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert _table_after(text, "## Findings") == code_table()


def test_evidence_format_tables_are_the_registrys() -> None:
    text = (ROOT / "docs" / "evidence-format.md").read_text(encoding="utf-8")
    assert _table_after(text, "Loading problems") == code_table("load")
    assert _table_after(text, "Checks on a loaded repository") == code_table("check")


def test_a_table_row_by_hand() -> None:
    assert "| `WAIVER_EXPIRED` | error (or warning with `options.expired_waivers: warning`) " \
           "| a waiver's `expires` date has passed | renew the waiver or close the gap |" \
           in code_table("check")
    assert "| `YAML` |" not in "\n".join(code_table("check"))


def test_each_constant_is_registered_under_its_own_name() -> None:
    constants = {name: value for name, value in vars(codes).items()
                 if isinstance(value, codes.Code)}
    assert {name: c.code for name, c in constants.items()} == {c: c for c in CODES}
    assert len(CODES) == 43
    assert CODES["LOCK_UNLISTED"].level is Level.WARNING
    assert CODES["NO_EVIDENCE"].level is Level.ERROR


def test_texts_follow_the_docs_style() -> None:
    for c in CODES.values():
        for text in (c.description, c.help):
            assert text[0].islower() or text[0] == "`", (c.code, text)
            assert not text.endswith("."), (c.code, text)
        assert c.title[0].isupper() and not c.title.endswith("."), c.code


def _sources() -> dict[str, str]:
    return {p.relative_to(SRC).as_posix(): p.read_text(encoding="utf-8")
            for p in SRC.rglob("*.py") if p.name != "codes.py"}


def test_no_module_names_a_code_by_its_string() -> None:
    # Code sites pass the registry's constants, so a misspelt code cannot reach a report.
    found: dict[str, set[str]] = {}
    for name, text in _sources().items():
        strings = {node.value for node in ast.walk(ast.parse(text))
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)}
        if named := strings & set(CODES):
            found[name] = named
    assert found == {}


def test_every_registered_code_is_emitted_somewhere() -> None:
    text = "\n".join(_sources().values())
    unused = [c for c in CODES if not re.search(rf"\b{c}\b", text)]
    assert unused == []


def test_the_report_schema_lists_the_codes() -> None:
    finding = json_schema("report")["$defs"]["Finding"]
    assert finding["properties"]["code"]["enum"] == list(CODES)
    assert "location" in finding["properties"]
    assert "detail" not in finding["properties"]
