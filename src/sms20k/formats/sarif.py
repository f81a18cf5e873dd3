"""SARIF 2.1.0: findings for code scanning (GitHub, GitLab, Azure DevOps, IDE viewers)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from sms20k import __version__
from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, ItemResult
from sms20k.codes import CODES, Code, plain
from sms20k.findings import Level
from sms20k.formats.annotations import Annotation, annotate
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.formats.markdown_syntax import escape
from sms20k.modelbase import View
from sms20k.safetext import visible

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/sms20k/"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "sms20k/v1"

Json = dict[str, Any]


class SarifRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        found = annotate(view)
        rules = _rules(found)
        index = {rule["id"]: n for n, rule in enumerate(rules)}
        run: Json = {
            "tool": {"driver": {
                "name": "sms20k",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"description": {
                "text": "The directory sms20k ran in; paths are relative to it."}}},
            "results": [_result(a, index[a.rule]) for a in found],
            "columnKind": "unicodeCodePoints",
        }
        doc = {"version": "2.1.0", "$schema": SCHEMA_URI, "runs": [run]}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _rules(found: list[Annotation]) -> list[Json]:
    items: dict[str, ItemResult] = {}
    codes: dict[str, Code] = {}
    for a in found:
        if a.result is not None:
            items.setdefault(a.rule, a.result)
        elif a.finding is not None:
            codes.setdefault(a.rule, CODES.get(a.rule) or _unregistered(a.rule, a.finding.level))
    return ([_item_rule(items[k]) for k in sorted(items)]
            + [code_rule(codes[k]) for k in sorted(codes)])


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
        "name": _pascal(code.code.replace("_", " ").lower()),
        "shortDescription": {"text": code.title},
        "fullDescription": {"text": _sentence(plain(code.description)),
                            "markdown": _sentence(code.description)},
        "help": {"text": _sentence(plain(code.help)), "markdown": _sentence(code.help)},
        "defaultConfiguration": {"level": code.level.value},
        "properties": {"tags": ["sms20k", "validation"]},
    }


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _result(a: Annotation, rule_index: int) -> Json:
    loc = a.location
    physical: Json = {"artifactLocation": _artifact(loc.path)}
    region = {k: v for k, v in (("startLine", loc.line), ("startColumn", loc.col))
              if v is not None and v >= 1}
    if "startLine" in region:
        physical["region"] = region
    # The hint stays out of the key: rewording how to fix a problem keeps its alert.
    key = "\0".join((a.rule, a.item or "", a.service or "", loc.path,
                     a.finding.text(hint=False) if a.finding is not None else ""))
    result: Json = {
        "ruleId": a.rule,
        "ruleIndex": rule_index,
        "level": a.level,
        "message": {"text": visible(a.message if a.result is None else _item_message(a.result))},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": _fingerprints(key),
    }
    props: Json = {}
    if a.result is not None:
        r = a.result
        props = {"findingClass": r.finding_class, "result": r.result,
                 "criticality": r.criticality, "scenario": r.scenario}
    elif a.item is not None:
        props = {"item": a.item}
    if a.service is not None:
        props["service"] = a.service
    if props:
        result["properties"] = props
    return result


def _fingerprints(key: str) -> dict[str, str]:
    digest = hashlib.sha256(key.encode()).hexdigest()
    # GitHub matches alerts on primaryLocationLineHash (upload-sarif fills it from the source
    # line when absent); ours in CodeQL's "hash:occurrence" shape keeps alerts when lines move.
    return {"primaryLocationLineHash": f"{digest[:16]}:1", FINGERPRINT: digest}


def _item_message(r: ItemResult) -> str:
    label = CLASS_LABELS[r.finding_class or ""]
    reasons = "; ".join(r.reasons) or RESULT_LABELS[r.result]
    return f"{label} in {r.label} {r.title}: {reasons}"


def _artifact(path: str) -> Json:
    posix = path.replace("\\", "/")
    if PurePath(posix).is_absolute():
        return {"uri": Path(posix).as_uri()}
    # Printed paths are plain relative paths; quoting only matters for spaces, %, # and ?.
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _pascal(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    return "".join(w[0].upper() + w[1:] for w in words) or "Finding"
