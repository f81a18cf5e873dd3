"""main() builds only the command it runs; help, typos and completion still see them all."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from sms20k.cli import app
from sms20k.cli.application import narrowed
from sms20k.cli.completion import COMPLETE_VAR

ALL = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def built(args: list[str]) -> list[str]:
    return sorted(get_command(narrowed(app, args)).commands)  # type: ignore[attr-defined]


def test_every_command_is_reachable() -> None:
    assert {"assess", "validate", "lint-checklists", "audit-plan", "import", "export"} <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_a_command_builds_only_itself(name: str) -> None:
    assert built([name, "--help"]) == [name]
    assert built(["--debug", name]) == [name]


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"], ["validat"], ["--debug"],
                                  ["--show-completion", "zsh"], ["--version", "--help"],
                                  ["--help", "validate"], ["-h", "assess", "x"],
                                  ["--debug", "--help", "export"]])
def test_without_a_known_command_every_command_is_built(args: list[str]) -> None:
    assert narrowed(app, args) is app


def test_version_alone_builds_no_command() -> None:
    assert built(["--version"]) == []


def test_completion_requests_see_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(COMPLETE_VAR, "complete_bash")
    assert narrowed(app, ["validate"]) is app


def test_the_application_itself_is_not_changed() -> None:
    before = list(app.registered_commands)
    only = narrowed(app, ["validate"])
    assert isinstance(only, typer.Typer) and only is not app
    assert app.registered_commands == before and len(before) > 1


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sms20k", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def test_a_typo_is_still_told_the_near_command() -> None:
    done = run("validat")
    assert done.returncode == 2, done
    assert "Did you mean 'validate'?" in done.stderr, done.stderr


@pytest.mark.parametrize("args", [["validate", "--help"], ["export", "--help"],
                                  ["assess", "--no-such-option"], ["show"],
                                  ["--help", "validate"], ["--version", "validate"]])
def test_output_is_the_same_as_from_the_whole_application(args: list[str]) -> None:
    runner = CliRunner()
    whole = runner.invoke(app, args, prog_name="sms20k")
    only = runner.invoke(narrowed(app, args), args, prog_name="sms20k")
    assert (only.exit_code, only.stdout, only.stderr) == (
        whole.exit_code, whole.stdout, whole.stderr), (only.output, whole.output)
    assert whole.stdout or whole.stderr


def test_version_and_top_level_help() -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("sms20k "), version
    top = run("--help")
    assert top.returncode == 0, top.stderr
    for name in ("assess", "validate", "lint-checklists", "export"):
        assert name in top.stdout, top.stdout
