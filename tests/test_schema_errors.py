"""Schema findings for many unknown keys: each at its own line, in linear work. Every loader
a user reaches (manifest, evidence files, actions, checklists, the lock file, a report.json
for diff and --baseline) says what is wrong in the user's terms, at file:line (or the file,
for JSON), with a fix, and never in pydantic's phrases."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from sms20k import suggest
from sms20k.evidence.models import EvidenceFile
from sms20k.schema_errors import to_findings
from sms20k.yamlio import YamlDocument, parse

from .conftest import DATA, Invoke
from .counting import Compared


def _counting(doc: YamlDocument) -> YamlDocument:
    """The same document with keys that count how often they are compared."""
    marks: dict[int, Any] = {}

    def rebuild(node: Any) -> Any:
        if isinstance(node, dict):
            new: Any = {Compared(k) if isinstance(k, str) else k: rebuild(v)
                        for k, v in node.items()}
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
    Compared.comparisons = 0
    findings = to_findings(info.value, doc, EvidenceFile)
    unknown = [f for f in findings if "unknown field" in f.message]
    assert len(unknown) == keys
    assert sorted(f.line or 0 for f in unknown) == list(range(first_line, first_line + keys))
    assert all(f.col == len(indent) + 1 for f in unknown)
    assert Compared.comparisons <= 20 * keys  # a few per step of each path; quadratic is 2,000,000
    assert calls["quick"] <= suggest.MAX_COMPARISONS


SMALL = DATA / "assess" / "small"
PHRASES = ("input should be", "value error,", "field required", "type=",
           "for further information visit", "validation error for", "pydantic",
           "should have at least", "should match pattern", "extra inputs")
MANIFEST, EVIDENCE, CHECKLIST = "sms20k.yaml", "evidence/x01.yaml", "checklists/X02.yaml"

# (file, text there, replacement, what the message must say)
YAML_CASES: dict[str, tuple[str, str, str, str]] = {
    "date-text": (MANIFEST, "  date: 2026-11-15", "  date: yesterday", "expected a date"),
    "date-time": (MANIFEST, "  date: 2026-11-15", "  date: 2026-11-15T10:00:00",
                  "got a date and time"),
    "date-number": (EVIDENCE, "    reviewed: 2026-10-15", "    reviewed: -5",
                    "expected a date (YYYY-MM-DD), got a number -5"),
    "date-quoted": (EVIDENCE, "    reviewed: 2026-10-15", "    reviewed: '2026-10-15'",
                    "write the date unquoted"),
    "enum": (MANIFEST, "  role: cloud-service-provider", "  role: bogus",
             "'bogus' is not allowed; expected 'cloud-service-provider'"),
    "enum-in-list": (MANIFEST, "      categories: [SaaS]", "      categories: [Saas]",
                     "did you mean `SaaS`"),
    "enum-number": (EVIDENCE, "    status: implemented", "    status: 3", "3 is not allowed"),
    "list-for-number": (MANIFEST, "      categories: [SaaS]", "      categories: 3",
                        "expected a list, got a number 3"),
    "list-for-text": (MANIFEST, "  per_service: [X02]", "  per_service: X02",
                      "write a list: [X02]"),
    "bool": (MANIFEST, "  builtin_checklists: false", "  builtin_checklists: nope",
             "expected true or false, got text 'nope'"),
    "text-for-bool": (EVIDENCE, "    owner: Service Delivery Manager", "    owner: true",
                      "expected text, got true"),
    "text-for-number": (EVIDENCE, "    owner: Service Delivery Manager", "    owner: 1.5",
                        'quote it: "1.5"'),
    "text-for-list": (MANIFEST, "  assessor: Ada Auditor", "  assessor: [a, b]",
                      "expected text, got a list"),
    "text-for-null": (EVIDENCE, "  - item: X01.01", "  - item: null",
                      "expected text, got an empty value"),
    "empty-text": (MANIFEST, "  name: Stratus <b>Cloud</b> & Co", "  name: ''",
                   "must not be empty"),
    "missing": (EVIDENCE, "    status: implemented\n", "", "missing required field `status`"),
    "missing-block": (MANIFEST, "  name: Stratus <b>Cloud</b> & Co\n", "",
                      "missing required field `name`"),
    "extra": (EVIDENCE, "    owner: Service Delivery Manager", "    ownr: x",
              "unknown field `ownr`"),
    "extra-top": (MANIFEST, "include:", "includes: []\ninclude:", "unknown field `includes`"),
    "mapping-for-number": (EVIDENCE, "entries:", "entries: 5\nx:", "expected a list"),
    "pattern": (MANIFEST, "    - id: app", "    - id: App_1",
                "'App_1' does not have the expected form"),
    "duration": (MANIFEST, "  max_evidence_age: P2Y", "  max_evidence_age: -P2Y",
                 "is not an ISO 8601 duration"),
    "negative": (MANIFEST, "include:", "policy:\n  max:\n    major: -1\ninclude:",
                 "-1 is out of range; it must be at least 0"),
    "over-limit": (MANIFEST, "include:", "policy:\n  fail-under: 120\ninclude:",
                   "it must be at most 100"),
    "zero-weight": (MANIFEST, "include:", "rules:\n  weights:\n    high: 0\ninclude:",
                    "it must be more than 0"),
    "infinite": (MANIFEST, "include:", "rules:\n  weights:\n    high: .inf\ninclude:",
                 "finite number"),
    "multiple-of": (MANIFEST, "  reference: FX-2026-01",
                    "  reference: FX-2026-01\n  audit:\n    hours_per_day: 7.1",
                    "must be a multiple of 0.25"),
    "too-long-list": (MANIFEST, "  reference: FX-2026-01",
                      "  reference: FX-2026-01\n  audit:\n    team: [" + ", ".join(
                          f"p{i}" for i in range(51)) + "]",
                      "is longer than the limit of 50 entries"),
    "action-status": (EVIDENCE, "entries:", "actions:\n  - item: X01.02\n    status: done\n"
                      "entries:", "'done' is not allowed"),
    "action-subject": (EVIDENCE, "entries:", "actions:\n  - item: X01.02\n    finding: F-1\n"
                       "entries:", "exactly one of `finding` or `item`"),
    "action-closed": (EVIDENCE, "entries:", "actions:\n  - item: X01.02\n    status: closed\n"
                      "entries:", "`effectiveness: {reviewed: DATE, effective: true}`"),
    "action-not-a-mapping": (EVIDENCE, "entries:", "actions:\n  - 5\nentries:",
                             "expected a mapping of fields, got a number 5"),
    "action-due": (EVIDENCE, "entries:", "actions:\n  - item: X01.02\n    due: tomorrow\n"
                   "entries:", "expected a date, got text 'tomorrow'"),
    "reference-target": (EVIDENCE, "      - record: JIRA:OPS-1234",
                         "      - record: JIRA:OPS-1234\n        url: https://x.example",
                         "exactly one of path, url or record"),
    "checklist-item-id": (CHECKLIST, "  - id: X02.02", "  - id: X02-02",
                          "'X02-02' does not have the expected form"),
    "checklist-criticality": (CHECKLIST, "    criticality: high", "    criticality: hihg",
                              "did you mean `high`?"),
    "checklist-empty-list": (CHECKLIST, "    tags: [continuity]", "    tags: []\n"
                             "    clauses_2018: []", "must not be empty"),
    "checklist-extra": (CHECKLIST, "    tags: [continuity]", "    tags: [continuity]\n"
                        "    tag: x", "unknown field `tag`"),
    "checklist-wrong-type": (CHECKLIST, "    questions: [When", "    questions: 7\n"
                             "    x: [When", "expected a list, got a number 7"),
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SMALL, root)
    monkeypatch.chdir(root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _check_lines(stderr: str, where: str, expected: str) -> None:
    """Every error is one line at ``where`` (a regex of file and line) with a hint."""
    errors = [line for line in stderr.splitlines() if "[error]" in line]
    assert errors, stderr
    for line in errors:
        assert re.match(rf"{where}: \[error\] .+ \(.+\)$", line), stderr
    assert any(expected in line for line in errors), stderr
    for phrase in PHRASES:
        assert phrase not in stderr.lower(), stderr


@pytest.mark.parametrize(("file", "old", "new", "expected"), list(YAML_CASES.values()),
                         ids=list(YAML_CASES))
def test_yaml_loaders_speak_the_users_terms(file: str, old: str, new: str, expected: str,
                                            repo: Path, invoke: Invoke) -> None:
    _edit(repo / file, old, new)
    result = invoke(["validate", "."], code=2)
    _check_lines(result.stderr, rf"{re.escape(file)}:\d+(:\d+)?", expected)
    if file == CHECKLIST:
        result = invoke(["lint-checklists", "checklists"], code=2)
        _check_lines(result.stderr, rf"{re.escape(file)}:\d+(:\d+)?", expected)


LOCK_CASES: dict[str, tuple[str, str]] = {
    "junk": ("\x00\xff not json", "not valid JSON"),
    "empty": ("", "not valid JSON"),
    "list": ("[]", "the file holds a list, not a JSON object"),
    "version": ('{"version": 2, "files": {}}', "version: 2 is out of range"),
    "version-text": ('{"version": "1", "files": {}}', "version: expected a whole number"),
    "missing": ('{"version": 1}', "missing required field `files`"),
    "extra": ('{"version": 1, "files": {}, "more": 1}', "unknown field `more`"),
    "hash-type": ('{"version": 1, "files": {"a": 5}}', "files.a: expected text"),
}


@pytest.mark.parametrize(("text", "expected"), list(LOCK_CASES.values()), ids=list(LOCK_CASES))
def test_lock_file(text: str, expected: str, repo: Path, invoke: Invoke) -> None:
    (repo / "sms20k.lock.json").write_text(text, encoding="utf-8")
    result = invoke(["validate", "."], code=2)
    _check_lines(result.stderr, r"sms20k\.lock\.json(:\d+)?", expected)
    assert "delete it and run `sms20k lock` again" in result.stderr, result.stderr


@pytest.fixture(scope="module")
def report_json(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from typer.testing import CliRunner

    from sms20k.cli import app

    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["assess", str(SMALL), "-f", "json", "-o", str(out), "-q"])
    assert result.exit_code in (0, 1), result.output
    yield json.loads((out / "report.json").read_text(encoding="utf-8"))


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        for step in path[:-1]:
            data = data[step]
        if value is KeyError:
            del data[path[-1]]
        else:
            data[path[-1]] = value
    return edit


# An edit of report.json, or the file's whole text; what the message must say.
REPORT_CASES: dict[str, tuple[Callable[[Any], None] | str, str]] = {
    "kind": (_set(("kind",), "x"), "its kind is 'x', not 'assessment'"),
    "kind-number": (_set(("kind",), 5), "its kind is '5', not 'assessment'"),
    "format-newer": (_set(("format_version",), 99), "format_version 99 is newer"),
    "format-zero": (_set(("format_version",), 0), "format_version 0 is not a report format"),
    "format-fraction": (_set(("format_version",), 2.5),
                        "format_version: expected a whole number, got a number 2.5"),
    "missing": (_set(("meta",), KeyError), "missing required field `meta`"),
    "mapping-for-number": (_set(("meta",), 5), "meta: expected a mapping of fields"),
    "list-for-mapping": (_set(("results",), {}), "results: expected a list, got a mapping"),
    "enum": (_set(("results", 0, "result"), "bogus"), "results[0].result: 'bogus' is not"),
    "text-for-null": (_set(("results", 0, "item"), None), "results[0].item: expected text"),
    "missing-nested": (_set(("results", 0, "item"), KeyError),
                       "results[0]: missing required field `item`"),
    "text-for-number": (_set(("meta", "date"), 20261115), "meta.date: expected text"),
    "negative": (_set(("summary", "score"), -5), "summary.score: -5 is out of range"),
    "number-for-text": (_set(("results", 0, "score"), "high"),
                        "results[0].score: expected a number, got text 'high'"),
    "infinite": (_set(("summary", "score"), float("inf")), "summary.score: must be a finite"),
    "not-json": ("not json", "not valid JSON"),
    "truncated": ('{"kind": "assessment",', "not valid JSON"),
    "empty": ("", "not valid JSON"),
    "list": ("[]", "the file holds a list, not a JSON object"),
}


@pytest.mark.parametrize(("edit", "expected"), list(REPORT_CASES.values()), ids=list(REPORT_CASES))
@pytest.mark.parametrize("command", ["diff", "baseline"])
def test_report_json_for_diff_and_baseline(edit: Callable[[Any], None] | str, expected: str,
                                           command: str, report_json: dict[str, Any],
                                           tmp_path: Path, invoke: Invoke) -> None:
    bad = tmp_path / "bad.json"
    if isinstance(edit, str):
        bad.write_text(edit, encoding="utf-8")
    else:
        data = json.loads(json.dumps(report_json))
        edit(data)
        bad.write_text(json.dumps(data), encoding="utf-8")
    if command == "diff":
        result = invoke(["diff", bad, bad], code=2)
    else:
        result = invoke(["assess", SMALL, "--baseline", bad, "-o", tmp_path / "out", "-q"],
                        code=2)
    _check_lines(result.stderr, rf"{re.escape(str(bad))}(:\d+)?", expected)
    assert "not an sms20k report" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists(), result.stderr
