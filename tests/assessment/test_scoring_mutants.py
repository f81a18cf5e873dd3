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
