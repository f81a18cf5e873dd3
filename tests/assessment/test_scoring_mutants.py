"""Scenario scores, exclusion titles, gap order and the warning count the scoring tests leave
out (issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..evidence.judge import APP, INFRA


def _edit_x01(old: str, new: str) -> Callable[[Path], None]:
    def build(root: Path) -> None:
        path = root / "checklists" / "X01.yaml"
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
    return build


def test_a_scenario_without_results_is_skipped_and_the_rest_are_scored(make: Any) -> None:
    iaas_only = _edit_x01("service_categories: [SaaS, IaaS]", "service_categories: [IaaS]")
    report = make(services=[APP], build=iaas_only).report()
    assert [s["id"] for s in report["scenarios"]] == ["X02", "X03", "X04"]


def test_a_scenario_score_carries_its_section(make: Any) -> None:
    with_section = _edit_x01("title: Data export\n", "title: Data export\nsection: '8.1'\n")
    report = make(build=with_section).report()
    assert [s["section"] for s in report["scenarios"] if s["id"] == "X01"] == ["8.1"]


def test_exclusion_titles_for_an_item_a_scenario_and_an_unknown_id(make: Any) -> None:
    report = make(exclusions=[{"id": "X01.02", "justification": "Not offered."},
                              {"id": "X03", "justification": "No customers."},
                              {"id": "QQQQ", "justification": "Typo."}]).report()
    titles = {e["id"]: e["title"] for e in report["scope"]["exclusions"]}
    assert titles == {"X01.02": "Export log", "X03": "Customer relationship", "QQQQ": "QQQQ"}
    assert (report["summary"]["validation_errors"],
            report["summary"]["validation_warnings"]) == (1, 3)
    # the error: the unknown id; the warnings: one MISSING_ENTRY per scenario with results
    # left in scope (X01.01 and X01.03, X02.*, X04.01), none for the excluded X03
    assert [(f["code"], f["item"]) for f in report["validation"] if f["level"] == "warning"] == [
        ("MISSING_ENTRY", "X01"), ("MISSING_ENTRY", "X02"), ("MISSING_ENTRY", "X04")]


def test_gaps_of_one_item_follow_the_service_ids_not_the_manifest_order(make: Any) -> None:
    entries = [{"item": "X02.01", "service": s, "status": "not-implemented"}
               for s in ("infra", "app")]
    report = make(services=[INFRA, APP], entries=entries).report()
    x02 = [(g["item"], g["service"]) for g in report["gaps"] if g["item"] == "X02.01"]
    assert x02 == [("X02.01", "app"), ("X02.01", "infra")]


def test_the_scope_lists_items_no_service_fits_and_carries_each_services_facts(
        make: Any) -> None:
    # build_scores (mutation run of 2026-12-04): not applicable items are those of a
    # scenario no service in scope fits, not the excluded ones; each service keeps its
    # tenancy and infrastructure.
    iaas_only = _edit_x01("service_categories: [SaaS, IaaS]", "service_categories: [IaaS]")
    app = {**APP, "tenancy": "multi", "infrastructure": ["third-party-cloud"]}
    report = make(services=[app], build=iaas_only,
                  exclusions=[{"id": "X02.01", "justification": "Not monitored here."}]
                  ).report()
    scope = report["scope"]
    assert [i for i in scope["not_applicable"] if i.startswith("X01")] == [
        "X01.01", "X01.02", "X01.03"]
    assert "X02.01" not in scope["not_applicable"]
    assert [(s["id"], s["tenancy"], s["infrastructure"]) for s in scope["services"]] == [
        ("app", ["multi"], ["third-party-cloud"])]


def test_coverage_is_rounded_to_one_decimal(make: Any) -> None:
    # build_scores: 2 of the 3 X01 items assessed, and nothing else in scope.
    only_x01 = [{"id": s, "justification": "Out of scope."} for s in ("X02", "X03", "X04")]
    entries = [{"item": "X01.01", "status": "planned"}, {"item": "X01.02", "status": "planned"}]
    coverage = make(entries=entries, exclusions=only_x01).report()["summary"]["coverage"]
    assert (coverage["assessed"], coverage["in_scope"], coverage["percent"]) == (2, 3, 66.7)
