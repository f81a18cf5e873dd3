from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess

from ..conftest import DATA

SMALL = DATA / "assess" / "small"
MakeReport = Callable[..., Report]


@pytest.fixture
def make_report(tmp_path: Path) -> MakeReport:
    """Assess a repository built from the small fixture's checklists and the given entries."""

    def build(entries: list[dict[str, Any]], *, waivers: list[dict[str, Any]] | None = None,
              exclusions: list[dict[str, str]] | None = None,
              rules: dict[str, Any] | None = None, docs: dict[str, str] | None = None) -> Report:
        root = tmp_path / "repo"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(SMALL / "checklists", root / "checklists")
        for name, text in (docs or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        manifest: dict[str, Any] = yaml.safe_load((SMALL / "sms20k.yaml").read_text())
        manifest["waivers"] = waivers or []
        manifest["exclusions"] = exclusions or []
        manifest["include"] = []
        manifest["entries"] = entries
        if rules is not None:
            manifest["rules"] = rules
        (root / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
        return assess(root).report

    return build
