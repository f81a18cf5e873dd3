"""Every command's help and usage errors, walked from the application itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer.main
from typer.core import TyperGroup

from sms20k.cli import app
from sms20k.cli.helptext import choices_of

from ..conftest import Invoke


def _walk(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app)))
LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, TyperGroup)]
IDS = [" ".join(path) or "sms20k" for path, _ in COMMANDS]
LEAF_IDS = [" ".join(path) for path, _ in LEAVES]
# Type labels typer prints (``<path>``, ``<list[str]>``), brace-wrapped arguments (``{ID}``)
# and doubled brackets (``[[REPO]]``).
LEAKS = re.compile(r"<[a-z][\w\[\]|, .]*>|\{[A-Za-z.]+\}|\[\[|list\[|\bstr\b|\bPath\b")


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_shows_no_implementation_types(invoke: Invoke, path: tuple[str, ...],
                                            command: object) -> None:
    out = invoke([*path, "--help"]).stdout
    leaks = LEAKS.findall(out)
    assert not leaks, f"{leaks} in the help of {' '.join(path)}:\n{out}"
    assert out.startswith(f"Usage: sms20k {' '.join(path)}".rstrip()), out


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=LEAF_IDS)
def test_every_choice_matches_in_any_case(path: tuple[str, ...], command: object) -> None:
    for param in command.params:  # type: ignore[attr-defined]
        if choices_of(param):
            assert not param.type_descriptor.case_sensitive, f"{path} {param.name}"


# The same name keeps its short form and meaning on every command that has it.
UNIFORM = {"--edition": "-e", "--format": "-f", "--output": "-o", "--quiet": "-q",
           "--checklists": None, "--as-of": None, "--max-file-size": None}
SAME_HELP = ("--edition", "--quiet", "--checklists", "--as-of", "--max-file-size")


def _options() -> Iterator[tuple[str, str, object]]:
    for path, command in LEAVES:
        for param in command.params:  # type: ignore[attr-defined]
            for name in param.opts:
                if name in UNIFORM:
                    yield " ".join(path), name, param


def test_shared_options_have_one_short_form_and_one_help() -> None:
    helps: dict[str, set[str]] = {name: set() for name in SAME_HELP}
    for where, name, param in _options():
        short = [o for o in param.opts if not o.startswith("--")]  # type: ignore[attr-defined]
        assert short == ([UNIFORM[name]] if UNIFORM[name] else []), f"{where} {name}: {short}"
        if name in helps:
            helps[name].add(param.help)  # type: ignore[attr-defined]
    for name, texts in helps.items():
        assert len(texts) == 1, f"{name} has {len(texts)} different helps: {texts}"


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=LEAF_IDS)
def test_every_command_has_quiet_and_json(path: tuple[str, ...], command: object) -> None:
    by_name = {o: p for p in command.params for o in p.opts}  # type: ignore[attr-defined]
    assert "-q" in by_name, f"{' '.join(path)} has no -q/--quiet"
    assert "-f" in by_name and "json" in (choices_of(by_name["-f"]) or []), \
        f"{' '.join(path)} has no -f json"


@pytest.mark.parametrize(("args", "expected"), [
    (["assess", "-f", "HTM"], "'HTM' is not one of html, md, json"),
    (["assess", "--edition", "2015"], "'2015' is not one of 2011, 2018"),
    (["validate", "--max-file-size", "0"], "'0' is out of range; give a number from 1 to"),
    (["validate", "--max-file-size", "99999999999999999999"], "out of range"),
    (["validate", "--max-file-size", "1k"], "'1k' is not a whole number"),
    (["assess", "--fail-under", "101"], "out of range; give a number from 0 to 100"),
    (["assess", "--fail-under", "many"], "'many' is not a number"),
    (["audit-plan", "--generic", "--days", "0"], "from 1 to 20"),
    (["schema", "reprot"], "'reprot' is not one of checklist, evidence, report"),
    (["--show-completion", "tcsh"], "'tcsh' is not one of bash, zsh, fish"),
])
def test_usage_errors_are_in_our_words(invoke: Invoke, args: list[str], expected: str) -> None:
    result = invoke(args, code=2)
    assert expected in result.stderr, result.stderr
    for phrase in ("Value error", "Input should", "pydantic", "Traceback"):
        assert phrase not in result.stderr, result.stderr


def test_a_typo_in_a_choice_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke(["show", "S07", "-f", "jsno"], code=2)
    assert "did you mean `json`?" in result.stderr, result.stderr


@pytest.mark.parametrize("args", [["show", "S07", "-f", "JSON"], ["clauses", "-e", "2011",
                                  "--format", "Json"], ["schema", "REPORT"]])
def test_choices_in_any_case(invoke: Invoke, args: list[str]) -> None:
    assert invoke(args).stdout.lstrip().startswith("{")


def test_usage_line_names_arguments_plainly(invoke: Invoke) -> None:
    assert "Usage: sms20k show [OPTIONS] ID\n" in invoke(["show", "-h"]).stdout
    assert "Usage: sms20k assess [OPTIONS] [REPO]\n" in invoke(["assess", "-h"]).stdout
    assert "Usage: sms20k lint-checklists [OPTIONS] DIR...\n" in invoke(
        ["lint-checklists", "-h"]).stdout
