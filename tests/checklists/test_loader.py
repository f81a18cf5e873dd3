from __future__ import annotations

from pathlib import Path

import pytest

from sms20k.checklists.loader import load_catalog
from sms20k.errors import InputError, ProblemsError

from ..conftest import DATA

VALID = sorted(p for p in (DATA / "checklists" / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (DATA / "checklists" / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_valid_checklists_load(case: Path) -> None:
    catalog = load_catalog([case])
    custom = [s for s in catalog.scenarios if not s.builtin]
    assert custom, "the case adds no scenario"
    for loaded in custom:
        assert loaded.source.startswith(str(case))
        for item in loaded.scenario.items:
            assert item.id in catalog.items


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_checklists_point_at_the_line(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    with pytest.raises(ProblemsError) as info:
        load_catalog([Path()])
    lines = [f.format() for f in info.value.findings]
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "expected.txt is empty"
    assert lines == expected


def test_every_invalid_case_is_a_different_problem() -> None:
    texts = {(case / "expected.txt").read_text() for case in INVALID}
    assert len(texts) == len(INVALID)


def test_custom_items_derive_or_override_2018() -> None:
    catalog = load_catalog([DATA / "checklists" / "valid" / "minimal"])
    derived = catalog.items["X01.01"]
    assert derived.derived_2018
    assert derived.clauses_2018 == ("8.2.4", "8.3.3", "8.5.1.1", "8.5.1.2", "8.5.1.3")
    override = catalog.items["X01.02"]
    assert not override.derived_2018
    assert override.clauses_2018 == ("7.5.3", "8.3.3")


def test_builtin_can_be_left_out() -> None:
    catalog = load_catalog([DATA / "checklists" / "valid" / "minimal"], builtin=False)
    assert [s.scenario.id for s in catalog.scenarios] == ["X01"]


@pytest.mark.parametrize("name", ["missing", "file"])
def test_bad_checklist_directories(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    if name == "file":
        target.write_text("x")
    with pytest.raises(InputError) as info:
        load_catalog([target])
    assert info.value.path == str(target)


def test_directory_without_checklists(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match=r"no \.yaml or \.yml"):
        load_catalog([tmp_path])
