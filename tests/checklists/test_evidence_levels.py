"""Expected evidence is `required` or `supporting`: the built-in levels and how they load."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.errors import ProblemsError

from ..conftest import DATA, Invoke

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "checklists" / "scenarios"
MINIMAL = DATA / "checklists" / "valid" / "minimal" / "X01.yaml"
# The share of supporting kinds that an auditor's reading of the checklists can give: most
# items expect one document or record that conformity rests on, so far fewer than half of
# all kinds corroborate, and a checklist where almost nothing corroborates was not judged.
SUPPORTING_SHARE = (0.20, 0.35)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _levels(catalog: Catalog, scenario: str | None = None) -> Counter[str]:
    return Counter(expected.level for citem in catalog.items.values()
                   if scenario is None or citem.scenario.id == scenario
                   for expected in citem.item.evidence)


def test_every_builtin_item_has_a_required_kind(catalog: Catalog) -> None:
    lacking = [citem.id for citem in catalog.items.values()
               if all(e.level != "required" for e in citem.item.evidence)]
    assert lacking == []


def test_a_single_expected_kind_is_always_required(catalog: Catalog) -> None:
    single = [c for c in catalog.items.values() if len(c.item.evidence) == 1]
    assert single
    assert {c.item.evidence[0].level for c in single} == {"required"}


def test_supporting_kinds_are_a_sane_share(catalog: Catalog) -> None:
    counts = _levels(catalog)
    assert set(counts) == {"required", "supporting"}
    share = counts["supporting"] / sum(counts.values())
    low, high = SUPPORTING_SHARE
    assert low <= share <= high, f"{counts['supporting']} of {sum(counts.values())} supporting"


def test_levels_are_written_only_as_supporting() -> None:
    """`required` is the default and stays implicit, so the files never spell it out; each
    `level:` line is the loaded level of exactly one kind."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SCENARIOS.glob("*.yaml"))]
    written = Counter(m for text in texts for m in re.findall(r"^ +level: (\S+)$", text, re.M))
    assert set(written) == {"supporting"}
    assert written["supporting"] == _levels(load_catalog())["supporting"]


def _stated_counts() -> dict[str, tuple[int, int, int]]:
    text = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (S\d\d|All) \| \d+ \| (\d+) \| (\d+) \| (\d+) \|$", text, re.M)
    return {name: (int(kinds), int(req), int(sup)) for name, kinds, req, sup in rows}


def test_docs_state_the_counts_the_data_gives(catalog: Catalog) -> None:
    stated = _stated_counts()
    names = [s.scenario.id for s in catalog.scenarios] + ["All"]
    assert list(stated) == names
    for name in names:
        counts = _levels(catalog, None if name == "All" else name)
        actual = (sum(counts.values()), counts["required"], counts["supporting"])
        assert stated[name] == actual, name


def _custom(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert text.count(old) == 1
    (tmp_path / "X01.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def _position(directory: Path, needle: str) -> tuple[int, int]:
    lines = (directory / "X01.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if needle in text)
    return line, lines[line - 1].index(needle) + len(needle) + 1


CADENCE = "        cadence: P1Y\n    questions:"


@pytest.mark.parametrize("level", ["required", "supporting", None])
def test_a_custom_level_loads(tmp_path: Path, level: str | None) -> None:
    written = CADENCE if level is None else CADENCE.replace(
        "\n    questions:", f"\n        level: {level}\n    questions:")
    catalog = load_catalog([_custom(tmp_path, CADENCE, written)], builtin=False)
    assert catalog.items["X01.01"].item.evidence[0].level == (level or "required")


def test_any_other_level_is_a_schema_error_at_its_place(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    directory = _custom(tmp_path, CADENCE, CADENCE.replace(
        "\n    questions:", "\n        level: optional\n    questions:"))
    monkeypatch.chdir(directory)
    with pytest.raises(ProblemsError) as info:
        load_catalog([Path()], builtin=False)
    [finding] = info.value.findings
    line, col = _position(directory, "level: ")
    assert (finding.code, finding.path, finding.line, finding.col) == (
        "SCHEMA", "X01.yaml", line, col)
    assert finding.field == "items[0].evidence[0].level"
    assert finding.message == "'optional' is not allowed; expected 'required' or 'supporting'"


def test_lint_checklists_reports_a_bad_level(invoke: Invoke, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    directory = _custom(tmp_path, CADENCE, CADENCE.replace(
        "\n    questions:", "\n        level: mandatory\n    questions:"))
    monkeypatch.chdir(directory)
    line, col = _position(directory, "level: ")
    result = invoke(["lint-checklists", "."], code=2)
    assert f"X01.yaml:{line}:{col}: [error] SCHEMA" in result.stdout + result.stderr


OVERRIDE = '    clauses_2018: ["7.5.3", "8.3.3"]\n'


def test_primary_2018_defaults_to_the_first_2018_clause(tmp_path: Path) -> None:
    catalog = load_catalog([_custom(tmp_path, OVERRIDE, OVERRIDE)], builtin=False)
    assert catalog.items["X01.02"].primary_2018 == "7.5.3"
    # Derived from 2011 6.1 and 9.2, the item cites the crosswalk's first successor of 6.1,
    # service level management (8.3.3), not the catalogue (8.2.4) that sorts first.
    derived = catalog.items["X01.01"]
    assert derived.clauses_2018[:2] == ("8.2.4", "8.3.3")
    assert derived.primary_2018 == "8.3.3"


def test_primary_2018_chosen_among_the_items_clauses(tmp_path: Path) -> None:
    directory = _custom(tmp_path, OVERRIDE, OVERRIDE + '    primary_2018: "8.3.3"\n')
    catalog = load_catalog([directory], builtin=False)
    assert catalog.items["X01.02"].primary_2018 == "8.3.3"


def test_primary_2018_outside_the_items_clauses_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = _custom(tmp_path, OVERRIDE, OVERRIDE + '    primary_2018: "8.3.2"\n')
    monkeypatch.chdir(directory)
    with pytest.raises(ProblemsError) as info:
        load_catalog([Path()], builtin=False)
    [finding] = info.value.findings
    line, col = _position(directory, "primary_2018: ")
    assert (finding.code, finding.line, finding.col) == ("CHECKLIST_CLAUSE", line, col)
    assert "8.3.2" in finding.message and "clauses_2018" in finding.message


def test_docs_prose_gives_the_same_totals(catalog: Catalog) -> None:
    text = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    found = re.search(r"Of (\d+) expected kinds, (\d+) are required and (\d+) supporting", text)
    assert found, "docs/content.md no longer states the totals"
    counts = _levels(catalog)
    assert tuple(int(n) for n in found.groups()) == (
        sum(counts.values()), counts["required"], counts["supporting"])
