"""Commands that browse the checklists: scenarios, show, clauses, catalog, lint, schema."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli import completion
from sms20k.cli.application import (
    Checklists,
    Edition,
    EditionChoice,
    FormatChoice,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import emit, write

if TYPE_CHECKING:
    ScenariosFormat: TypeAlias = FormatChoice
    ShowFormat: TypeAlias = FormatChoice
    ClausesFormat: TypeAlias = FormatChoice
    MatrixFormat: TypeAlias = FormatChoice
    CatalogFormat: TypeAlias = FormatChoice
else:
    ScenariosFormat = choices("ScenariosFormat", "scenarios")
    ShowFormat = choices("ShowFormat", "scenario", "item", "clause")
    ClausesFormat = choices("ClausesFormat", "clauses")
    MatrixFormat = choices("MatrixFormat", "matrix")
    CatalogFormat = choices("CatalogFormat", "catalog")

FORMAT = format_option()


class SchemaKind(str, Enum):
    checklist = "checklist"
    evidence = "evidence"
    report = "report"


@command()
@handle_errors
def scenarios(
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ScenariosFormat, FORMAT] = ScenariosFormat("text"),
) -> None:
    """List the scenarios with their TR 20000-9 section and item count."""
    from sms20k.checklists.browse import scenario_list
    from sms20k.checklists.loader import load_catalog

    emit(scenario_list(load_catalog(checklists)), fmt.value)


@command()
@handle_errors
def show(
    ref: Annotated[str, typer.Argument(metavar="ID", autocompletion=completion.ids,
                                       help="A scenario (S07), item (S07.03) or clause "
                                       "(8.3.3 of the 2018 edition, or 2011:6.1).")],
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ShowFormat, FORMAT] = ShowFormat("text"),
) -> None:
    """Show one scenario, item, or clause with every item mapped to it."""
    from sms20k.checklists.browse import show as show_view
    from sms20k.checklists.loader import load_catalog

    emit(show_view(load_catalog(checklists), ref), fmt.value)


@command()
@handle_errors
def clauses(
    edition: Edition = EditionChoice.e2018,
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ClausesFormat, FORMAT] = ClausesFormat("text"),
) -> None:
    """Show the clause tree with the number of items mapped to each clause."""
    from sms20k.checklists.browse import clause_tree
    from sms20k.checklists.loader import load_catalog

    emit(clause_tree(load_catalog(checklists), edition.value), fmt.value)


@command()
@handle_errors
def matrix(
    edition: Edition = EditionChoice.e2018,
    fmt: Annotated[MatrixFormat, FORMAT] = MatrixFormat("text"),
    checklists: Checklists = [],  # noqa: B006
) -> None:
    """Show the scenario x clause matrix: how many items of each scenario serve each clause."""
    from sms20k.checklists.browse import matrix as matrix_view
    from sms20k.checklists.loader import load_catalog

    emit(matrix_view(load_catalog(checklists), edition.value), fmt.value)


@command()
@handle_errors
def catalog(
    fmt: Annotated[CatalogFormat, FORMAT] = CatalogFormat("md"),
    checklists: Checklists = [],  # noqa: B006
) -> None:
    """Print the whole checklist catalog; Markdown is a printable audit checklist."""
    from sms20k.checklists.browse import catalog_view
    from sms20k.checklists.loader import load_catalog

    emit(catalog_view(load_catalog(checklists)), fmt.value)


@command("lint-checklists")
@handle_errors
def lint_checklists(
    directories: Annotated[list[Path], typer.Argument(metavar="DIR",
                                                      help="Directories of checklist files.")],
) -> None:
    """Validate your own checklist files (exit 0 when valid, 2 with file:line messages)."""
    from sms20k.checklists.files import scenario_files
    from sms20k.checklists.loader import load_catalog
    from sms20k.formats.text import plural

    catalog = load_catalog(directories)
    files = {str(path) for d in directories for path in scenario_files(d)[0]}
    linted = [s for s in catalog.scenarios if s.source in files]
    items = sum(len(s.scenario.items) for s in linted)
    write(f"{plural(len(linted), 'checklist file', 'checklist files')}, "
          f"{plural(items, 'item', 'items')}: valid\n")


@command()
@handle_errors
def schema(kind: Annotated[SchemaKind, typer.Argument(metavar="KIND", case_sensitive=False,
                                                      help="Which format.")]) -> None:
    """Print the JSON Schema of a file format, for editors and other tools."""
    from sms20k.export.schemas import render_schema

    write(render_schema(kind.value))
