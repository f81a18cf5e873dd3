"""OSCAL assessment results of a format-2 repository: not-assessed results are no findings,
repository problems are told apart, and the document-control observation is an audit finding.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trestle.oscal.assessment_results import AssessmentResults

from ..conftest import Invoke
from ..formats.test_machine_format2 import build


def _props(node: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in node.get("props", []) if p["name"] == name]


def test_format2_results(invoke: Invoke, tmp_path: Path) -> None:
    repo = build(tmp_path)
    out = tmp_path / "oscal"
    invoke(["export", "oscal", repo, "-o", out, "--as-of", "2026-11-15"])
    assert AssessmentResults.oscal_read(out / "assessment-results.json") is not None
    doc = json.loads((out / "assessment-results.json").read_text(encoding="utf-8"))
    result = doc["assessment-results"]["results"][0]
    findings = result["findings"]
    # No finding for a result nobody assessed, whatever its level.
    items = {tuple(_props(f, "item") + _props(f, "service")) for f in findings
             if _props(f, "finding-level") == ["item"]}
    assert ("X02.01", "app") not in items and not [i for i in items if i[0].startswith("X03")]
    (dc,) = [f for f in findings if _props(f, "finding-kind") == ["document-control"]]
    assert _props(dc, "finding-class") == ["observation"]
    assert _props(dc["target"], "iso20000-1-2018-clause") == ["7.5.3"]
    assert dc["target"]["target-id"] == "x01.01_obj"
    assert "docs/export-procedure.md changed after it was approved" in dc["description"]
    selection = result["reviewed-controls"]["control-selections"][0]
    assert _props(selection, "not-assessed") == ["X02.01 (app)", "X03.01", "X03.02", "X03.03"]
    included = [c["control-id"] for c in selection["include-controls"]]
    assert "x02.01" in included, "assessed for infra"
    # The typo's result is observed (it lists evidence) with the problem named as the
    # repository's, never as an audit finding.
    app = next(o for o in result["observations"]
               if _props(o, "item") == ["X02.01"] and _props(o, "service") == ["app"])
    assert _props(app, "result") == ["not-assessed"]
    assert "Problems of the evidence repository (not audit findings):" in app["description"]
    assert "REF_MISSING" in app["description"]
