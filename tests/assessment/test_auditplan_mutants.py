"""Audit-plan details the CLI tests leave out: sampling text, age limits, reference marks,
untyped references, durations in words (issue 12, rewritten for issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest

from sms20k.assessment.auditplan_items import RepoFacts, _marks, _service, plan_item, sampling
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.duration import age, between, human, parse_duration
from sms20k.evidence.models import Entry
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, Level

from ..conftest import DATA

LAB = DATA / "auditplan" / "lab"


@pytest.mark.parametrize(("kind", "cadence", "expected"), [
    ("report", "P1Y", "Sample 3 reports dated within the last 1 year."),
    ("register", "P2W", "Sample 3 registers dated within the last 2 weeks."),
    ("record", "P1Y2M3D", "Sample 3 records dated within the last 1 year, 2 months and 3 days."),
    ("record", "P1D", "Sample 3 records dated within the last 1 day."),
    ("procedure", "P1Y", None),
])
def test_sampling_note(kind: str, cadence: str, expected: str | None) -> None:
    assert sampling(kind, cadence) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("P1Y", "1 year"), ("P3M", "3 months"), ("P2W", "2 weeks"), ("P1D", "1 day"),
    ("P1Y6M", "1 year and 6 months"), ("P2Y1M1W1D", "2 years, 1 month, 1 week and 1 day"),
])
def test_durations_in_words(text: str, words: str) -> None:
    assert human(text) == words == human(parse_duration(text))


@pytest.mark.parametrize(("start", "end", "words"), [
    ((2025, 11, 15), (2026, 11, 15), "1 year"),
    ((2025, 11, 14), (2026, 11, 15), "1 year and 1 day"),
    ((2025, 9, 15), (2026, 11, 15), "1 year and 2 months"),
    ((2026, 1, 31), (2026, 2, 28), "1 month"),  # as the age check clamps month ends
    ((2026, 1, 31), (2026, 3, 1), "1 month and 1 day"),
    ((2026, 11, 15), (2026, 11, 15), "0 days"),
    ((2026, 11, 16), (2026, 11, 15), "0 days"),
])
def test_age_in_words(start: tuple[int, int, int], end: tuple[int, int, int],
                      words: str) -> None:
    assert age(dt.date(*start), dt.date(*end)) == words


def test_between_lands_on_the_end_date() -> None:
    start = dt.date(2024, 2, 29)
    for offset in range(0, 800, 7):
        end = start + dt.timedelta(days=offset)
        assert between(start, end).after(start) == end
    with pytest.raises(ValueError, match="before"):
        between(dt.date(2026, 1, 2), dt.date(2026, 1, 1))


@pytest.fixture(scope="module")
def facts() -> tuple[RepoFacts, Catalog]:
    repo, catalog = load_with_catalog(LAB, [])
    return RepoFacts.read(repo, ScopeIndex(repo.manifest, catalog), dt.date(2026, 11, 15)), catalog


def test_the_limit_is_the_cadence_capped_by_the_maximum_age(
        facts: tuple[RepoFacts, Catalog]) -> None:
    repo_facts, catalog = facts
    item = catalog.items["P02.01"]
    assert repo_facts.limit(item, "record") == parse_duration("P1Y")
    capped = RepoFacts(**{**repo_facts.__dict__, "max_age": parse_duration("P6M")})
    assert capped.limit(item, "record") == parse_duration("P6M")
    assert capped.limit(item, "report") == parse_duration("P3M")


def _finding(code: str, evidence: int | None, level: Level = Level.ERROR) -> Finding:
    return Finding(path="e.yaml", level=level, code=code, message="m", evidence=evidence)


def test_reference_marks() -> None:
    marks = _marks([_finding("EVIDENCE_STALE", 0, Level.WARNING), _finding("REF_MISSING", 1),
                    _finding("REF_MISSING", None), _finding("REF_MISSING", 2, Level.WARNING),
                    _finding("EVIDENCE_STALE", 3, Level.WARNING), _finding("REF_URL", 3)])
    assert marks == {0: " (stale)", 1: " (broken)", 3: " (broken)"}


@pytest.mark.parametrize(("refs", "note"), [
    (1, "1 reference gives no kind, so it shows none of the kinds expected"),
    (2, "2 references give no kind, so they show none of the kinds expected"),
])
def test_references_without_a_kind_are_named(facts: tuple[RepoFacts, Catalog], refs: int,
                                             note: str) -> None:
    repo_facts, catalog = facts
    entry = Entry.model_validate({"item": "P01.07", "status": "implemented", "evidence": [
        {"record": f"X:{n}", "description": "d"} for n in range(refs)]})
    patched = RepoFacts(**{**repo_facts.__dict__,
                           "entries": {**repo_facts.entries, ("P01.07", None): entry}})
    row = _service(catalog.items["P01.07"], None, patched)
    assert row.notes == [note]
    assert [(k.state, k.note) for k in row.evidence] == [("missing", "missing")]


def test_undated_provided_evidence(facts: tuple[RepoFacts, Catalog]) -> None:
    repo_facts, catalog = facts
    entry = Entry.model_validate({"item": "P01.07", "status": "partial", "evidence": [
        {"url": "https://example.com/sla", "description": "d", "kind": "report"}]})
    patched = RepoFacts(**{**repo_facts.__dict__,
                           "entries": {**repo_facts.entries, ("P01.07", None): entry}})
    [kind] = _service(catalog.items["P01.07"], None, patched).evidence
    assert (kind.state, kind.note, kind.references) == (
        "provided", "provided (undated)", ["https://example.com/sla"])


def test_generic_item_has_requests_only() -> None:
    catalog = load_catalog([LAB / "checklists"], builtin=False)
    item = plan_item(catalog.items["P02.01"], catalog.registry, "2018", None)
    assert item.services == [] and item.waivers == []
    assert [(r.kind, r.max_age) for r in item.evidence] == [("report", "3 months"),
                                                            ("record", "1 year")]
    assert item.beside == "also 2018: 9.1"
