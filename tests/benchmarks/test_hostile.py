"""benchmarks/hostile.py: each input of the growth case holds N of what it is named for, and
sms20k answers it with the exit code growth.py expects (so the case times the hostile part,
not an early refusal)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sms20k.cli import app

from .conftest import bench_module

growth = bench_module("growth")
hostile = bench_module("hostile")

AS_OF = "2026-11-15"


def _run(kind: str, repo: Path, out: Path) -> tuple[int, str, str]:
    if kind == "services":
        args = ["assess", str(repo), "--as-of", AS_OF, "-f", "json", "-o", str(out), "-q"]
    else:
        args = ["validate", str(repo), "--as-of", AS_OF, "-f", "json"]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def _count(kind: str, stdout: str, stderr: str, out: Path) -> int:
    """How many of the hostile things sms20k saw."""
    if kind == "services":
        results = json.loads((out / "report.json").read_text(encoding="utf-8"))["results"]
        return len({r["service"] for r in results if r.get("service")})
    if kind == "unknown-ids":
        return sum(f["code"] == "UNKNOWN_ITEM" for f in json.loads(stdout)["findings"])
    # Refused (exit 2): the problems are on stderr as text, one a line.
    code = {"unknown-keys": "SCHEMA", "include-patterns": "INCLUDE_EMPTY"}[kind]
    return stderr.count(f"] {code} ")


@pytest.mark.parametrize("kind", [k.name for k in growth.KINDS])
def test_each_input_grows_with_n(kind: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    [spec] = [k for k in growth.KINDS if k.name == kind]
    for n in (3, 6):
        repo, out = tmp_path / f"{kind}-{n}", tmp_path / f"out-{n}"
        hostile.write(kind, n, repo)
        code, stdout, stderr = _run(kind, repo, out)
        assert code in spec.exits, stdout + stderr
        assert _count(kind, stdout, stderr, out) == n, stdout + stderr
