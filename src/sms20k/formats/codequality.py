"""GitLab Code Quality: a JSON list of issues that merge requests show inline."""

from __future__ import annotations

import json

from sms20k.findings import Level
from sms20k.formats.annotations import Annotation, annotate
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

CLASS_SEVERITY = {"major": "critical", "minor": "major", "observation": "minor", "ofi": "info"}
LEVEL_SEVERITY = {Level.ERROR: "major", Level.WARNING: "minor"}


def _issue(a: Annotation) -> dict[str, object]:
    if a.audit is not None:
        severity = CLASS_SEVERITY[a.audit.grade]
        description = f"{a.title}: {a.message}"
    elif a.result is not None:
        severity = CLASS_SEVERITY[a.result.finding_class or "ofi"]
        description = f"{a.title}: {a.message}"
    else:
        assert a.finding is not None
        severity = LEVEL_SEVERITY[a.finding.level]
        description = f"Repository problem: {a.message}" if a.repository else a.message
    return {
        "type": "issue",
        "check_name": a.rule,
        "description": description,
        "categories": ["Compliance"],
        "severity": severity,
        # The same key as SARIF's and in validate and assess alike: moving lines, rewording
        # a message or its hint keeps the issue.
        "fingerprint": a.fingerprint,
        "location": {"path": a.location.path, "lines": {"begin": a.location.line or 1}},
    }


class CodeQualityRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        return json.dumps([_issue(a) for a in annotate(view, options)], indent=2) + "\n"
