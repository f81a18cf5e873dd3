"""The rules of sms20k's SARIF: one per audit finding, item and finding code, with the
descriptions, help and names that GitHub's SARIF rules ask for."""

from __future__ import annotations

import re
from typing import Any

from sms20k.assessment.model import AuditFinding, ItemResult
from sms20k.codes import CODES, Code, plain
from sms20k.findings import Level
from sms20k.formats.annotations import CLASS_LEVELS, Annotation
from sms20k.formats.markdown_syntax import escape
from sms20k.safetext import visible

DOCS = "https://github.com/sms20k/sms20k/blob/main/docs/"
HELP_URIS = {"audit": f"{DOCS}assessment-rules.md#audit-findings",
             "item": f"{DOCS}assessment-rules.md#item-results",
             "code": f"{DOCS}evidence-format.md#finding-codes",
             "checklist": f"{DOCS}cli.md#findings"}

Json = dict[str, Any]


def rules_of(found: list[Annotation]) -> list[Json]:
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
    return period(text[:1].upper() + text[1:])


def period(text: str) -> str:
    """SARIF messages are sentences (SARIF 3.11.5): end them as one."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _pascal(text: str) -> str:
    """A name the multitool takes as PascalCase: no capital without a small letter or digit
    after it, so acronyms are recased (SLA: Sla), one-letter words such as "a" are dropped and
    a leading digit gets a word in front."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", text) if len(w) > 1 or w.isdigit()]
    name = "".join(w[0].upper() + w[1:].lower() for w in words)
    return name if name[:1].isalpha() else f"Rule{name}"
