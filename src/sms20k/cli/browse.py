"""Commands that browse the checklists: scenarios, show, clauses, catalog, lint, schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli import completion
from sms20k.cli.application import (
    Checklists,
    Edition,
    EditionChoice,
    FormatChoice,
    Quiet,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import emit, write
from sms20k.cli.output_schemas import OUTPUTS, render_output_schema

if TYPE_CHECKING:
    ScenariosFormat: TypeAlias = FormatChoice
    ShowFormat: TypeAlias = FormatChoice
    ClausesFormat: TypeAlias = FormatChoice
    MatrixFormat: TypeAlias = FormatChoice
    CatalogFormat: TypeAlias = FormatChoice
    LintFormat: TypeAlias = FormatChoice
    SchemaFormat: TypeAlias = FormatChoice
else:
    ScenariosFormat = choices("ScenariosFormat", "scenarios")
    ShowFormat = choices("ShowFormat", "scenario", "item", "clause")
    ClausesFormat = choices("ClausesFormat", "clauses")
    MatrixFormat = choices("MatrixFormat", "matrix")
    CatalogFormat = choices("CatalogFormat", "catalog")
    LintFormat = choices("LintFormat", "lint")
    SchemaFormat = FormatChoice("SchemaFormat", [("json", "json")], module=__name__)

FORMAT = format_option()


FILE_FORMATS = ("checklist", "evidence", "report")
if TYPE_CHECKING:
    SchemaKind: TypeAlias = FormatChoice
else:
    SchemaKind = FormatChoice("SchemaKind", [(k, k) for k in (*FILE_FORMATS, *OUTPUTS)],
                              module=__name__)


@command()
@handle_errors
def scenarios(
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ScenariosFormat, FORMAT] = ScenariosFormat("text"),
    quiet: Quiet = False,
) -> None:
    """List the scenarios with their TR 20000-9 section and item count."""
    from sms20k.checklists.browse import scenario_list
    from sms20k.checklists.loader import load_catalog

    emit(scenario_list(load_catalog(checklists)), fmt.value, quiet=quiet)


@command()
@handle_errors
def show(
    ref: Annotated[str, typer.Argument(metavar="ID", autocompletion=completion.ids,
                                       help="A scenario (S07), item (S07.03) or clause "
                                       "(8.3.3 of the 2018 edition, or 2011:6.1).")],
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ShowFormat, FORMAT] = ShowFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Show one scenario, item, or clause with every item mapped to it."""
    from sms20k.checklists.browse import show as show_view
    from sms20k.checklists.loader import load_catalog

    emit(show_view(load_catalog(checklists), ref), fmt.value, quiet=quiet)


@command()
@handle_errors
def clauses(
    edition: Edition = EditionChoice.e2018,
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ClausesFormat, FORMAT] = ClausesFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Show the clause tree with the number of items mapped to each clause."""
    from sms20k.checklists.browse import clause_tree
    from sms20k.checklists.loader import load_catalog

    emit(clause_tree(load_catalog(checklists), edition.value), fmt.value, quiet=quiet)


@command()
@handle_errors
def matrix(
    edition: Edition = EditionChoice.e2018,
    fmt: Annotated[MatrixFormat, FORMAT] = MatrixFormat("text"),
    quiet: Quiet = False,
    checklists: Checklists = [],  # noqa: B006
) -> None:
    """Show the scenario x clause matrix: how many items of each scenario serve each clause."""
    from sms20k.checklists.browse import matrix as matrix_view
    from sms20k.checklists.loader import load_catalog

    emit(matrix_view(load_catalog(checklists), edition.value), fmt.value, quiet=quiet)


@command()
@handle_errors
def catalog(
    fmt: Annotated[CatalogFormat, FORMAT] = CatalogFormat("md"),
    quiet: Quiet = False,
    checklists: Checklists = [],  # noqa: B006
) -> None:
    """Print the whole checklist catalog; Markdown is a printable audit checklist."""
    from sms20k.checklists.browse import catalog_view
    from sms20k.checklists.loader import load_catalog

    emit(catalog_view(load_catalog(checklists)), fmt.value, quiet=quiet)


@command("lint-checklists")
@handle_errors
def lint_checklists(
    directories: Annotated[list[Path], typer.Argument(metavar="DIR",
                                                      help="Directories of checklist files.")],
    fmt: Annotated[LintFormat, FORMAT] = LintFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Validate your own checklist files (exit 0 when valid, 2 with file:line messages)."""
    from sms20k.checklists.files import scenario_files
    from sms20k.checklists.lint_view import LintView
    from sms20k.checklists.loader import load_catalog
    from sms20k.errors import ProblemsError

    shown = [str(d) for d in directories]
    try:
        catalog = load_catalog(directories)
    except ProblemsError as exc:
        if fmt.value != "text":  # the machine output is written either way; the exit stays 2
            files = len({f.path for f in exc.findings})
            emit(LintView(directories=shown, checklist_files=files, items=0, valid=False,
                          problems=list(exc.findings)), fmt.value)
        raise
    paths = {str(path) for d in directories for path in scenario_files(d)[0]}
    linted = [s for s in catalog.scenarios if s.source in paths]
    items = sum(len(s.scenario.items) for s in linted)
    emit(LintView(directories=shown, checklist_files=len(linted), items=items, valid=True,
                  problems=[]), fmt.value, quiet=quiet)


@command()
@handle_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", case_sensitive=False,
                                               help="A file format, or a command whose JSON "
                                               "output to describe.")],
    fmt: Annotated[SchemaFormat, FORMAT] = SchemaFormat("json"),
    quiet: Quiet = False,
) -> None:
    """Print the JSON Schema of a file format, for editors and other tools."""
    if kind.value in OUTPUTS:
        write(render_output_schema(kind.value))
    else:
        from sms20k.export.schemas import render_schema

        write(render_schema(kind.value))
