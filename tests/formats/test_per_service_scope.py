"""``scope.per_service`` may name scenarios or single items; every report format shows both."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..conftest import Invoke

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
FILE_FORMATS = ("html", "md", "json", "csv", "sarif", "junit", "codequality")


@pytest.mark.parametrize("per_service", ["[S08, S09, S10.03]", "[S10.03]", "[S09, S10]"])
def test_every_format_renders_item_and_scenario_level_per_service(
        tmp_path: Path, invoke: Invoke, per_service: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    manifest = repo / "sms20k.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert "  per_service: [S09, S10, S08.03]\n" in text
    manifest.write_text(text.replace("  per_service: [S09, S10, S08.03]\n",
                                     f"  per_service: {per_service}\n"), encoding="utf-8")
    out = tmp_path / "out"
    # Entries that name a service the new per_service no longer expects are repository
    # problems (exit 1); --allow-invalid keeps the exit at 0 so only rendering is tested.
    args = ["assess", repo, "-o", out, "--allow-invalid"]
    for name in FILE_FORMATS:
        args += ["-f", name]
    invoke(args)  # no --fail-on and no policy gate: findings alone exit 0
    html = (out / "report.html").read_text(encoding="utf-8")
    if "S10.03" in per_service:
        assert "<li><strong>S10.03</strong> Per-tenant service reports</li>" in html
    if "S09" in per_service:
        assert "<li><strong>S09</strong> " in html
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["scope"]["per_service"] == per_service.strip("[]").split(", ")
    for name in ("report.md", "report.csv", "report.sarif", "report.junit.xml",
                 "report.codequality.json"):
        assert (out / name).stat().st_size > 0, name
