"""Evidence links, result locations, per-service waivers, citations and recommendations the
engine tests leave out (issue 12; the mutation run of 2026-12-04)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sms20k.assessment.engine import _location
from sms20k.assessment.run import assess
from sms20k.checklists.loader import load_companion
from sms20k.evidence.models import Entry
from sms20k.evidence.repo import Located
from sms20k.findings import Location
from sms20k.yamlio import YamlDocument

from ..evidence.judge import day, find, ref, waiver

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


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


def test_each_result_cites_its_items_companion_sections() -> None:
    # _result, _citations (mutation run of 2026-12-04): the citations are the item's own.
    done = assess(EXAMPLE)
    refs = load_companion().refs
    cited = 0
    for result in done.report.results:
        keys = done.catalog.items[result.item].item.references
        assert result.references == [refs[k].citation for k in keys if k in refs], result.label
        cited += bool(result.references)
    assert cited > 20


def _recommending(root: Path) -> None:
    path = root / "checklists" / "X01.yaml"
    text = path.read_text()
    anchor = "    questions: [Walk me through the last export you delivered.]\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + "    recommendations: {planned: Ship it.}\n", 1))


def test_only_a_finding_gets_the_checklists_recommendation(make: Any) -> None:
    # _result: an excluded item (not applicable, no finding) recommends nothing, whatever
    # its entry says.
    planned = [{"item": "X01.01", "status": "planned"}]
    found = make(entries=planned, build=_recommending).result("X01.01")
    assert (found["finding_class"], found["recommendation"]) == ("major", "Ship it.")
    excluded = make(entries=planned, build=_recommending,
                    exclusions=[{"id": "X01.01", "justification": "No exports."}]
                    ).result("X01.01")
    assert (excluded["result"], excluded["recommendation"]) == ("not-applicable", None)
