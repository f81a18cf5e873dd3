"""Audit findings: item results consolidated the way an auditor raises them.

One finding per requirement not met (the items' primary 2018 clause), graded by its worst
item and raised to major when minor results under it show a systemic failure; one
opportunity for improvement per clause; one document-control observation per controlled
document changed after approval, however many items cite it. The rules are in
docs/assessment-rules.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from sms20k import codes
from sms20k.assessment.evidence_check import describe
from sms20k.assessment.model import (
    CLASS_RANK,
    AuditFinding,
    CitedClause,
    FindingClass,
    FindingItem,
    ItemResult,
)
from sms20k.checklists.catalog import Catalog
from sms20k.evidence.rules import Rules

NONCONFORMITY_OR_OBSERVATION = ("major", "minor", "observation")
DOCUMENT_CONTROL = "7.5.3"
_CHANGED = frozenset((codes.HASH_MISMATCH.code, codes.LOCK_MISMATCH.code))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _few(values: list[str], none: str, most: int = 3) -> str:
    """A statement names a few; the finding's own lists hold them all."""
    if not values:
        return none
    more = len(values) - most
    return "; ".join(values[:most]) + (f"; and {more} more" if more > 0 else "")


def _seen(result: ItemResult) -> list[str]:
    return [f"{ref.description.rstrip('. ')} ({ref.target})" for ref in result.evidence]


def _missing(result: ItemResult) -> list[str]:
    gaps = [describe(c) for c in result.evidence_checks if c.state != "provided"]
    if result.status in ("partial", "planned", "not-implemented"):
        gaps.insert(0, result.reasons[0] if result.reasons else result.status)
    elif result.status == "implemented" and not result.evidence:
        gaps.insert(0, "no evidence at all for an item claimed implemented")
    return gaps


def _finding_item(result: ItemResult) -> FindingItem:
    return FindingItem(
        item=result.item, service=result.service, scenario=result.scenario, title=result.title,
        finding_class=result.finding_class, result=result.result, reasons=result.reasons,
        notes=result.notes, evidence=_seen(result), missing=_missing(result),
        waived=result.waived)


def _systemic(minors: Sequence[ItemResult], rules: Rules) -> str | None:
    threshold = rules.systemic.minors
    if threshold is None or len(minors) < threshold:
        return None
    services = {r.service for r in minors if r.service}
    scenarios = {r.scenario for r in minors}
    if len(services) < 2 and len(scenarios) < 2:
        return None
    spread = " and ".join(f"{n} {what}" for n, what in (
        (len(scenarios), "scenarios"), (len(services), "services")) if n >= 2)
    return (f"{len(minors)} minor results across {spread} show a systemic failure "
            f"(rule systemic.minors: {threshold})")


def _scope(results: Sequence[ItemResult]) -> str:
    if any(r.service is None for r in results):
        return "for the services in scope"
    return f"for {', '.join(_unique(r.service for r in results if r.service))}"


def _requirement(clause: CitedClause, results: list[ItemResult], kind: str,
                 catalog: Catalog, rules: Rules) -> AuditFinding:
    ranked = sorted(results, key=lambda r: (CLASS_RANK[r.finding_class or "ofi"], r.item,
                                            r.service or ""))
    worst: FindingClass = ranked[0].finding_class or "ofi"
    raised = None
    if worst == "minor":
        raised = _systemic([r for r in ranked if r.finding_class == "minor"], rules)
    grade: FindingClass = "major" if raised else worst
    items = [_finding_item(r) for r in ranked]
    seen = _unique(e for i in items for e in i.evidence)
    missing = _unique(m for i in items for m in i.missing)
    tree11 = catalog.registry.tree("2011")
    clauses_2011 = _unique(c.id for r in ranked for c in r.clauses_2011)
    requirement = f"ISO/IEC 20000-1:2018 {clause.id} {clause.title}"
    labels = ", ".join(i.label for i in items)
    if kind == "improvement":
        statement = (f"{requirement} is met {_scope(ranked)}; it could be strengthened "
                     f"({'; '.join(_unique(x for r in ranked for x in r.reasons))}). "
                     f"Items: {labels}.")
    else:
        # The assessor's own observations make it a statement a client can act on.
        notes = _unique(f"{i.label}: {i.notes.rstrip('.')}" for i in items if i.notes)
        observed = f" Assessor's notes: {_few(notes, '', most=2)}." if notes else ""
        statement = (f"{requirement} is not fully met {_scope(ranked)}. "
                     f"Evidence seen: {_few(seen, 'none')}. "
                     f"Missing: {_few(missing, 'see the items')}.{observed} Items: {labels}.")
    prefix = "OFI" if kind == "improvement" else "F"
    return AuditFinding(
        id=f"{prefix}-{clause.id}", kind="improvement" if kind == "improvement" else
        "requirement", grade=grade, worst_item=worst, raised=raised, clause=clause,
        clauses_2011=[CitedClause(id=c, title=tree11.clauses[c].title) for c in clauses_2011],
        statement=statement, requirement=requirement, evidence_seen=seen, missing=missing,
        services=_unique(r.service or "" for r in ranked),
        scenarios=_unique(r.scenario for r in ranked), items=items,
        recommendations=_unique(r.recommendation for r in ranked if r.recommendation),
        waived=all(r.waived for r in ranked))


