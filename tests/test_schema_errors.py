"""Schema findings for many unknown keys: each at its own line, in linear work."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
from pydantic import ValidationError

from sms20k import suggest
from sms20k.evidence.models import EvidenceFile
from sms20k.schema_errors import to_findings
from sms20k.yamlio import YamlDocument, parse


class _Key(str):
    comparisons = 0

    def __eq__(self, other: object) -> bool:
        _Key.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def _counting(doc: YamlDocument) -> YamlDocument:
    """The same document with keys that count how often they are compared."""
    marks: dict[int, Any] = {}

    def rebuild(node: Any) -> Any:
        if isinstance(node, dict):
            new: Any = {_Key(k) if isinstance(k, str) else k: rebuild(v) for k, v in node.items()}
        elif isinstance(node, list):
            new = [rebuild(v) for v in node]
        else:
            return node
        marks[id(new)] = doc._marks[id(node)]
        return new

    return YamlDocument(doc.display, rebuild(doc.data), doc.root, marks)


@pytest.mark.parametrize(("where", "head"), [
    ("top level", "entries: []\n"),
    ("entry", "entries:\n  - item: S01.01\n    status: planned\n"),
    ("reference", "entries:\n  - item: S01.01\n    status: planned\n    evidence:\n"
                  "      - url: https://example.com\n        description: d\n"),
])
@pytest.mark.parametrize("prefix", ["unknown_key_", "stat", "Sstatus"])
def test_many_unknown_keys_are_each_located_in_linear_work(
        where: str, head: str, prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggest, "_matchers", {})
    monkeypatch.setattr(suggest, "_last", [])
    calls = {"quick": 0}
    real = difflib.SequenceMatcher.quick_ratio

    def quick_ratio(self: difflib.SequenceMatcher[str]) -> float:
        calls["quick"] += 1
        return real(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "quick_ratio", quick_ratio)
    keys = 2_000
    indent = {"top level": "", "entry": "    ", "reference": "        "}[where]
    body = "".join(f"{indent}{prefix}{i}: x\n" for i in range(keys))
    text = head + body
    first_line = head.count("\n") + 1
    doc = _counting(parse(text, "e.yaml"))
    with pytest.raises(ValidationError) as info:
        EvidenceFile.model_validate(doc.data)
    _Key.comparisons = 0
    findings = to_findings(info.value, doc, EvidenceFile)
    unknown = [f for f in findings if "unknown field" in f.message]
    assert len(unknown) == keys
    assert sorted(f.line or 0 for f in unknown) == list(range(first_line, first_line + keys))
    assert all(f.col == len(indent) + 1 for f in unknown)
    assert _Key.comparisons <= 20 * keys  # a few per step of each path; quadratic is 2,000,000
    assert calls["quick"] <= suggest.MAX_COMPARISONS
