"""Hostile inputs that once ended in an internal error (exit 3): overflowing durations and
runaway or undecodable user templates. Each must now be an expected error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sms20k.cli import app

from ..conftest import DATA

BASIC = DATA / "evidence" / "valid" / "basic"
AS_OF = "2026-11-29"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    target = tmp_path / "repo"
    shutil.copytree(BASIC, target)
    (target / "expected.txt").unlink()
    return target


def _no_internal_error(args: list[str | Path]) -> None:
    result = CliRunner().invoke(app, [str(a) for a in args])
    output = result.stdout + result.stderr
    assert "internal error" not in output, output
    assert result.exit_code in (0, 1, 2), output


def test_huge_max_evidence_age(repo: Path) -> None:
    manifest = repo / "sms20k.yaml"
    manifest.write_text(manifest.read_text().replace("max_evidence_age: P2Y",
                                                     "max_evidence_age: P9999999999W"))
    # An item the catalog does not know has no cadence, so max_evidence_age is its limit.
    (repo / "evidence" / "entries.yaml").write_text(
        "entries:\n  - item: S99.99\n    status: planned\n    evidence:\n"
        "      - url: https://example.com/x\n        description: x\n"
        "        approved: 2000-01-01\n")
    _no_internal_error(["validate", repo, "--as-of", AS_OF])


def _template_refused(repo: Path, tmp_path: Path, template: Path, line: int | None) -> str:
    result = CliRunner().invoke(app, [str(a) for a in [
        "assess", repo, "--as-of", AS_OF, "-q", "--template", template, "-o", tmp_path / "out"]])
    output = result.stdout + result.stderr
    where = f"{template}:{line}:" if line else f"{template}:"
    assert result.exit_code == 2, output
    assert f"{where} [error] template error" in result.stderr, output
    assert "Traceback" not in output and "internal error" not in output, output
    return output


@pytest.mark.parametrize("text", [
    "{% for i in range(10**10) %}x{% endfor %}",
    "{{ range(10**100)|list }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**10 }}",
    "{{ 10 ** 100000000 }}",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "{% for i in range(100) %}{{ 'x' * 10**7 }}{% endfor %}",
], ids=["range", "astronomic-range", "nested-loops", "string", "power", "recursion",
        "output"])
def test_runaway_template(repo: Path, tmp_path: Path, text: str) -> None:
    template = tmp_path / "t.md.j2"
    template.write_text("ok\n" + text)
    output = _template_refused(repo, tmp_path, template, 2)
    assert "over the limit" in output or "more than" in output, output


def test_template_that_is_not_utf8(repo: Path, tmp_path: Path) -> None:
    template = tmp_path / "t.md.j2"
    template.write_bytes(b"\xff\xfe{{ report }}")
    assert "not UTF-8" in _template_refused(repo, tmp_path, template, None)
