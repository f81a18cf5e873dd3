"""OSCAL findings of an assessment: the audit findings, then each judged item's conclusion.

Not-assessed results are never findings. A waived result keeps its verdict and class; a
property and a remark say it is waived, which exempts it from the CI gates only.
"""

from __future__ import annotations

from collections.abc import Callable

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, AuditFinding, ItemResult
from sms20k.codes import is_repository_problem
from sms20k.export.oscal_catalog import Json, line, markup, objective_id, prop

CLAUSE_2011 = "iso20000-1-2011-clause"
CLAUSE_2018 = "iso20000-1-2018-clause"
Uuid = Callable[..., str]
Observations = dict[tuple[str, str | None], Json]


def item_props(r: ItemResult) -> list[Json]:
    props = [prop("item", r.item)]
    if r.service:
        props.append(prop("service", r.service))
    props += [prop("criticality", r.criticality), prop("result", r.result)]
    if r.waived and r.waiver is not None:
        props += [prop("waived", "true"), prop("waiver-expires", r.waiver.expires)]
    return props


def item_finding(uuid: Uuid, r: ItemResult, observation: Json | None) -> Json:
    cls = r.finding_class or ""
    finding: Json = {
        "uuid": uuid("finding", r.item, r.service or ""),
        "title": line(f"{CLASS_LABELS[cls]}: {title(r)}"),
        "description": describe(r, problems=False),
        "props": [prop("finding-level", "item"), prop("finding-class", cls), *item_props(r)],
        "target": {"type": "objective-id", "target-id": objective_id(r.item),
                   "status": status(r.result == "conformant")},
    }
    if observation is not None:
        finding["related-observations"] = [{"observation-uuid": observation["uuid"]}]
    remarks = [markup(r.notes)] if r.notes else []
    if r.waived and r.waiver is not None:
        by = f" by {line(r.waiver.approved_by)}" if r.waiver.approved_by else ""
        remarks.append(f"Waived until {r.waiver.expires}{by}: "
                       f"{line(r.waiver.reason).rstrip('.')}. The waiver exempts the item "
                       "from the CI gates only; its verdict and class stand.")
    if remarks:
        finding["remarks"] = "\n\n".join(remarks)
    return finding


def audit_finding(uuid: Uuid, f: AuditFinding, observations: Observations) -> Json:
    """One requirement not met (or an improvement, or a changed controlled document). Its
    target is its 2018 clause, reached through the objective of its worst item, so that
    every target id resolves in the catalog."""
    clause = f"ISO/IEC 20000-1:2018 {f.clause.id} {f.clause.title}"
    target: Json = {
        "type": "objective-id",
        "target-id": objective_id(f.items[0].item) if f.items else "",
        "title": line(clause),
        "props": [prop(CLAUSE_2018, f.clause.id),
                  *(prop(CLAUSE_2011, c.id) for c in f.clauses_2011)],
        "status": status(f.kind == "improvement"),
    }
    props = [prop("finding-level", "audit"), prop("finding-id", f.id),
             prop("finding-kind", f.kind), prop("finding-class", f.grade)]
    props += [prop("item", i.label) for i in f.items]
    if f.waived:
        props.append(prop("waived", "true"))
    parts = [markup(f.statement)]
    if f.raised:
        parts.append(f"Graded major: {line(f.raised)}.")
    finding: Json = {
        "uuid": uuid("audit-finding", f.id),
        "title": line(f"{CLASS_LABELS[f.grade]} {f.id}: {clause}"),
        "description": "\n\n".join(parts),
        "props": props,
        "target": target,
    }
    related = [observations[(i.item, i.service)]["uuid"] for i in f.items
               if (i.item, i.service) in observations]
    if related:
        finding["related-observations"] = [{"observation-uuid": u}
                                           for u in dict.fromkeys(related)]
    waived = [i.label for i in f.items if i.waived]
    if waived:
        finding["remarks"] = (f"Waived: {', '.join(waived)}. A waiver exempts an item from the "
                              "CI gates only; the finding stands.")
    return finding


def status(satisfied: bool) -> Json:
    # The objective is met only when conformant; the class says how badly it is not.
    if satisfied:
        return {"state": "satisfied", "reason": "pass"}
    return {"state": "not-satisfied", "reason": "fail"}


def title(r: ItemResult) -> str:
    return f"{r.label} {r.title}"


def describe(r: ItemResult, *, problems: bool) -> str:
    parts = [f"Result: {RESULT_LABELS[r.result]}."]
    if r.reasons:
        parts.append("\n".join(f"- {line(reason)}" for reason in r.reasons))
    if problems:
        audit = [p for p in r.problems if not is_repository_problem(p)]
        repository = [p for p in r.problems if is_repository_problem(p)]
        for heading, found in (("Problems found", audit),
                               ("Problems of the evidence repository (not audit findings)",
                                repository)):
            if found:
                parts.append(f"{heading}:\n\n" + "\n".join(
                    f"- {p.level} {p.code}: {line(p.message)}" for p in found))
        if r.notes:
            parts.append(f"Notes: {markup(r.notes)}")
    return "\n\n".join(parts)
