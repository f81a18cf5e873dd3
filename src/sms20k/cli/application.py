"""The typer application, its global options and the option types commands share."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from sms20k import __version__
from sms20k.cli import completion
from sms20k.cli.errors import STATE
from sms20k.cli.helptext import Command, Group
from sms20k.cli.output import write
from sms20k.formats import offered


class _Group(Group):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, completion.with_shell(args))


app = typer.Typer(
    name="sms20k",
    cls=_Group,
    add_completion=False,
    help="ISO/IEC 20000-1 gap assessments of cloud services (ISO/IEC TR 20000-9 scenarios).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


F = TypeVar("F", bound=Callable[..., Any])


def narrowed(application: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """``application`` with only the command ``args`` run, when they name one.

    typer builds every command's options from its signature before it parses anything: for
    17 commands that was a tenth of ``sms20k validate`` on a small repository. Help, unknown
    names (typer suggests the near ones) and completion requests keep every command;
    ``--version`` alone needs none.
    """
    if completion.COMPLETE_VAR in os.environ:
        return application
    at = next((n for n, arg in enumerate(args) if not arg.startswith("-")), len(args))
    if {"-h", "--help"} & set(args[:at]):  # help of the application, e.g. --help validate
        return application
    name = args[at] if at < len(args) else None
    if name is None:
        if "--version" not in args:
            return application
        commands, groups = [], []  # --version exits while the options are parsed
    else:
        commands = [c for c in application.registered_commands if _command_name(c) == name]
        groups = [g for g in application.registered_groups if g.name == name]
        if not commands and not groups:
            return application
    only = copy.copy(application)
    only.registered_commands, only.registered_groups = commands, groups
    return only


def _command_name(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    return typer.main.get_command_name(info.callback.__name__) if info.callback else None


def command(name: str | None = None, *,
            group: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command (on ``group``, else the application) with sms20k's help text."""
    register: Callable[[F], F] = (group or app).command(name, cls=Command)
    return register


class FormatChoice(str, Enum):
    """A command's ``--format`` values; ``choices`` makes one from the format registry."""


def choices(name: str, *kinds: str) -> type[FormatChoice]:
    """The formats that render every kind of view a command shows (sms20k.formats.offered).

    Commands declare ``X = FormatChoice`` for the type checker and ``X = choices(...)`` at run
    time: typer needs the members, which exist only once the registry is read.
    """
    names = [(fmt, fmt) for fmt in offered(*kinds)]
    made: type[FormatChoice] = FormatChoice(name, names, module=__name__)  # type: ignore[call-overload]
    return made


class EditionChoice(str, Enum):
    e2011 = "2011"
    e2018 = "2018"


def format_option(help: str = "Output format.") -> Any:
    """``-f/--format``, the same on every command; values match in any case."""
    return typer.Option("--format", "-f", metavar="FORMAT", case_sensitive=False, help=help)


Edition = Annotated[
    EditionChoice,
    typer.Option("--edition", "-e", metavar="EDITION", case_sensitive=False,
                 help="Clause numbering: 2018, the edition certification audits cite, or "
                 "2011, the basis of ISO/IEC TR 20000-9."),
]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q",
                 help="Print no text output and no progress: only problems (on stderr), and "
                 "the files and machine formats asked for."),
]

Checklists = Annotated[
    list[Path],
    typer.Option("--checklists", metavar="DIR",
                 help="Directory of your own checklist files, added to the built-in ones. "
                 "Repeatable."),
]


def _version(value: bool) -> None:
    if value:
        write(f"sms20k {__version__}\n")
        raise typer.Exit()


def _show_completion(ctx: typer.Context, value: completion.Shell | None) -> None:
    if value is not None:
        write(completion.script(value.value, ctx.find_root().command))
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: completion.Shell | None) -> None:
    if value is not None:
        path = completion.install(value.value, ctx.find_root().command)
        write(f"{value.value} completion installed in {path}; it takes effect in a new shell\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
    = False,
    install_completion: Annotated[completion.Shell | None, typer.Option(
        "--install-completion", metavar="[SHELL]", callback=_install_completion, is_eager=True,
        case_sensitive=False, expose_value=False,
        help="Install completion for bash, zsh or fish (default: the current shell).")] = None,
    show_completion: Annotated[completion.Shell | None, typer.Option(
        "--show-completion", metavar="[SHELL]", callback=_show_completion, is_eager=True,
        case_sensitive=False, expose_value=False,
        help="Print the completion script for bash, zsh or fish (default: the current "
        "shell).")] = None,
) -> None:
    """ISO/IEC 20000-1 gap assessments of cloud services."""
    STATE.debug = debug


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE",
                 help="Judge ages, future dates and expiry as of this date (YYYY-MM-DD, or "
                 "`today` for today's UTC date); default: the assessment date in sms20k.yaml, "
                 "so the same inputs give the same output."),
]
# Files are read whole into memory, so a larger limit would only move the failure; an
# unbounded one overflowed the read size (OverflowError, exit 3).
MAX_FILE_SIZE = 4 * 1024**3
# yamlio.DEFAULT_MAX_BYTES, written out so that loading the command line does not load the
# YAML library (tests/cli/test_startup.py checks that the two agree).
DEFAULT_FILE_SIZE = 64 * 1024**2
MaxFileSize = Annotated[
    int,
    typer.Option("--max-file-size", metavar="BYTES", min=1, max=MAX_FILE_SIZE,
                 help="Refuse YAML files larger than this."),
]
PathPrefix = Annotated[
    str | None,
    typer.Option("--path-prefix", metavar="PREFIX",
                 help="Write paths in the CI formats (sarif, codequality, github, junit) as "
                 "PREFIX joined to the path inside the evidence repository; default: relative "
                 "to the root of the git work tree that holds it (docs/ci.md#paths)."),
]
JunitLocations = Annotated[
    bool,
    typer.Option("--junit-locations",
                 help="Give each JUnit test case file and line attributes, which GitHub's "
                 "JUnit actions read and the Jenkins xUnit schema forbids (docs/ci.md)."),
]
RepoArg = Annotated[
    Path,
    typer.Argument(metavar="REPO", help="Evidence repository or its sms20k.yaml."),
]
