"""GitLab Code Quality: a JSON list of issues that merge requests show inline."""

from __future__ import annotations

import hashlib
import json

from sms20k.assessment.model import CLASS_LABELS, Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

SEVERITY = {"major": "critical", "minor": "major", "observation": "minor", "ofi": "info",
            "error": "major", "warning": "minor", "info": "info"}


def _issue(check: str, description: str, severity: str, path: str, line: int | None,
           key: str) -> dict[str, object]:
    return {
        "type": "issue",
        "check_name": check,
        "description": description,
        "categories": ["Compliance"],
        "severity": SEVERITY[severity],
        "fingerprint": hashlib.sha256(f"{check}|{key}|{path}".encode()).hexdigest(),
        "location": {"path": path, "lines": {"begin": line or 1}},
    }


def _report_issues(report: Report) -> list[dict[str, object]]:
    missing = {p.message.removeprefix("no entry for "): p.location for p in report.validation
               if p.code == "MISSING_ENTRY"}
    issues = []
    for r in report.results:
        if r.finding_class is None:
            continue
        label = f"{r.item} ({r.service})" if r.service else r.item
        where = r.location or missing.get(label)
        issues.append(_issue(
            r.item, f"{label} {r.title}: {CLASS_LABELS[r.finding_class]}: " + "; ".join(r.reasons),
            r.finding_class, where.path if where else "sms20k.yaml",
            where.line if where else None, f"{r.item}|{r.service or ''}"))
    for p in report.validation:
        loc = p.location
        issues.append(_issue(p.code, p.message, p.level, loc.path if loc else "sms20k.yaml",
                             loc.line if loc else None, f"{loc.line if loc else ''}|{p.message}"))
    return issues


class CodeQualityRenderer(Renderer):
    name = "codequality"
    filename = "report.codequality.json"
    views = (Report, ValidationView)

    def _render(self, view: View, options: RenderOptions) -> str:
        if isinstance(view, Report):
            issues = _report_issues(view)
        else:
            assert isinstance(view, ValidationView)
            issues = [_issue(f.code, f.message, f.level, f.path, f.line,
                             f"{f.item or ''}|{f.line}|{f.message}") for f in view.findings]
        return json.dumps(issues, indent=2) + "\n"
