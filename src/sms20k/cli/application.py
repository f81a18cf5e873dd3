"""The typer application, its global options and the option types commands share."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from sms20k import __version__
from sms20k.cli.errors import STATE
from sms20k.cli.output import write
from sms20k.formats import offered

app = typer.Typer(
    name="sms20k",
    help="ISO/IEC 20000-1 gap assessments of cloud services (ISO/IEC TR 20000-9 scenarios).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
    = False,
) -> None:
    """ISO/IEC 20000-1 gap assessments of cloud services."""
    STATE.debug = debug


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE",
                 help="Judge ages, future dates and expiry as of this date (YYYY-MM-DD, or "
                 "`today` for the UTC date); default: the manifest's assessment.date."),
]
# Files are read whole into memory, so a larger limit would only move the failure; an
# unbounded one overflowed the read size (OverflowError, exit 3).
MAX_FILE_SIZE = 4 * 1024**3
MaxFileSize = Annotated[
    int,
    typer.Option("--max-file-size", metavar="BYTES", min=1, max=MAX_FILE_SIZE,
                 help="Refuse YAML files larger than this."),
]
RepoArg = Annotated[
    Path,
    typer.Argument(metavar="[REPO]", help="Evidence repository or its sms20k.yaml."),
]
