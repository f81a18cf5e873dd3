"""Audit-plan details the plan tests leave out: sampling text, provided rows (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sms20k.assessment.auditplan import Provided, _plan_item, _provided, _sampling
from sms20k.checklists.catalog import CatalogItem
from sms20k.checklists.loader import load_catalog
from sms20k.evidence.models import Entry

from .conftest import SMALL


@pytest.mark.parametrize(("kind", "cadence", "expected"), [
    ("report", "P1Y", "Sample 3 reports dated within the last 1 year."),
    ("register", "P2W", "Sample 3 registers dated within the last 2 weeks."),
    ("record", "P1Y2M3D", "Sample 3 records dated within the last 1 year 2 months 3 days."),
    ("record", "P1D", "Sample 3 records dated within the last 1 day."),
    ("procedure", "P1Y", None),
])
def test_sampling_note(kind: str, cadence: str, expected: str | None) -> None:
    assert _sampling(kind, cadence) == expected


def _entry(*refs: dict[str, Any], service: str | None = "app") -> Entry:
    return Entry.model_validate({"item": "X01.01", "service": service, "status": "implemented",
                                 "evidence": list(refs)})


LOG = {"path": "log.csv", "description": "Log", "kind": "record", "reviewed": dt.date(2026, 9, 3)}
WIKI = {"url": "https://wiki.example.com/p", "description": "Procedure", "kind": "procedure"}
TICKET = {"record": "OPS-1", "description": "Ticket", "approved": dt.date(2026, 1, 2)}


def test_provided_rows_keep_service_type_and_date() -> None:
    rows = _provided([_entry(LOG, WIKI, TICKET)], "record", only_kind=False)
    assert rows == [
        Provided(service="app", type="path", target="log.csv", description="Log",
                 reviewed="2026-09-03"),
        Provided(service="app", type="url", target="https://wiki.example.com/p",
                 description="Procedure", reviewed=None),
        Provided(service="app", type="record", target="OPS-1", description="Ticket",
                 reviewed="2026-01-02"),
    ]


def test_provided_skips_other_kinds_but_goes_on() -> None:
    rows = _provided([_entry(WIKI, LOG, TICKET)], "record", only_kind=True)
    assert [r.target for r in rows] == ["log.csv", "OPS-1"]


@pytest.fixture(scope="module")
def x0101() -> CatalogItem:
    return load_catalog([SMALL / "checklists"], builtin=False).items["X01.01"]


def test_typed_references_filter_by_the_expected_kind(x0101: CatalogItem) -> None:
    plan = _plan_item(x0101, [_entry(WIKI, LOG, TICKET)], with_repo=True)
    assert [p.target for p in plan.evidence[0].provided] == ["https://wiki.example.com/p",
                                                             "OPS-1"]


def test_references_of_no_expected_kind_all_count(x0101: CatalogItem) -> None:
    plan = _plan_item(x0101, [_entry(LOG, TICKET, service=None)], with_repo=True)
    assert [p.target for p in plan.evidence[0].provided] == ["log.csv", "OPS-1"]
    assert plan.evidence[0].missing is False
    assert plan.status == ["implemented"]
