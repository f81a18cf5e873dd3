"""SARIF 2.1.0: findings for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers)."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from sms20k import __version__
from sms20k.assessment.model import CLASS_LABELS, AuditFinding, ItemResult, Report
from sms20k.codes import CODES, Code, plain
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Level
from sms20k.formats.annotations import CLASS_LEVELS, Annotation, annotate, reasons_text
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.formats.markdown_syntax import escape
from sms20k.modelbase import View
from sms20k.safetext import visible

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/sms20k/"
DOCS = "https://github.com/sms20k/sms20k/blob/main/docs/"
HELP_URIS = {"audit": f"{DOCS}assessment-rules.md#audit-findings",
             "item": f"{DOCS}assessment-rules.md#item-results",
             "code": f"{DOCS}evidence-format.md#finding-codes",
             "checklist": f"{DOCS}cli.md#findings"}
SRCROOT = "%SRCROOT%"
FINGERPRINT = "sms20k/v1"

Json = dict[str, Any]


class SarifRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        found = annotate(view, options)
        rules = _rules(found)
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


def _rules(found: list[Annotation]) -> list[Json]:
    audits: dict[str, AuditFinding] = {}
    items: dict[str, ItemResult] = {}
    codes: dict[str, Code] = {}
    for a in found:
        if a.audit is not None:
            audits.setdefault(a.rule, a.audit)
        elif a.result is not None:
            items.setdefault(a.rule, a.result)
        elif a.finding is not None:
            codes.setdefault(a.rule, CODES.get(a.rule) or _unregistered(a.rule, a.finding.level))
    return ([_audit_rule(f) for f in audits.values()]
            + [_item_rule(items[k]) for k in sorted(items)]
            + [code_rule(codes[k]) for k in sorted(codes)])


def _audit_rule(f: AuditFinding) -> Json:
    """One rule per audit finding: its id is stable across runs, so is the alert."""
    old = "; ".join(f"{c.id} {c.title}" for c in f.clauses_2011)
    short = f.requirement if f.document is None else f"{f.requirement}: {f.document}"
    kinds = {"requirement": "A requirement not fully met",
             "improvement": "An opportunity for improvement",
             "document-control": "A controlled document changed after its approval"}
    full = f"{kinds[f.kind]}: {f.requirement}." + (
        f" ISO/IEC 20000-1:2011 {old}." if old else "")
    help_lines = [f"{f.requirement}.", f"Items: {', '.join(i.label for i in f.items)}.",
                  "Findings always cite the 2018 edition; each item result is a result of "
                  "its own rule."]
    tags = ["sms20k", "iso20000", "audit-finding", f"2018:{f.clause.id}",
            *(f"2011:{c.id}" for c in f.clauses_2011)]
    return {
        "id": f.id,
        "name": _pascal(f.clause.title if f.kind != "document-control"
                        else "document changed after approval"),
        "shortDescription": {"text": visible(short)},
        "fullDescription": {"text": visible(full)},
        "helpUri": HELP_URIS["audit"],
        "help": {"text": "\n".join(visible(line) for line in help_lines),
                 "markdown": "  \n".join(escape(line) for line in help_lines)},
        "defaultConfiguration": {"level": CLASS_LEVELS[f.grade]},
        "properties": {"tags": list(dict.fromkeys(tags)), "kind": f.kind,
                       "clause_2018": f.clause.id,
                       "clauses_2011": [c.id for c in f.clauses_2011]},
    }


def _unregistered(code: str, level: Level) -> Code:
    """A code this sms20k does not know, as in a report written by a newer one."""
    return Code(code, level, "check", code, code, code)


def _item_rule(r: ItemResult) -> Json:
    old = "; ".join(f"{c.id} {c.title}" for c in r.clauses_2011) or "none"
    new = "; ".join(f"{c.id} {c.title}" for c in r.clauses_2018) or "none"
    # Checklist text, which a pull request can change: shown as written, never as Markdown,
    # escaped like the Markdown report and with its controls made visible.
    help_lines = [f"{r.item} {r.title} (scenario {r.scenario}, criticality {r.criticality}).",
                  f"ISO/IEC 20000-1:2011 clauses: {old}.",
                  f"ISO/IEC 20000-1:2018 clauses: {new}."]
    tags = ["sms20k", "iso20000", f"criticality-{r.criticality}",
            *(f"2011:{c.id}" for c in r.clauses_2011), *(f"2018:{c.id}" for c in r.clauses_2018)]
    return {
        "id": r.item,
        "name": _pascal(r.title),
        "shortDescription": {"text": visible(r.title)},
        "fullDescription": {"text": visible(f"ISO/IEC 20000-1:2011 {old}. "
                                            f"ISO/IEC 20000-1:2018 {new}.")},
        "helpUri": HELP_URIS["item"],
        "help": {"text": "\n".join(visible(line) for line in help_lines),
                 "markdown": "  \n".join(escape(line) for line in help_lines)},
        "properties": {
            "tags": list(dict.fromkeys(tags)),
            "scenario": r.scenario,
            "criticality": r.criticality,
            "clauses_2011": [c.id for c in r.clauses_2011],
            "clauses_2018": [c.id for c in r.clauses_2018],
        },
    }


def code_rule(code: Code) -> Json:
    """The SARIF rule of a finding code, from the registry."""
    return {
        "id": code.code,
        # The title, not the code: a name that only recases the id (SCHEMA, YAML) is no name.
        "name": _pascal(code.title),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": _sentence(plain(code.description)),
                            "markdown": _sentence(code.description)},
        "helpUri": HELP_URIS["checklist" if code.stage == "checklist" else "code"],
        "help": {"text": _sentence(plain(code.help)), "markdown": _sentence(code.help)},
        "defaultConfiguration": {"level": code.level.value},
        "properties": {"tags": ["sms20k", "validation",
                                "audit-check" if code.audit else "repository-problem"]},
    }


def _sentence(text: str) -> str:
    return _period(text[:1].upper() + text[1:])


def _period(text: str) -> str:
    """SARIF messages are sentences (SARIF 3.11.5): end them as one."""
    return text if text.endswith((".", "!", "?")) else text + "."


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
        "message": {"text": _period(visible(
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


def _pascal(text: str) -> str:
    """A name the multitool takes as PascalCase: no capital without a small letter or digit
    after it, so acronyms are recased (SLA: Sla), one-letter words such as "a" are dropped and
    a leading digit gets a word in front."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", text) if len(w) > 1 or w.isdigit()]
    name = "".join(w[0].upper() + w[1:].lower() for w in words)
    return name if name[:1].isalpha() else f"Rule{name}"
