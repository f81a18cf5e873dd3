"""Evidence links, result locations and per-service waivers the engine tests leave out
(issue 12)."""

from __future__ import annotations

from typing import Any

from sms20k.assessment.engine import _location
from sms20k.evidence.models import Entry
from sms20k.evidence.repo import Located
from sms20k.findings import Location
from sms20k.yamlio import YamlDocument

from ..evidence.judge import day, find, ref, waiver


def _url(url: str) -> dict[str, Any]:
    return {"item": "X01.01", "status": "implemented", "owner": "Ops",
            "evidence": [{"url": url, "description": "Runbook.", "approved": day(-10)}]}


def test_a_url_with_a_port_still_gets_a_link(make: Any) -> None:
    result = make(entries=[_url("https://wiki.example.com:8443/runbook")]).result("X01.01")
    assert result["evidence"][0]["link"] == "https://wiki.example.com:8443/runbook"
    assert result["evidence"][0]["type"] == "url"


def test_a_mailto_url_gets_a_link(make: Any) -> None:
    result = make(entries=[_url("mailto:ops@example.com")]).result("X01.01")
    assert result["evidence"][0]["link"] == "mailto:ops@example.com"


def test_a_result_points_at_its_entry(make: Any) -> None:
    repo = make(entries=[{"item": "X01.01", "status": "implemented", "owner": "Ops",
                          "evidence": [ref(approved=day(-10))]}])
    location = repo.result("X01.01")["location"]
    text = (repo.root / "sms20k.yaml").read_text().splitlines()
    line = next(n for n, row in enumerate(text, 1) if row.endswith("item: X01.01"))
    assert (location["line"], location["col"]) == (line, 3)  # after "- "
    assert location["path"].endswith("sms20k.yaml")


def test_an_entry_with_no_known_position_has_a_location_without_line_or_column() -> None:
    entry = Entry(item="X01.01", status="planned")
    located = Located(entry, YamlDocument("extra.yaml", None, None), ("entries", 0))
    assert _location(located) == Location(path="extra.yaml", line=None, col=None)


def test_a_waiver_for_one_service_is_shown_on_that_service_only(make: Any) -> None:
    planned = [{"item": "X02.01", "service": s, "status": "planned"} for s in ("app", "infra")]
    report = make(entries=planned, waivers=[waiver("X02.01", day(30), service="app")]).report()
    shown = find(report, "X02.01", "app")
    assert (shown["result"], shown["waived"]) == ("nonconformant", True)
    assert shown["reasons"] == ["planned, not yet implemented", "waived until 2026-12-15 by CEO"]
    assert shown["waiver"] is not None and shown["waiver"]["reason"] == "Being replaced."
    other = find(report, "X02.01", "infra")
    assert (other["waiver"], other["waived"]) == (None, False)
