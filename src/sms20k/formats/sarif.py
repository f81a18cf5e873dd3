"""SARIF 2.1.0: findings for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers)."""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from sms20k import __version__
from sms20k.assessment.model import CLASS_LABELS, ItemResult, Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.annotations import Annotation, annotate, reasons_text
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.formats.sarif_rules import period, rules_of
from sms20k.modelbase import View
from sms20k.safetext import visible

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/sms20k/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "sms20k/v1"

Json = dict[str, Any]


class SarifRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        found = annotate(view, options)
        rules = rules_of(found)
        index = {rule["id"]: n for n, rule in enumerate(rules)}
        cited = _cited(view)
        run: Json = {
            "tool": {"driver": {
                "name": "sms20k",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"description": {"text": (
                "The root of the git work tree that holds the evidence repository (or the "
                "repository itself outside git, or what --path-prefix names); paths are "
                "relative to it.") if options.ci_paths else (
                "The directory sms20k ran in; paths are relative to it.")}}},
            "results": [_result(a, index[a.rule], cited) for a in found],
            "columnKind": "unicodeCodePoints",
            "properties": _run_properties(view),
        }
        doc = {"version": "2.1.0", "$schema": SCHEMA_URI, "runs": [run]}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _run_properties(view: View) -> Json:
    """The as-of date every freshness judgement used, and the headline of a report."""
    if isinstance(view, ValidationView):
        return {"asOf": view.as_of}
    assert isinstance(view, Report)
    meta, summary = view.meta, view.summary
    props: Json = {"asOf": meta.as_of, "assessmentDate": meta.date,
                   "reportFormat": view.format_version, "checklists": meta.checklists,
                   "contentVersion": meta.content_version, "score": summary.score,
                   "findings": summary.findings, "waived": summary.waived,
                   "repositoryErrors": summary.repository_errors,
                   "repositoryWarnings": summary.repository_warnings}
    if summary.coverage is not None:
        props["coverage"] = summary.coverage.model_dump(mode="json")
    return props


def _cited(view: View) -> dict[tuple[str, str | None], list[str]]:
    """The audit findings that cite each item result as objective evidence."""
    cited: dict[tuple[str, str | None], list[str]] = {}
    if isinstance(view, Report):
        for f in view.findings:
            for i in f.items:
                cited.setdefault((i.item, i.service), []).append(f.id)
    return cited


def _result(a: Annotation, rule_index: int,
            cited: dict[tuple[str, str | None], list[str]]) -> Json:
    loc = a.location
    physical: Json = {"artifactLocation": _artifact(loc.path)}
    region = {k: v for k, v in (("startLine", loc.line), ("startColumn", loc.col))
              if v is not None and v >= 1}
    if "startLine" in region:
        physical["region"] = region
    result: Json = {
        "ruleId": a.rule,
        "ruleIndex": rule_index,
        "level": a.level,
        "message": {"text": period(visible(
            a.message if a.result is None else _item_message(a.result)))},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": _fingerprints(a.fingerprint),
    }
    if a.waiver is not None:
        # Accepted outside the code: the waiver exempts it from the gates, not from the audit.
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": visible(a.waiver)}]
    props = _properties(a, cited)
    if props:
        result["properties"] = props
    return result


def _properties(a: Annotation, cited: dict[tuple[str, str | None], list[str]]) -> Json:
    props: Json = {}
    if a.audit is not None:
        f = a.audit
        props = {"findingId": f.id, "kind": f.kind, "grade": f.grade,
                 "worstItem": f.worst_item, "clause": f.clause.id,
                 "clauseTitle": visible(f.clause.title),
                 "clauses2011": [c.id for c in f.clauses_2011],
                 "items": [i.label for i in f.items], "services": f.services,
                 "scenarios": f.scenarios, "waived": f.waived}
        if f.raised:
            props["raised"] = visible(f.raised)
        if f.document is not None:
            props["document"] = visible(f.document)
        return props
    if a.result is not None:
        r = a.result
        props = {"findingClass": r.finding_class, "result": r.result,
                 "criticality": r.criticality, "scenario": r.scenario, "waived": r.waived}
        ids = cited.get((r.item, r.service))
        if ids:
            props["auditFindings"] = ids
    elif a.item is not None:
        props = {"item": a.item}
    if a.service is not None:
        props["service"] = a.service
    if a.finding is not None:
        props["repositoryProblem"] = a.repository
    return props


def _fingerprints(digest: str) -> dict[str, str]:
    # GitHub matches alerts on primaryLocationLineHash (upload-sarif fills it from the source
    # line when absent); ours in CodeQL's "hash:occurrence" shape keeps alerts when lines move.
    return {"primaryLocationLineHash": f"{digest[:16]}:1", FINGERPRINT: digest}


def _item_message(r: ItemResult) -> str:
    label = CLASS_LABELS[r.finding_class or ""]
    return f"{label} in {r.label} {r.title}: {reasons_text(r)}"


def _artifact(path: str) -> Json:
    posix = path.replace("\\", "/")
    if PurePath(posix).is_absolute():
        return {"uri": Path(posix).as_uri()}
    # Printed paths are plain relative paths; quoting only matters for spaces, %, # and ?.
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}
