"""The plain words every text format shares (formats/text.py), and a format-2 repository.

``format2_report`` copies the small fixture and makes it show what format 2 adds: a scenario
nobody assessed (X03), a broken reference (X02.01 for app, so not assessed and a repository
problem) and a locked document changed after approval (one document-control observation).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from sms20k.assessment.model import Gap, Report
from sms20k.assessment.run import assess
from sms20k.evidence.locking import make_lock
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.text import (
    cadence_words,
    grade_words,
    percent,
    plural,
    shorten,
    validation_text,
    why,
)

from ..conftest import DATA

AS_OF = dt.date(2026, 11, 15)


def format2_repo(root: Path) -> Path:
    repo = root / "repo"
    shutil.copytree(DATA / "assess" / "small", repo)
    x03 = repo / "evidence" / "x03.yaml"
    x03.write_text("entries:\n  - item: X03.01\n    status: not-assessed\n"
                   "  - item: X03.02\n    status: not-assessed\n", encoding="utf-8")
    x02 = repo / "evidence" / "x02.yaml"
    x02.write_text(x02.read_text(encoding="utf-8").replace(
        "path: docs/availability-app-2026-10.md", "path: docs/availabilty-app-2026-10.md"),
        encoding="utf-8")
    lock = make_lock(repo)
    lock.path.write_text(lock.text, encoding="utf-8")
    with (repo / "docs" / "export-procedure.md").open("a", encoding="utf-8") as doc:
        doc.write("\nEdited after approval.\n")
    return repo


def format2_report(root: Path) -> Report:
    """The report of ``format2_repo``, assessed from its root so that paths are relative."""
    repo = format2_repo(root)
    before = Path.cwd()
    os.chdir(repo)
    try:
        return assess(Path("."), as_of=AS_OF, allow_invalid=True).report
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    return format2_report(tmp_path_factory.mktemp("format2"))


def test_the_repository_shows_what_format_2_adds(report: Report) -> None:
    s = report.summary
    assert s.coverage is not None and s.coverage.not_assessed_scenarios == ["X03"]
    assert s.repository_errors == 2  # the broken reference and the changed document
    assert [f.kind for f in report.findings].count("document-control") == 1


@pytest.mark.parametrize(("counts", "words"), [
    ({"major": 3, "minor": 5, "observation": 2, "ofi": 1},
     "3 major · 5 minor · 2 observations · 1 opportunity"),
    ({"major": 1, "observation": 1, "ofi": 2},
     "1 major · 0 minor · 1 observation · 2 opportunities"),
])
def test_grade_words(counts: dict[str, int], words: str) -> None:
    assert grade_words(counts) == words


@pytest.mark.parametrize(("assessed", "in_scope", "shown"), [
    (50, 176, "28%"), (0, 10, "0%"), (10, 10, "100%"), (199, 200, "99%"), (1, 1000, "1%"),
    (0, 0, "n/a"),
])
def test_percent_never_rounds_to_all_or_nothing(assessed: int, in_scope: int,
                                                shown: str) -> None:
    assert percent(assessed, in_scope) == shown


def test_plural() -> None:
    assert (plural(1, "item", "items"), plural(0, "item", "items")) == ("1 item", "0 items")


@pytest.mark.parametrize(("cadence", "words"), [
    ("P1Y", "1 year"), ("P3M", "3 months"), ("P1Y6M", "1 year and 6 months"),
    ("P1Y2M3D", "1 year, 2 months and 3 days"), ("P2W", "2 weeks"),
    ("P1D", "1 day"), ("PT1H", "PT1H"), ("P", "P"), ("yearly", "yearly"),
])
def test_cadence_words(cadence: str, words: str) -> None:
    assert cadence_words(cadence) == words


def test_shorten_keeps_short_notes_and_cuts_long_ones_at_a_sentence_or_word() -> None:
    assert shorten("  Short   note. ") == "Short note."
    sentence = "The first sentence is here. " + "More words follow " * 10
    assert shorten(sentence, 60) == "The first sentence is here. …"
    words = "word " * 40
    cut = shorten(words, 30)
    assert cut.endswith(" …") and len(cut) <= 32 and "wor …" not in cut


def gap(**fields: object) -> Gap:
    base: dict[str, object] = {"rank": 1, "item": "S01.01", "service": None, "title": "T",
                               "finding_class": "minor", "criticality": "high", "clauses": 1,
                               "reason": "implemented, but no plan"}
    return Gap.model_validate(base | fields)


def test_why_gives_reasons_notes_and_missing_evidence_once() -> None:
    assert why(gap()) == "implemented, but no plan"
    assert why(gap(notes="Plan in draft.", missing=["no plan (continuity plan)"])) == (
        "implemented, but no plan · Plan in draft. · missing: no plan (continuity plan)")
    # Missing evidence the reasons already name is not repeated.
    assert why(gap(reason="no plan (continuity plan)", missing=["no plan (continuity plan)"])
               ) == "no plan (continuity plan)"
    long = why(gap(notes="A very long note. " * 20))
    assert long.endswith("A very long note. …")


@pytest.mark.parametrize(("files", "entries", "errors", "words"), [
    (1, 1, 1, "1 error, 0 warnings in 1 entry from 1 evidence file and the manifest"),
    (16, 221, 0, "0 errors, 0 warnings in 221 entries from 16 evidence files and the manifest"),
])
def test_validation_line_counts_as_the_json_does(files: int, entries: int, errors: int,
                                                 words: str) -> None:
    view = ValidationView(repository="sms20k.yaml", as_of="2026-11-15", evidence_files=files,
                          entries=entries, errors=errors, warnings=0, findings=[])
    assert validation_text(view).endswith(f"{words} (as of 2026-11-15)\n")
