"""Scope limits: services and results, at the boundary and one over, before results exist."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.assessment.engine import Engine
from sms20k.errors import ProblemsError, UsageError
from sms20k.evidence import limits
from sms20k.evidence.limits import MAX_RESULTS, MAX_SERVICES
from sms20k.evidence.repo import load_repository
from sms20k.evidence.repo_catalog import load_with_catalog
from sms20k.evidence.scope import ScopeIndex

from ..conftest import Invoke
from .conftest import AS_OF

PER_SERVICE_ITEMS = MAX_RESULTS // MAX_SERVICES


def _services(count: int) -> list[dict[str, Any]]:
    return [{"id": f"s{n}", "name": f"Service {n}", "categories": ["SaaS"],
             "deployment_models": ["public"]} for n in range(count)]


def _scenario(scenario: str, items: int) -> dict[str, Any]:
    return {
        "id": scenario, "title": f"Scenario {scenario}", "summary": "Generated.",
        "outcomes": ["Done."],
        "applicability": {"service_categories": ["SaaS"], "deployment_models": ["public"],
                          "roles": ["cloud-service-provider"]},
        "items": [{"id": f"{scenario}.{n:03d}", "title": f"Item {n}", "guidance": "Do it.",
                   "clauses_2011": ["6.1"], "criticality": "low", "questions": ["How?"],
                   "tags": ["generated"],
                   "evidence": [{"kind": "record", "description": "A record.",
                                 "cadence": "P1Y"}]}
                  for n in range(1, items + 1)],
    }


def _write(root: Path, services: int, per_service: int, whole_scope: int) -> Path:
    """A repository of generated checklists only: ``per_service`` items assessed per
    service and ``whole_scope`` items assessed once."""
    (root / "checklists").mkdir(parents=True)
    scenarios = [_scenario("PS", per_service)] if per_service else []
    scenarios += [_scenario("WS", whole_scope)] if whole_scope else []
    for scenario in scenarios:
        (root / "checklists" / f"{scenario['id']}.yaml").write_text(yaml.safe_dump(scenario))
    manifest = {
        "version": 1, "organization": {"name": "Big Cloud"},
        "assessment": {"title": "Limits", "date": dt.date(2026, 11, 1), "assessor": "Test"},
        "scope": {"role": "cloud-service-provider", "services": _services(services),
                  "per_service": ["PS"] if per_service else []},
        "options": {"builtin_checklists": False}, "checklists": ["checklists"],
    }
    (root / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
    return root


def _key_line(root: Path, key: str) -> int:
    return (root / "sms20k.yaml").read_text().splitlines().index(f"  {key}:") + 1


def _refusal(root: Path) -> ProblemsError:
    with pytest.raises(ProblemsError) as caught:
        repo, catalog = load_with_catalog(root)
        Engine(repo, catalog, [], dt.date(2026, 11, 29), repo.manifest.rules)
    return caught.value


def test_services_at_the_limit_load(tmp_path: Path) -> None:
    root = _write(tmp_path, MAX_SERVICES, 0, 1)
    assert len(load_repository(root).manifest.scope.services) == MAX_SERVICES


@pytest.mark.parametrize("over", [1, 2, 1800])
def test_services_over_the_limit_are_refused_at_the_services_line(tmp_path: Path,
                                                                 over: int) -> None:
    root = _write(tmp_path, MAX_SERVICES + over, 0, 1)
    with pytest.raises(ProblemsError) as caught:
        load_repository(root)
    [finding] = caught.value.findings
    assert (finding.code, finding.line) == ("SCOPE_TOO_LARGE", _key_line(root, "services"))
    assert f"{MAX_SERVICES + over:,} services in scope" in finding.message
    assert f"at most {MAX_SERVICES:,}" in finding.message
    assert finding.hint and "split the repository" in finding.hint


def test_results_exactly_at_the_limit_are_built(tmp_path: Path) -> None:
    root = _write(tmp_path, MAX_SERVICES, PER_SERVICE_ITEMS, 0)
    repo, catalog = load_with_catalog(root)
    assert ScopeIndex(repo.manifest, catalog).result_count() == MAX_RESULTS
    engine = Engine(repo, catalog, [], dt.date(2026, 11, 29), repo.manifest.rules)
    assert len(engine.results()) == MAX_RESULTS


@pytest.mark.parametrize(("services", "per_service", "whole_scope"), [
    (MAX_SERVICES, PER_SERVICE_ITEMS, 1),  # one over
    (MAX_SERVICES, PER_SERVICE_ITEMS + 1, 0),  # one item more per service
    (MAX_SERVICES // 2, 2 * PER_SERVICE_ITEMS + 1, 0),
])
def test_results_over_the_limit_are_refused_before_any_is_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, services: int, per_service: int,
        whole_scope: int) -> None:
    root = _write(tmp_path, services, per_service, whole_scope)
    monkeypatch.setattr(Engine, "_result", lambda *a: pytest.fail("a result was built"))
    [finding] = _refusal(root).findings
    assert (finding.code, finding.line) == ("SCOPE_TOO_LARGE", _key_line(root, "per_service"))
    total = services * per_service + whole_scope
    assert f"the scope yields {total:,} results" in finding.message
    assert finding.hint == (
        "narrow scope.per_service, or split the repository by service, one sms20k.yaml for "
        "each group of services (or raise SMS20K_MAX_RESULTS in the CI job)")


def test_whole_scope_items_over_the_limit_point_at_the_services(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 20,001 generated items would take long to load; the limit is read from one place.
    monkeypatch.setattr(limits, "MAX_RESULTS", 10)
    root = _write(tmp_path, 1, 0, 11)
    [finding] = _refusal(root).findings
    assert finding.line == _key_line(root, "services")


@pytest.mark.parametrize("command", [["validate"], ["assess", "-o", "out"], ["lock"],
                                     ["audit-plan"]])
def test_commands_refuse_with_exit_2(tmp_path: Path, invoke: Invoke,
                                     monkeypatch: pytest.MonkeyPatch,
                                     command: list[str]) -> None:
    root = _write(tmp_path / "repo", MAX_SERVICES + 1, 1, 0)
    monkeypatch.chdir(root)
    args = [*command, "."]
    if command[0] in ("validate", "assess"):
        args += ["--as-of", AS_OF]
    result = invoke(args, code=2)
    assert f"sms20k.yaml:{_key_line(root, 'services')}:" in result.output, result.output
    assert "SCOPE_TOO_LARGE" in result.output, result.output
    assert not (root / "out").exists()


def test_validate_refuses_too_many_results_with_exit_2(tmp_path: Path, invoke: Invoke,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = _write(tmp_path / "repo", MAX_SERVICES, PER_SERVICE_ITEMS, 1)
    monkeypatch.chdir(root)
    result = invoke(["validate", "--as-of", AS_OF], code=2)
    lines = result.output.splitlines()
    assert lines[0].startswith(f"sms20k.yaml:{_key_line(root, 'per_service')}:"), result.output
    assert "MISSING_ENTRY" not in result.output


def test_the_ci_job_may_raise_the_limits(tmp_path: Path, invoke: Invoke,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _write(tmp_path / "repo", MAX_SERVICES + 1, 1, 0)
    monkeypatch.chdir(root)
    monkeypatch.setenv(limits.SERVICES_VARIABLE, str(MAX_SERVICES + 1))
    monkeypatch.setenv(limits.RESULTS_VARIABLE, str(MAX_SERVICES + 1))
    result = invoke(["validate", "--as-of", AS_OF], code=0)  # loads; entries missing: warnings
    assert "SCOPE_TOO_LARGE" not in result.output, result.output
    monkeypatch.setenv(limits.RESULTS_VARIABLE, str(MAX_SERVICES))
    result = invoke(["validate", "--as-of", AS_OF], code=2)
    assert f"builds at most {MAX_SERVICES:,}" in result.output, result.output
    assert limits.RESULTS_VARIABLE in result.output, result.output


@pytest.mark.parametrize("value", ["0", "-1", "1e9", "ten", "1000000000", "٣", "9" * 30])
def test_a_limit_that_is_not_a_whole_number_is_refused(
        tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    root = _write(tmp_path / "repo", 2, 1, 0)
    monkeypatch.chdir(root)
    monkeypatch.setenv(limits.SERVICES_VARIABLE, value)
    result = invoke(["validate", "--as-of", AS_OF], code=2)
    assert f"{limits.SERVICES_VARIABLE}=" in result.stderr, result.output
    assert "not a whole number" in result.stderr, result.output


@pytest.mark.parametrize(("value", "expected"), [
    ("1", 1), ("999999999", 999_999_999), (" 7 ", 7), ("", 5)])
def test_a_limit_from_one_to_nine_digits_is_taken(
        monkeypatch: pytest.MonkeyPatch, value: str, expected: int) -> None:
    # The two ends of the documented range (mutation run of 2026-12-07); empty: the default.
    monkeypatch.setenv("SMS20K_TEST_LIMIT", value)
    assert limits.limit("SMS20K_TEST_LIMIT", 5) == expected


def test_a_refused_limit_is_shown_cut_at_twenty_characters(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMS20K_TEST_LIMIT", "9" * 30)
    with pytest.raises(UsageError) as caught:
        limits.limit("SMS20K_TEST_LIMIT", 5_000)
    assert str(caught.value) == (
        f"SMS20K_TEST_LIMIT={'9' * 20!r} is not a whole number from 1 to 999999999; unset it "
        "for the default of 5,000")
