"""Property-based tests: whatever the input, sms20k raises only its own errors.

(a) Arbitrary YAML-ish bytes and text, and mutations of the valid fixture files, through
    ``yamlio.parse``/``yamlio.load`` and through ``validate`` on a repository whose manifest
    or evidence file is the generated text.
(b) Valid-shaped manifests and entries with hostile values (statuses, dates, ids inside
    and outside the catalog, paths with ``..``, ``/``, ``C:``, NUL and globs, URLs of any
    scheme) through ``validate``: only our errors, and every finding has a path, and a line
    when it comes from an evidence file.

The default budgets are small so that the normal test command stays fast. The tests marked
``fuzz`` run the same properties longer: ``SMS20K_FUZZ_EXAMPLES`` sets their number of
examples (default 300), e.g. ``SMS20K_FUZZ_EXAMPLES=5000 pytest -m fuzz tests/hostile``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sms20k import yamlio
from sms20k.checklists.loader import load_catalog
from sms20k.errors import InputError, ProblemsError, Sms20kError
from sms20k.evidence.models import STATUSES
from sms20k.evidence.validate import Validation, validate
from sms20k.findings import Finding

from ..conftest import DATA
from ..test_yamlio_differential import _same

BASIC = DATA / "evidence" / "valid" / "basic"
AS_OF = dt.date(2026, 11, 29)
EXAMPLES = 150
FUZZ_EXAMPLES = int(os.environ.get("SMS20K_FUZZ_EXAMPLES", "300"))
MAX_BYTES = 256 * 1024

# No example database: nothing is written into the working tree, and every run is fresh.
QUICK = settings(max_examples=EXAMPLES, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
FUZZ = settings(QUICK, max_examples=FUZZ_EXAMPLES)

# ------------------------------------------------------------------------- strategies (a)

YAML_PUNCTUATION = " \t\n\r-:?[]{},#&*!|>'\"%@`\\.~<=+/"
ODD_CHARACTERS = "\x00\x07\x1b\x7f\x85\xa0\u2028\u2029\ufeff\ufffe\U0001f600éß"
YAML_WORDS = [
    "version", "1", "2", "entries", "item", "status", "implemented", "path", "url", "record",
    "S01.01", "X01.01", "null", "~", "true", "0x1F", "1:20", "2026-11-29", "---", "...",
    "&a", "*a", "<<", "!!python/object/apply:os.system", "!!str", "!!binary", "%YAML 1.1",
    "%TAG ! tag:x,2000:", "? ", ": ", "- ", "[", "]", "{", "}", "|", ">", "'", '"', "#",
    "\n", "\n  ", "\n    - ",
]

# Explicit tags with good and bad values, and anchors and aliases, so that the fuzzer reaches
# every value constructor and the anchor bookkeeping (duplicates, recursion, expansion).
TAGS = ["!!int", "!!float", "!!bool", "!!timestamp", "!!str", "!!null", "!!map", "!!seq",
        "!!set", "!!binary", "!", "!<tag:yaml.org,2002:int>", "!local"]
TAGGED_VALUES = ["", "''", "1", "-", "+", "_", "0x", "0x1F", "0o8", "0b2", "1:", "1:20",
                 "1_000", "1e999", ".nan", ".NaN", ".nanx", ".inf", "-.inf", "maybe", "yes",
                 "On", "~", "null", "2026-02-30", "2026-11-29", "2020-1-1 1:2:3 +25:00",
                 "2001-12-14t21:59:43.10-05:00", "foo", "٣", "[1]", "{a: 1}", "'x'"]
ANCHOR_NAMES = ["a", "b", "x"]

tagged_scalar = st.builds(lambda tag, value: f"{tag} {value}", st.sampled_from(TAGS),
                          st.sampled_from(TAGGED_VALUES))
anchor = st.sampled_from(ANCHOR_NAMES).map(lambda name: f"&{name} ")
alias = st.sampled_from(ANCHOR_NAMES).map(lambda name: f"*{name}")
node = st.one_of(tagged_scalar, st.sampled_from(TAGGED_VALUES), alias,
                 st.builds(lambda a, v: a + v, anchor, st.sampled_from(TAGGED_VALUES)))


@st.composite
def tagged_document(draw: st.DrawFn) -> str:
    """A block or flow mapping whose keys and values are tagged, anchored or aliased."""
    pairs = draw(st.lists(st.tuples(st.one_of(st.sampled_from(["k", "yes", "on", "1", "1.0",
                                                               ".nan", "~"]), node),
                                    st.one_of(node, st.builds(
                                        lambda a, items: a + "[" + ", ".join(items) + "]",
                                        st.one_of(st.just(""), anchor),
                                        st.lists(node, max_size=4)))),
                          min_size=1, max_size=8))
    if draw(st.booleans()):
        return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}\n"
    return "".join(f"{k}: {v}\n" for k, v in pairs)


yamlish_text = st.one_of(
    st.text(alphabet=st.sampled_from(list("abcXYZ0129_") + list(YAML_PUNCTUATION)
                                     + list(ODD_CHARACTERS)), max_size=400),
    st.lists(st.sampled_from(YAML_WORDS + TAGS + TAGGED_VALUES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(YAML_WORDS), tagged_scalar, anchor, alias),
             max_size=60).map(" ".join),
    tagged_document(),
    st.text(max_size=200),
)


def _fixture_texts() -> list[str]:
    files = [BASIC / "sms20k.yaml", BASIC / "evidence" / "entries.yaml",
             BASIC / "checklists" / "X01.yaml"]
    files += sorted((DATA / "evidence" / "valid").glob("*/evidence/*.yaml"))[:6]
    return [p.read_text(encoding="utf-8") for p in files]


FIXTURES = _fixture_texts()


@st.composite
def mutated(draw: st.DrawFn, base: str | None = None) -> str:
    """A valid fixture file with a few random edits: deletions, insertions of YAML-ish
    fragments, duplicated or swapped lines."""
    text = base if base is not None else draw(st.sampled_from(FIXTURES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "replace"]))
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        elif kind == "insert":
            text = text[:at] + draw(yamlish_text) + text[at:]
        elif kind == "replace" and text:
            char = draw(st.sampled_from(list(YAML_PUNCTUATION + ODD_CHARACTERS)))
            at = min(at, len(text) - 1)
            text = text[:at] + char + text[at + 1:]
        else:
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i = draw(st.integers(0, len(lines) - 1))
                j = draw(st.integers(0, len(lines) - 1))
                if kind == "duplicate":
                    lines.insert(j, lines[i])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


yamlish_bytes = st.one_of(
    st.binary(max_size=600),
    yamlish_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    mutated().map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
              mutated()).map(lambda p: p[0] + p[1].encode("utf-8", "surrogatepass")),
)

# ------------------------------------------------------------------------- helpers


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "repo"
    shutil.copytree(BASIC, target)
    (target / "expected.txt").unlink()
    yield target


def _only_our_errors(action: Callable[[], Any]) -> Any:
    """Run ``action``; an Sms20kError is an acceptable answer, anything else fails."""
    try:
        return action()
    except Sms20kError as exc:
        str(exc)  # the CLI prints it: formatting must not fail either
        if isinstance(exc, InputError) and not isinstance(exc, ProblemsError):
            assert exc.path, exc  # (a ProblemsError's findings name their files)
        return exc


def _findings(outcome: Any) -> list[Finding]:
    if isinstance(outcome, Validation):
        return outcome.findings
    if isinstance(outcome, ProblemsError):
        return outcome.findings
    return []


def _check_findings(outcome: Any, manifest: Path) -> None:
    for finding in _findings(outcome):
        assert finding.path, finding
        if not finding.path.endswith(manifest.name) and finding.code != "YAML":
            assert finding.line is not None, finding.format()
        finding.format()  # must not raise


# ------------------------------------------------------------------------- (a) parse, load


def _parse_property(text: str) -> None:
    outcome = _only_our_errors(lambda: yamlio.parse(text, "fuzz.yaml"))
    if isinstance(outcome, yamlio.YamlDocument):
        outcome.locate(("a", 0, "b"))


def _load_property(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    _only_our_errors(lambda: yamlio.load(path, "fuzz.yaml", MAX_BYTES))


@QUICK
@given(text=st.one_of(yamlish_text, mutated()))
def test_parse_raises_only_our_errors(text: str) -> None:
    _parse_property(text)


@QUICK
@given(raw=yamlish_bytes)
def test_load_raises_only_our_errors(tmp_path: Path, raw: bytes) -> None:
    _load_property(tmp_path, raw)


# What the reader refuses on purpose although PyYAML reads it (see test_yamlio_differential).
DELIBERATE = ("duplicate key", "may not be NaN", "refers to itself", "unsupported tag !!set",
              "unsupported tag !!binary", "merge keys", "integer is too large",
              "alias expansion is too large")


def _differential_property(text: str) -> None:
    try:
        theirs: Any = yaml.load(text, Loader=yaml.CSafeLoader)
        accepted = True
    except Exception:  # PyYAML fails in many ways on bad tagged values
        accepted = False
    outcome = _only_our_errors(lambda: yamlio.parse(text, "fuzz.yaml"))
    if isinstance(outcome, yamlio.YamlDocument):
        assert accepted, f"PyYAML refuses {text!r}, the reader gave {outcome.data!r}"
        assert _same(outcome.data, theirs), (outcome.data, theirs)
    else:
        assert isinstance(outcome, InputError)
        assert not accepted or any(m in outcome.message for m in DELIBERATE), outcome


@QUICK
@given(text=tagged_document())
def test_tagged_documents_agree_with_pyyaml(text: str) -> None:
    _differential_property(text)


def test_the_vocabulary_reaches_the_reader_paths() -> None:
    seen: set[str] = set()
    kinds = ("is not a valid !!", "but is not one", "duplicate anchor", "duplicate key",
             "may not be NaN",
             "unsupported tag", "undefined alias", "refers to itself")

    @settings(QUICK, max_examples=400, derandomize=True)
    @given(text=tagged_document())
    def collect(text: str) -> None:
        try:
            yamlio.parse(text, "fuzz.yaml")
            seen.add("read")
        except InputError as exc:
            seen.update(kind for kind in kinds if kind in exc.message)

    collect()
    assert seen >= {"read", *kinds}, seen


@QUICK
@given(raw=yamlish_bytes, target=st.sampled_from(["sms20k.yaml", "evidence/entries.yaml"]))
def test_validate_arbitrary_bytes(repo: Path, raw: bytes, target: str) -> None:
    _validate_bytes(repo, raw, target)


@QUICK
@given(data=st.data(), target=st.sampled_from(["sms20k.yaml", "evidence/entries.yaml"]))
def test_validate_mutated_fixture(repo: Path, data: st.DataObject, target: str) -> None:
    original = (BASIC / target).read_text(encoding="utf-8")
    text = data.draw(mutated(original))
    _validate_bytes(repo, text.encode("utf-8", "surrogatepass"), target)


def _validate_bytes(repo: Path, raw: bytes, target: str) -> None:
    original = (BASIC / target).read_bytes()
    (repo / target).write_bytes(raw)
    try:
        outcome = _only_our_errors(
            lambda: validate(repo, AS_OF, max_bytes=MAX_BYTES))
        event(f"outcome: {type(outcome).__name__}")
        _check_findings(outcome, repo / "sms20k.yaml")
    finally:
        (repo / target).write_bytes(original)


# ------------------------------------------------------------------------- (b) valid shapes

CATALOG_IDS = sorted(load_catalog([BASIC / "checklists"]).items)
SERVICES = ["app", "infra"]

plain_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
hostile_path = st.one_of(
    st.sampled_from([
        "docs/export-log.csv", "docs/export-procedure.md", "docs", ".", "./", "",
        "../secret.txt", "docs/../../x", "/etc/passwd", "C:/Windows/win.ini", "C:\\x", "c:x",
        "\\\\server\\share", "docs/\x00.md", "docs/*.md", "docs/[ab].md", "docs/?.md",
        "docs/" + "n" * 300, "/".join(["d"] * 2100), "docs/export-log.csv/x",
        "file:///etc/passwd", "docs/\n.md", "docs/\x1b[2J", "~/x", "$HOME/x",
    ]),
    st.lists(st.sampled_from(["docs", "..", ".", "", "evidence", "*", "C:", "\x00", "a b",
                              "export-log.csv", "sms20k.yaml", "é"]),
             min_size=1, max_size=8).map("/".join),
    plain_text,
)
hostile_url = st.one_of(
    st.builds(lambda scheme, rest: f"{scheme}{rest}",
              st.sampled_from(["http://", "https://", "mailto:", "javascript:", "JAVASCRIPT:",
                               "data:", "file://", "ftp://", "vbscript:", "", "//", "http:",
                               " javascript:", "http://[", "https:///"]),
              st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)),
    plain_text,
)
hostile_record = st.one_of(st.sampled_from(["JIRA:CHG-1", "JIRA:", ":x", "a:b c", "X:Y/Z#1"]),
                           plain_text)
item_id = st.one_of(st.sampled_from(CATALOG_IDS), st.sampled_from(["S99.99", "X01", "x01.01"]),
                    plain_text)
# Mostly valid values, so that most repositories get past the schema to the checks.
status = st.sampled_from([*STATUSES, *STATUSES, *STATUSES, "done", "IMPLEMENTED"])
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
optional_date = st.one_of(st.none(), dates)


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


reference = st.one_of(
    st.builds(lambda p, d, r, s: _drop_none({"path": p, "description": "ref", "reviewed": d,
                                             "approved": r, "sha256": s}),
              hostile_path, optional_date, optional_date,
              st.one_of(st.none(), st.just("0" * 64))),
    st.builds(lambda u, d: _drop_none({"url": u, "description": "link", "reviewed": d}),
              hostile_url, optional_date),
    st.builds(lambda r: {"record": r, "description": "record"}, hostile_record),
)
entry = st.builds(
    lambda item, stat, service, reviewed, evidence, justification: _drop_none({
        "item": item, "status": stat, "service": service, "reviewed": reviewed,
        "evidence": evidence, "justification": justification}),
    item_id, status, st.one_of(st.none(), st.sampled_from(SERVICES), plain_text),
    optional_date, st.lists(reference, max_size=4), st.one_of(st.none(), plain_text),
)
waiver = st.builds(
    lambda item, approved_by, approved, expires: _drop_none({
        "item": item, "reason": "because", "approved_by": approved_by, "approved": approved,
        "expires": expires}),
    item_id, st.one_of(st.none(), plain_text), optional_date, dates,
)
manifest_changes = st.fixed_dictionaries({}, optional={
    "exclusions": st.lists(st.builds(lambda i: {"id": i, "justification": "why"}, item_id),
                           max_size=3),
    "per_service": st.lists(item_id, max_size=3),
    "include": st.one_of(
        st.just(["evidence/*.yaml", "evidence/**/*.yaml", "./evidence//entries.yaml"]),
        st.lists(st.one_of(st.sampled_from(["evidence/*.yaml", "**/*.yaml", "*", "evidence",
                                            ".", "a**b", "../*.yaml", "/etc/*", "C:/x",
                                            "evidence/\x00"]),
                           plain_text), min_size=1, max_size=3)),
    "max_evidence_age": st.sampled_from(["P1Y", "P0D", "P99999Y", "P1M2W", "P99999999D",
                                         "P9999999999W"]),
    "expired_waivers": st.sampled_from(["error", "warning"]),
})


def _write_repo(repo: Path, changes: dict[str, Any], entries: list[dict[str, Any]],
                waivers: list[dict[str, Any]], inline: bool) -> None:
    manifest = yaml.safe_load((BASIC / "sms20k.yaml").read_text(encoding="utf-8"))
    if "exclusions" in changes:
        manifest["exclusions"] = manifest["exclusions"][:13] + changes["exclusions"]
    if "per_service" in changes:
        manifest["scope"]["per_service"] = changes["per_service"]
    if "include" in changes:
        manifest["include"] = changes["include"]
    for key in ("max_evidence_age", "expired_waivers"):
        if key in changes:
            manifest["options"][key] = changes[key]
    if inline:
        manifest["entries"], manifest["waivers"] = entries, waivers
        evidence: dict[str, Any] = {"entries": []}
    else:
        evidence = {"entries": entries, "waivers": waivers}
    (repo / "sms20k.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True),
                                      encoding="utf-8")
    (repo / "evidence" / "entries.yaml").write_text(
        yaml.safe_dump(evidence, allow_unicode=True), encoding="utf-8")


def _shaped_property(repo: Path, changes: dict[str, Any], entries: list[dict[str, Any]],
                     waivers: list[dict[str, Any]], inline: bool, as_of: dt.date) -> None:
    _write_repo(repo, changes, entries, waivers, inline)
    outcome = _only_our_errors(lambda: validate(repo, as_of, max_bytes=MAX_BYTES))
    event(f"outcome: {type(outcome).__name__}")
    _check_findings(outcome, repo / "sms20k.yaml")


shaped = {
    "changes": manifest_changes,
    "entries": st.lists(entry, max_size=6),
    "waivers": st.lists(waiver, max_size=2),
    "inline": st.booleans(),
    "as_of": dates,
}


@QUICK
@given(**shaped)
def test_valid_shaped_repositories(repo: Path, changes: dict[str, Any],
                                   entries: list[dict[str, Any]],
                                   waivers: list[dict[str, Any]], inline: bool,
                                   as_of: dt.date) -> None:
    _shaped_property(repo, changes, entries, waivers, inline, as_of)


def test_shaped_repositories_reach_the_checks(repo: Path) -> None:
    """The strategies are not all rejected by the schema: a typical hostile repository
    loads and gets findings from the reference checks, each with a line."""
    entries = [{"item": "X01.01", "status": "implemented", "evidence": [
        {"path": "../secret.txt", "description": "up"},
        {"path": "C:/x", "description": "drive"},
        {"url": "javascript:alert(1)", "description": "script"},
    ]}]
    _write_repo(repo, {}, entries, [], inline=False)
    result = validate(repo, AS_OF)
    codes = {f.code for f in result.findings}
    assert {"REF_ESCAPE", "REF_ABSOLUTE", "REF_URL"} <= codes
    _check_findings(result, repo / "sms20k.yaml")


# ------------------------------------------------------------------------- longer runs


@pytest.mark.fuzz
@FUZZ
@given(text=st.one_of(yamlish_text, mutated()))
def test_fuzz_parse(text: str) -> None:
    _parse_property(text)


@pytest.mark.fuzz
@FUZZ
@given(text=tagged_document())
def test_fuzz_tagged_documents_agree_with_pyyaml(text: str) -> None:
    _differential_property(text)


@pytest.mark.fuzz
@FUZZ
@given(raw=yamlish_bytes, target=st.sampled_from(["sms20k.yaml", "evidence/entries.yaml"]))
def test_fuzz_validate_bytes(repo: Path, raw: bytes, target: str) -> None:
    _validate_bytes(repo, raw, target)


@pytest.mark.fuzz
@FUZZ
@given(**shaped)
def test_fuzz_valid_shaped_repositories(repo: Path, changes: dict[str, Any],
                                        entries: list[dict[str, Any]],
                                        waivers: list[dict[str, Any]], inline: bool,
                                        as_of: dt.date) -> None:
    _shaped_property(repo, changes, entries, waivers, inline, as_of)
