"""Golden files for every output format, over a small custom catalog without the built-ins.

Refresh them with ``pytest --update-golden`` and review the diff; never edit them by hand.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sms20k.checklists import browse
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.formats import get_renderer, names
from sms20k.formats.interface import RenderOptions
from sms20k.modelbase import View

from ..conftest import DATA


@pytest.fixture(scope="module")
def catalog() -> Iterator[Catalog]:
    # Relative paths keep the file names in the golden output independent of the checkout.
    before = Path.cwd()
    os.chdir(DATA)
    try:
        yield load_catalog([Path("checklists/valid/two-files")], builtin=False)
    finally:
        os.chdir(before)


VIEWS: dict[str, Callable[[Catalog], View]] = {
    "scenarios": browse.scenario_list,
    "scenario": lambda c: browse.show(c, "X01"),
    "item": lambda c: browse.show(c, "X01.02"),
    "clause-2011": lambda c: browse.show(c, "2011:6.6"),
    "clause-2018": lambda c: browse.show(c, "2018:8.3.3"),
    "clauses-2011": lambda c: browse.clause_tree(c, "2011"),
    "catalog": browse.catalog_view,
}
CASES = [
    (view, fmt)
    for view in VIEWS
    for fmt in names()
    if fmt in ("json", "yaml")
    or (fmt == "text" and view != "catalog")
    or (fmt == "md" and view in ("catalog", "scenario"))
]


@pytest.mark.parametrize(("view", "fmt"), CASES, ids=[f"{v}.{f}" for v, f in CASES])
def test_golden(catalog: Catalog, golden: Callable[[str, str], None], view: str,
                fmt: str) -> None:
    rendered = get_renderer(fmt).render(VIEWS[view](catalog), RenderOptions(width=100))
    golden(f"{view}.{fmt if fmt != 'text' else 'txt'}", rendered)


def test_every_browsing_format_has_a_golden_file() -> None:
    browsing = {fmt for fmt in names() if get_renderer(fmt).supports(VIEWS["scenarios"](
        load_catalog([DATA / "checklists" / "valid" / "two-files"], builtin=False)))}
    assert {fmt for _, fmt in CASES} == browsing | {"md"}


def test_text_colour_only_when_asked(catalog: Catalog) -> None:
    view = browse.scenario_list(catalog)
    plain = get_renderer("text").render(view, RenderOptions(color=False))
    coloured = get_renderer("text").render(view, RenderOptions(color=True))
    assert "\x1b[" not in plain and "\x1b[" in coloured


def test_uncovered_leaves_are_marked(catalog: Catalog) -> None:
    text = get_renderer("text").render(browse.clause_tree(catalog, "2011"))
    assert "0 uncovered" in text
    assert "4/39 leaf clauses covered; uncovered: 4.1.1, 4.1.2" in text


def test_unsupported_view_is_refused(catalog: Catalog) -> None:
    from sms20k.errors import UsageError

    with pytest.raises(UsageError, match="md format cannot show a ScenarioList"):
        get_renderer("md").render(browse.scenario_list(catalog))
