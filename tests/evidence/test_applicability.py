"""Which items apply to the scope, to which services, and which are excluded.

The documented rule: an item applies when its applicability (the scenario's, narrowed by
the item) shares at least one category AND one deployment model with one service in scope.
Scenario Z01 is for SaaS and IaaS, public and private. Z01.01 narrows it to SaaS, public;
Z01.02 to IaaS (any model); Z01.03 to private (any category); Z01.04 keeps it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .judge import Repo, find

Z01 = {"Z01": {
    "id": "Z01", "title": "Narrow", "summary": "Items with narrow applicability.",
    "outcomes": ["Only some services are judged."],
    "applicability": {"service_categories": ["SaaS", "IaaS"],
                      "deployment_models": ["public", "private"],
                      "roles": ["cloud-service-provider"]},
    "items": [
        {"id": f"Z01.0{n}", "title": f"Item {n}", "guidance": "Do it. It matters.",
         "clauses_2011": ["6.1"], "criticality": "medium", "tags": ["t"], "questions": ["Q?"],
         "evidence": [{"kind": "procedure", "description": "A procedure.", "cadence": "P1Y"}],
         **({"applicability": narrow} if narrow else {})}
        for n, narrow in ((1, {"service_categories": ["SaaS"], "deployment_models": ["public"]}),
                          (2, {"service_categories": ["IaaS"]}),
                          (3, {"deployment_models": ["private"]}), (4, None))],
}}


def _service(sid: str, categories: list[str], models: list[str]) -> dict[str, Any]:
    return {"id": sid, "name": sid.title(), "categories": categories,
            "deployment_models": models}


SAAS_PUBLIC = _service("saas-public", ["SaaS"], ["public"])
SAAS_PRIVATE = _service("saas-private", ["SaaS"], ["private"])
IAAS_PUBLIC = _service("iaas-public", ["IaaS"], ["public"])
BOTH = _service("both", ["SaaS", "IaaS"], ["public", "private"])
PAAS_HYBRID = _service("paas-hybrid", ["PaaS"], ["hybrid"])


@pytest.fixture
def make(tmp_path: Path) -> Any:
    def build(services: list[dict[str, Any]], **fields: Any) -> Repo:
        fields.setdefault("per_service", ["Z01"])
        return Repo(tmp_path / "repo", services=services, checklists=Z01, **fields)
    return build


def _applies(report: dict[str, Any]) -> dict[str, list[str | None]]:
    """Z01 item id -> the services it has results for (None: assessed once)."""
    found: dict[str, list[str | None]] = {}
    for r in report["results"]:
        if r["scenario"] == "Z01":
            found.setdefault(r["item"], []).append(r["service"])
    return found


@pytest.mark.parametrize(("services", "expected"), [
    # SaaS from one service and public from another do not make Z01.01 apply.
    ([SAAS_PRIVATE, IAAS_PUBLIC], {"Z01.02": ["iaas-public"], "Z01.03": ["saas-private"],
                                   "Z01.04": ["saas-private", "iaas-public"]}),
    ([SAAS_PUBLIC], {"Z01.01": ["saas-public"], "Z01.04": ["saas-public"]}),
    ([SAAS_PUBLIC, PAAS_HYBRID], {"Z01.01": ["saas-public"], "Z01.04": ["saas-public"]}),
    ([BOTH], {"Z01.01": ["both"], "Z01.02": ["both"], "Z01.03": ["both"], "Z01.04": ["both"]}),
    ([SAAS_PRIVATE], {"Z01.03": ["saas-private"], "Z01.04": ["saas-private"]}),
    ([IAAS_PUBLIC], {"Z01.02": ["iaas-public"], "Z01.04": ["iaas-public"]}),
    ([IAAS_PUBLIC, BOTH], {"Z01.01": ["both"], "Z01.02": ["iaas-public", "both"],
                           "Z01.03": ["both"], "Z01.04": ["iaas-public", "both"]}),
    ([PAAS_HYBRID, _service("saas-hybrid", ["SaaS"], ["hybrid"])], {}),
])
def test_category_and_deployment_model_of_one_service(
        make: Any, services: list[dict[str, Any]], expected: dict[str, list[str]]) -> None:
    assert _applies(make(services).report()) == expected


def test_items_assessed_once_apply_once(make: Any) -> None:
    report = make([SAAS_PRIVATE, IAAS_PUBLIC, BOTH], per_service=[]).report()
    assert _applies(report) == {"Z01.01": [None], "Z01.02": [None], "Z01.03": [None],
                                "Z01.04": [None]}


def _missing(view: dict[str, Any]) -> list[tuple[str, str | None, str]]:
    return [(f["item"], f["service"], f["message"]) for f in view["findings"]
            if f["code"] == "MISSING_ENTRY" and f["item"].startswith("Z")]


def test_inapplicable_items_expect_no_entry(make: Any) -> None:
    # Z01 applies as Z01.02 (iaas-public), Z01.03 (saas-private) and Z01.04 (both): four
    # results, one with an entry. MISSING_ENTRY is one warning for the scenario, naming the
    # three applicable results left, and never Z01.01 (which applies to neither service).
    entry = {"item": "Z01.04", "service": "saas-private", "status": "not-assessed"}
    view = make([SAAS_PRIVATE, IAAS_PUBLIC], entries=[entry]).validate()
    assert _missing(view) == [(
        "Z01", None, "Z01: 3 of its 4 applicable items have no entry (Z01.02 (iaas-public), "
        "Z01.03 (saas-private), Z01.04 (iaas-public)); they are not assessed")]


def test_a_scenario_without_entries_is_one_warning(make: Any) -> None:
    view = make([SAAS_PRIVATE, IAAS_PUBLIC]).validate()
    assert _missing(view) == [
        ("Z01", None, "Z01: none of its 4 applicable items has an entry; they are not assessed")]


def test_per_service_weight_spreads_over_the_applicable_services_only(make: Any) -> None:
    report = make([IAAS_PUBLIC, BOTH, PAAS_HYBRID]).report()
    # Z01.02 is medium (weight 2) and applies to two of the three services.
    assert [find(report, "Z01.02", s)["weight"] for s in ("iaas-public", "both")] == [1.0, 1.0]
    assert find(report, "Z01.01", "both")["weight"] == 2.0


def test_per_service_by_item_id(make: Any) -> None:
    report = make([SAAS_PUBLIC, BOTH], per_service=["Z01.01"]).report()
    assert _applies(report) == {"Z01.01": ["saas-public", "both"], "Z01.02": [None],
                                "Z01.03": [None], "Z01.04": [None]}


def test_exclusion_by_scenario_and_by_item(make: Any) -> None:
    report = make([BOTH], exclusions=[{"id": "Z01", "justification": "Not offered."},
                                      {"id": "X01.02", "justification": "No export log."}],
                  entries=[{"item": "X01.02", "status": "not-implemented"}]).report()
    for item, service in (("Z01.01", "both"), ("Z01.04", "both"), ("X01.02", None)):
        got = find(report, item, service)
        why = "Not offered." if item.startswith("Z") else "No export log."
        assert (got["result"], got["finding_class"], got["reasons"], got["score"]) == (
            "not-applicable", None, [f"excluded from scope: {why}"], None)
    assert find(report, "X01.01")["result"] == "not-assessed"  # its siblings stay in scope
    assert find(report, "X01.03")["result"] == "not-assessed"
    # 13 results: X01 3, X02 2 (once here), X03 3, X04 1, Z01 4; less the 5 excluded.
    assert report["summary"]["items_in_scope"] == 8


def test_excluded_items_expect_no_entry_and_warn_about_one(make: Any) -> None:
    view = make([BOTH], exclusions=[{"id": "X01.02", "justification": "No export log."}],
                entries=[{"item": "X01.02", "status": "not-implemented"}]).validate()
    about = [(f["code"], f["level"]) for f in view["findings"] if f["item"] == "X01.02"]
    assert about == [("EXCLUDED_ITEM", "warning")]


@pytest.mark.parametrize(("entry", "code"), [
    ({"item": "Z01.01", "status": "partial"}, "SERVICE_REQUIRED"),
    ({"item": "Z01.01", "service": "nope", "status": "partial"}, "UNKNOWN_SERVICE"),
    ({"item": "X01.01", "service": "both", "status": "partial"}, "SERVICE_NOT_EXPECTED"),
])
def test_services_on_entries(make: Any, entry: dict[str, str], code: str) -> None:
    view = make([BOTH], entries=[entry]).validate()
    assert code in [f["code"] for f in view["findings"] if f["item"] == entry["item"]]
    assert view["exit"] == 1


# Z02 narrows on tenancy and infrastructure: Z02.01 multi-tenant only, Z02.02 owned or
# colocated hardware only, Z02.03 both, Z02.04 neither.
Z02 = {"Z02": {
    "id": "Z02", "title": "Tenancy", "summary": "Items scoped on tenancy and infrastructure.",
    "outcomes": ["Only some services are judged."],
    "applicability": {"service_categories": ["SaaS", "PaaS"],
                      "deployment_models": ["public", "private"]},
    "items": [
        {"id": f"Z02.0{n}", "title": f"Item {n}", "guidance": "Do it. It matters.",
         "clauses_2011": ["6.1"], "criticality": "medium", "tags": ["t"], "questions": ["Q?"],
         "evidence": [{"kind": "procedure", "description": "A procedure.", "cadence": "P1Y"}],
         **({"applicability": narrow} if narrow else {})}
        for n, narrow in ((1, {"tenancy": ["multi"]}),
                          (2, {"infrastructure": ["owned", "colocation"]}),
                          (3, {"tenancy": ["multi"], "infrastructure": ["owned"]}), (4, None))],
}}


def _tenant(sid: str, **fields: Any) -> dict[str, Any]:
    return {**_service(sid, ["PaaS"], ["private"]), **fields}


@pytest.mark.parametrize(("service", "expected"), [
    # Undeclared tenancy and infrastructure scope nothing out: the tool cannot assume them.
    (_tenant("plain"), ["Z02.01", "Z02.02", "Z02.03", "Z02.04"]),
    (_tenant("single", tenancy="single"), ["Z02.02", "Z02.04"]),
    (_tenant("multi", tenancy="multi"), ["Z02.01", "Z02.02", "Z02.03", "Z02.04"]),
    (_tenant("rented", infrastructure="third-party-cloud"), ["Z02.01", "Z02.04"]),
    (_tenant("colo", infrastructure="colocation"), ["Z02.01", "Z02.02", "Z02.04"]),
    (_tenant("one-cloud", tenancy="single", infrastructure="third-party-cloud"), ["Z02.04"]),
    # A list is a service that offers both: an item applies if it covers one of them.
    (_tenant("mixed", tenancy=["single", "multi"], infrastructure=["owned", "third-party-cloud"]),
     ["Z02.01", "Z02.02", "Z02.03", "Z02.04"]),
])
def test_tenancy_and_infrastructure_scope_items(
        tmp_path: Path, service: dict[str, Any], expected: list[str]) -> None:
    repo = Repo(tmp_path / "repo", services=[service], checklists=Z02, per_service=["Z02"])
    assert sorted(_applies_in(repo.report(), "Z02")) == expected


def test_a_bad_tenancy_value_is_a_schema_error_with_its_position(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo", services=[_tenant("x", tenancy="shared")], checklists=Z02)
    result = repo.validate_raw()
    assert result.exit_code == 2, result.output
    assert "sms20k.yaml:" in result.output and "tenancy" in result.output, result.output
    assert "'single' or 'multi'" in result.output, result.output


def _applies_in(report: dict[str, Any], scenario: str) -> set[str]:
    return {r["item"] for r in report["results"] if r["scenario"] == scenario}