def _document_control(results: Sequence[ItemResult], catalog: Catalog,
                      rules: Rules) -> list[AuditFinding]:
    grade = rules.document_control
    if grade == "none":
        return []
    cited: dict[str, list[ItemResult]] = {}
    for result in results:
        for problem in result.problems:
            if problem.code in _CHANGED and problem.evidence is not None:
                document = result.evidence[problem.evidence].target
                mine = cited.setdefault(document, [])
                if result not in mine:
                    mine.append(result)
    title = catalog.registry.tree("2018").clauses[DOCUMENT_CONTROL].title
    clause = CitedClause(id=DOCUMENT_CONTROL, title=title)
    findings = []
    for document, citing in sorted(cited.items()):
        digest = hashlib.sha256(document.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        requirement = f"ISO/IEC 20000-1:2018 {DOCUMENT_CONTROL} {title}"
        labels = ", ".join(r.label for r in citing)
        findings.append(AuditFinding(
            id=f"DC-{digest}", kind="document-control", grade=grade, worst_item=grade,
            raised=None, clause=clause, clauses_2011=[],
            statement=(f"{requirement}: {document} changed after it was approved (its "
                       f"recorded sha256 no longer matches) and is cited as evidence by "
                       f"{len(citing)} item{'s' * (len(citing) != 1)} ({labels}); a changed "
                       "controlled document needs review and re-approval."),
            requirement=requirement, evidence_seen=[document],
            missing=[f"re-approval of the changed {document}"],
            services=_unique(r.service or "" for r in citing),
            scenarios=_unique(r.scenario for r in citing),
            items=[_finding_item(r) for r in citing], document=document,
            waived=False))
    return findings


def consolidate(results: Sequence[ItemResult], catalog: Catalog,
                rules: Rules) -> list[AuditFinding]:
    """The audit findings of ``results``, in clause order, majors first within the report."""
    order = {cid: n for n, cid in enumerate(catalog.registry.tree("2018").clauses)}
    groups: dict[tuple[str, str], list[ItemResult]] = {}
    clauses: dict[str, CitedClause] = {}
    for result in results:
        if result.finding_class is None or result.primary_2018 is None:
            continue
        kind = ("requirement" if result.finding_class in NONCONFORMITY_OR_OBSERVATION
                else "improvement")
        clauses[result.primary_2018.id] = result.primary_2018
        groups.setdefault((kind, result.primary_2018.id), []).append(result)
    findings = [_requirement(clauses[cid], mine, kind, catalog, rules)
                for (kind, cid), mine in sorted(
                    groups.items(), key=lambda g: (g[0][0] == "improvement", order[g[0][1]]))]
    findings.extend(_document_control(results, catalog, rules))
    return sorted(findings, key=lambda f: (CLASS_RANK[f.grade], order[f.clause.id], f.id))


def grade_counts(findings: Iterable[AuditFinding]) -> dict[str, int]:
    counts = dict.fromkeys(("major", "minor", "observation", "ofi"), 0)
    for finding in findings:
        counts[finding.grade] += 1
    return counts
