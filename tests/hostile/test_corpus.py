"""The hostile-input corpus: every case under corpus/<case>/ through the CLI.

A case is a directory with a ``case.yaml``:

``description``
    what is hostile about it
``command`` (default ``[validate]``), ``args`` (``{out}`` is a fresh output directory),
``target`` (the REPO argument, relative to the repository, ``{repo}`` for its absolute
path; default ``.``)
``base``
    ``basic`` (default: start from tests/data/evidence/valid/basic) or ``none``
``build``
    a builder in builders.py for what git cannot store (FIFOs, symlinks, big files)
``skip_if_root``
    why the case needs file modes to bind (permission cases): it is built and run through
    the ``unprivileged`` fixture, as nobody when the tests run as root (the name is older
    than that fixture; such cases are no longer skipped)
``exit``, ``file``, ``line`` (optional), ``message``
    the expected exit code, and one output line that starts with ``file:line:`` (or
    ``file:`` when there is no line) and contains ``message``

The repository is built in tmp_path (``repo/`` overlays the base), the test changes into
it so file names print relative, and runs the command with ``--as-of 2026-11-29`` where
the command takes it. Work is bounded structurally, not by wall-clock: sms20k refuses
alias bombs instead of expanding them, stops nesting at libyaml's 1000 levels, refuses
oversized files from their size, never opens FIFOs (builders.py adds a watchdog that would
turn a hang into a failure) and globs each directory once per pattern position.
"""

from __future__ import annotations

import shutil
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..conftest import DATA, Invoke, Unprivileged
from .builders import BUILDERS, Context, run_cleanups

CORPUS = Path(__file__).parent / "corpus"
BASIC = DATA / "evidence" / "valid" / "basic"
AS_OF = "2026-11-29"
TAKES_AS_OF = {"validate", "assess", "export"}
CASES = sorted(p for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


@dataclass
class Case:
    description: str
    exit: int
    file: str
    message: str
    line: int | None = None
    command: list[str] = field(default_factory=lambda: ["validate"])
    args: list[str] = field(default_factory=list)
    target: str = "."
    base: str = "basic"
    build: str | None = None
    skip_if_root: str | None = None


def load_case(directory: Path) -> Case:
    data: dict[str, Any] = yaml.safe_load((directory / "case.yaml").read_text(encoding="utf-8"))
    return Case(**data)


def build_repository(case_dir: Path, case: Case, tmp_path: Path) -> Context:
    repo = tmp_path / "repo"
    if case.base == "basic":
        shutil.copytree(BASIC, repo)
        (repo / "expected.txt").unlink()
    else:
        assert case.base == "none", f"unknown base {case.base!r}"
        repo.mkdir()
    if (case_dir / "repo").is_dir():
        shutil.copytree(case_dir / "repo", repo, dirs_exist_ok=True)
    ctx = Context(repo=repo, tmp=tmp_path)
    if case.build:
        BUILDERS[case.build](ctx)
    return ctx


@pytest.mark.parametrize("case_dir", CASES, ids=lambda p: p.name)
def test_hostile_case(case_dir: Path, invoke: Invoke, tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch,
                      unprivileged: Unprivileged) -> None:
    case = load_case(case_dir)
    if case.skip_if_root:
        tmp_path = unprivileged.base
    ctx = build_repository(case_dir, case, tmp_path)
    try:
        monkeypatch.chdir(ctx.repo)
        args = [*case.command, case.target.replace("{repo}", str(ctx.repo))]
        if case.command[0] in TAKES_AS_OF:
            args += ["--as-of", AS_OF]
        args += [arg.replace("{out}", str(tmp_path / "out")) for arg in case.args]
        with unprivileged.dropped() if case.skip_if_root else nullcontext():
            result = invoke(args, code=case.exit)
    finally:
        run_cleanups(ctx)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "internal error" not in output
    where = f"{case.file}:{case.line}:" if case.line is not None else f"{case.file}:"
    lines = output.splitlines()
    assert any(line.startswith(where) and case.message in line for line in lines), (
        f"no line starts with {where!r} and contains {case.message!r}:\n{output}")
    if case.exit == 2:
        assert "[error]" in output


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 50
    for case_dir in CASES:
        case = load_case(case_dir)
        assert case.description
        assert case.exit in (0, 1, 2), case_dir.name
        assert case.build is None or case.build in BUILDERS, case_dir.name
        assert case.build or case.args or (case_dir / "repo").is_dir(), case_dir.name
