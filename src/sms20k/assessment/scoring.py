"""Scores per item, scenario, clause and overall, the gap list, and the assembled Report.

score = 100 * sum(weight * item score) / sum(weight), over results that have a score (not
applicable and not assessed results have none and stay out of the denominator).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from sms20k.assessment.consolidate import consolidate, grade_counts
from sms20k.assessment.evidence_check import describe
from sms20k.assessment.model import (
    CLASS_RANK,
    FINDING_CLASSES,
    RESULTS,
    ClauseScore,
    Counts,
    Coverage,
    ExclusionInfo,
    Gap,
    ItemResult,
    Meta,
    Report,
    ReportScope,
    ScenarioScore,
    ServiceInfo,
    Summary,
)
from sms20k.checklists.catalog import Catalog
from sms20k.checklists.clauses import Edition
from sms20k.codes import is_repository_problem
from sms20k.evidence.rules import Rules
from sms20k.evidence.scope import ScopeIndex
from sms20k.findings import Finding, Level

CRITICALITY_RANK = {"high": 0, "medium": 1, "low": 2}


def weighted_score(results: Iterable[ItemResult]) -> float | None:
    """A score in 0..100, or None; never NaN or infinite, whatever the weights (rules
    validation already keeps them finite and positive, so this is a second line)."""
    total = weight = 0.0
    for result in results:
        if result.score is not None:
            total += result.weight * result.score
            weight += result.weight
    if not weight or not math.isfinite(weight):
        return None
    score = 100 * total / weight
    return round(min(max(score, 0.0), 100.0), 1) if math.isfinite(score) else None


def count(results: Iterable[ItemResult]) -> Counts:
    by_result = dict.fromkeys(RESULTS, 0)
    by_class = dict.fromkeys(FINDING_CLASSES, 0)
    for result in results:
        by_result[result.result] += 1
        if result.finding_class:
            by_class[result.finding_class] += 1
    return Counts(results=by_result, classes=by_class)


def _missing(result: ItemResult) -> list[str]:
    return [describe(c) for c in result.evidence_checks
            if c.level == "required" and c.state != "provided"]


def gaps(results: Iterable[ItemResult]) -> list[Gap]:
    ranked = sorted(
        (r for r in results if r.finding_class in ("major", "minor", "observation")),
        key=lambda r: (CLASS_RANK[r.finding_class or "ofi"], CRITICALITY_RANK[r.criticality],
                       -len(r.clauses_2011), r.item, r.service or ""),
    )
    return [
        Gap(rank=n, item=r.item, service=r.service, title=r.title,
            finding_class=r.finding_class or "observation", criticality=r.criticality,
            clauses=len(r.clauses_2011), reason="; ".join(r.reasons), notes=r.notes,
            missing=_missing(r))
        for n, r in enumerate(ranked, 1)
    ]


def _clauses(catalog: Catalog, results: list[ItemResult], edition: Edition) -> list[ClauseScore]:
    tree = catalog.registry.tree(edition)
    by_item: dict[str, list[ItemResult]] = {}
    for result in results:
        by_item.setdefault(result.item, []).append(result)
    rows = []
    for cid, clause in tree.clauses.items():
        mine = [r for item in catalog.items_for_clause(edition, cid)
                for r in by_item.get(item, ())]
        rows.append(ClauseScore(id=cid, title=clause.title, parent=clause.parent,
                                depth=tree.depth(cid), leaf=tree.is_leaf(cid),
                                score=weighted_score(mine), items=len(mine), counts=count(mine)))
    return rows


def build_scores(results: list[ItemResult], catalog: Catalog, scope_index: ScopeIndex,
                 rules: Rules, findings: Sequence[Finding], meta: Meta) -> Report:
    """The report of the results: scores, gaps and scope, with the validation findings."""
    manifest = scope_index.manifest
    by_scenario: dict[str, list[ItemResult]] = {}
    for result in results:
        by_scenario.setdefault(result.scenario, []).append(result)
    scenarios = []
    for loaded in catalog.scenarios:
        mine = by_scenario.get(loaded.scenario.id, [])
        if not mine:
            continue
        scenarios.append(ScenarioScore(
            id=loaded.scenario.id, section=loaded.scenario.section, title=loaded.scenario.title,
            score=weighted_score(mine), items=len(mine), counts=count(mine),
            assessed=sum(1 for r in mine if r.assessed)))
    exclusions = []
    for exclusion in manifest.exclusions:
        items = sorted(i for i, e in scope_index.excluded.items() if e is exclusion)
        excluded = catalog.scenario(exclusion.id)
        title = (excluded.scenario.title if excluded else
                 catalog.items[exclusion.id].item.title
                 if exclusion.id in catalog.items else exclusion.id)
        exclusions.append(ExclusionInfo(id=exclusion.id, title=title,
                                        justification=exclusion.justification, items=items))
    scope = ReportScope(
        role=manifest.scope.role,
        services=[ServiceInfo(id=s.id, name=s.name, categories=list(s.categories),
                              deployment_models=list(s.deployment_models),
                              tenancy=s.tenancy, infrastructure=s.infrastructure)
                  for s in manifest.scope.services],
        per_service=list(manifest.scope.per_service), exclusions=exclusions,
        not_applicable=[iid for iid, citem in catalog.items.items()
                        if iid not in scope_index.excluded
                        and not scope_index.applicable_services(citem)],
    )
    in_scope = [r for r in results if r.item not in scope_index.excluded]
    assessed = sum(1 for r in in_scope if r.assessed)
    findings_layer = consolidate(results, catalog, rules)
    gated = [r for r in results if not r.waived]
    problems = [f for f in findings if is_repository_problem(f)]
    summary = Summary(
        score=weighted_score(results), items_in_scope=len(in_scope), assessed=assessed,
        counts=count(results),
        validation_errors=sum(1 for f in findings if f.level is Level.ERROR),
        validation_warnings=sum(1 for f in findings if f.level is Level.WARNING),
        coverage=Coverage(
            assessed=assessed, in_scope=len(in_scope),
            percent=round(100 * assessed / len(in_scope), 1) if in_scope else None,
            not_assessed_scenarios=[s.id for s in scenarios
                                    if s.assessed == 0 and s.counts.results["not-assessed"]]),
        findings=grade_counts(findings_layer),
        waived=sum(1 for r in results if r.waived),
        repository_errors=sum(1 for f in problems if f.level is Level.ERROR),
        repository_warnings=sum(1 for f in problems if f.level is Level.WARNING),
        gated_findings=grade_counts(findings_layer if len(gated) == len(results)
                                    else consolidate(gated, catalog, rules)),
        gated_score=weighted_score(gated),
    )
    return Report(
        meta=meta, scope=scope, rules=rules.model_dump(mode="json", by_alias=True),
        summary=summary, scenarios=scenarios,
        clauses_2011=_clauses(catalog, results, "2011"),
        clauses_2018=_clauses(catalog, results, "2018"), gaps=gaps(results), results=results,
        validation=list(findings), findings=findings_layer,
    )
