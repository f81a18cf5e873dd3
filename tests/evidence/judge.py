"""A repository on the small fixture's checklists, judged through the CLI as of a date.

The judgement tests (date rules, applicability, verdicts, boundaries) write a manifest with
the entries, waivers and scope they need, then read what ``sms20k validate --format json``
and ``sms20k assess -f json`` print: the documented formats, which stay put while the
engine's internals move.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from sms20k.cli import app

from ..conftest import DATA

SMALL = DATA / "assess" / "small"
AS_OF = dt.date(2026, 11, 15)
APP = {"id": "app", "name": "App", "categories": ["SaaS"], "deployment_models": ["public"]}
INFRA = {"id": "infra", "name": "Infra", "categories": ["IaaS"],
         "deployment_models": ["private"]}
DOC = "docs/a.md"


def day(offset: int) -> dt.date:
    """AS_OF shifted by a number of days."""
    return AS_OF + dt.timedelta(days=offset)


def ref(**fields: Any) -> dict[str, Any]:
    """A path reference to the one document every repository has."""
    return {"path": DOC, "description": "Document A.", **fields}


def waiver(item: str, expires: dt.date, **fields: Any) -> dict[str, Any]:
    return {"item": item, "reason": "Being replaced.", "approved_by": "CEO",
            "approved": dt.date(2026, 1, 1), "expires": expires, **fields}


@dataclass
class Repo:
    root: Path
    entries: list[dict[str, Any]] = field(default_factory=list)
    waivers: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    exclusions: list[dict[str, str]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=lambda: [APP, INFRA])
    per_service: list[str] = field(default_factory=lambda: ["X02"])
    options: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, Any] | None = None
    checklists: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: dict[str, str] | None = None
    last_exit: int | None = None
    """The exit code of the last ``report()``: 1 when the repository has problems at error
    level (or a gate failed), 0 otherwise."""
    build: Callable[[Path], None] | None = None  # for what YAML cannot say (FIFOs, links)

    def write(self) -> Path:
        if self.root.exists():
            shutil.rmtree(self.root)
        shutil.copytree(SMALL / "checklists", self.root / "checklists")
        for name, scenario in self.checklists.items():
            (self.root / "checklists" / f"{name}.yaml").write_text(yaml.safe_dump(scenario))
        (self.root / "docs").mkdir()
        (self.root / DOC).write_text("# A\n")
        manifest: dict[str, Any] = {
            "version": 1, "organization": {"name": "Fixture Ltd"},
            "assessment": {"title": "Boundaries", "date": AS_OF, "assessor": "Tester"},
            "scope": {"role": "cloud-service-provider", "services": self.services,
                      "per_service": self.per_service},
            "exclusions": self.exclusions,
            "options": {"builtin_checklists": False, **self.options},
            "checklists": ["checklists"], "entries": self.entries, "waivers": self.waivers,
        }
        if self.actions:
            manifest["actions"] = self.actions
        if self.rules is not None:
            manifest["rules"] = self.rules
        (self.root / "sms20k.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
        if self.lock is not None:
            (self.root / "sms20k.lock.json").write_text(
                json.dumps({"version": 1, "files": self.lock}))
        if self.build is not None:
            self.build(self.root)
        return self.root

    def validate(self, as_of: dt.date = AS_OF) -> dict[str, Any]:
        """``sms20k validate --format json``: the validation view, with its exit code."""
        result = _cli(["validate", self.write(), "--format", "json",
                       "--as-of", as_of.isoformat()])
        assert result.exit_code in (0, 1), result.output
        view: dict[str, Any] = json.loads(result.stdout)
        view["exit"] = result.exit_code
        return view

    def validate_raw(self, as_of: dt.date = AS_OF) -> Any:
        """``sms20k validate`` as the CLI runner returns it, whatever its exit code."""
        return _cli(["validate", self.write(), "--as-of", as_of.isoformat()])

    def codes(self, as_of: dt.date = AS_OF) -> list[str]:
        return [f["code"] for f in self.validate(as_of)["findings"]]

    def report(self, as_of: dt.date = AS_OF) -> dict[str, Any]:
        """``sms20k assess -f json``: report.json as a dict."""
        out = self.root.parent / "out"
        result = _cli(["assess", self.write(), "-f", "json", "-o", out, "-q",
                       "--as-of", as_of.isoformat()])
        assert result.exit_code in (0, 1), result.output
        self.last_exit = result.exit_code
        report: dict[str, Any] = json.loads((out / "report.json").read_text())
        return report

    def result(self, item: str, service: str | None = None,
               as_of: dt.date = AS_OF) -> dict[str, Any]:
        return find(self.report(as_of), item, service)


def manifest_line(root: Path, text: str, after: int = 0) -> int:
    """The manifest's first line after line ``after`` that reads ``text``, stripped."""
    lines = (root / "sms20k.yaml").read_text().splitlines()
    return next(n for n, row in enumerate(lines, 1) if n > after and row.strip() == text)


def manifest_col(root: Path, line: int, text: str) -> int:
    """The column where ``text`` starts on a line of the manifest."""
    return (root / "sms20k.yaml").read_text().splitlines()[line - 1].index(text) + 1


def find(report: dict[str, Any], item: str, service: str | None = None) -> dict[str, Any]:
    found = [r for r in report["results"] if r["item"] == item and r["service"] == service]
    assert len(found) == 1, f"{len(found)} results for {item} {service}"
    return found[0]


def verdict(result: dict[str, Any]) -> tuple[str, str | None, list[str]]:
    return result["result"], result["finding_class"], result["reasons"]


def _cli(args: list[Any]) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args],
                              env={"GITHUB_ACTIONS": None, "SOURCE_DATE_EPOCH": None})
