"""Commands that export assessments to other tools (OSCAL)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli.application import (
    DEFAULT_FILE_SIZE,
    AsOf,
    Checklists,
    FormatChoice,
    MaxFileSize,
    Quiet,
    RepoArg,
    app,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.helptext import Group
from sms20k.cli.output import deliver, emit

if TYPE_CHECKING:
    OscalFormat: TypeAlias = FormatChoice
    ActionFormat: TypeAlias = FormatChoice
else:
    OscalFormat = choices("OscalFormat", "export-oscal")
    ActionFormat = choices("ActionFormat", "action-plan")

export_app = typer.Typer(
    cls=Group,
    help="Export the checklists and assessments for other tools.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app, name="export")


@command(group=export_app)
@handle_errors
def oscal(
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                         help="Directory for catalog.json, profile.json, "
                                         "ssp.json, assessment-plan.json and "
                                         "assessment-results.json.")],
    repo: RepoArg = Path(),
    checklists: Checklists = [],  # noqa: B006
    as_of: AsOf = None,
    catalog_only: Annotated[bool, typer.Option(
        "--catalog-only", help="Write only catalog.json; no repository is read.")] = False,
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    fmt: Annotated[OscalFormat, format_option()] = OscalFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Write the checklists and the assessment as the OSCAL chain: catalog, profile, system
    security plan, assessment plan and assessment results, each importing the one before.

    The as-of date is chosen as for `sms20k assess`; the same inputs always give
    byte-identical files. See docs/oscal.md for the mapping and for importing into trestle.
    """
    from sms20k.asof import parse_date
    from sms20k.atomic import write_all
    from sms20k.cli.progress import HashProgress
    from sms20k.export.oscal import oscal_documents
    from sms20k.export.oscal_view import OscalExportView, WrittenDocument
    from sms20k.outputs import check_output_dir

    check_output_dir(output)
    with HashProgress(quiet=quiet) as progress:
        documents = oscal_documents(output, None if catalog_only else repo, checklists,
                                    as_of=None if as_of is None else parse_date(as_of),
                                    max_bytes=max_file_size, progress=progress)
    write_all([(doc.path, doc.data) for doc in documents], parents=True)
    emit(OscalExportView(documents=[WrittenDocument(path=str(doc.path), summary=doc.summary)
                                    for doc in documents]), fmt.value, quiet=quiet)




@command(group=export_app)
@handle_errors
def actions(
    repo: RepoArg = Path(),
    fmt: Annotated[ActionFormat, format_option()] =
    ActionFormat("md"),
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    checklists: Checklists = [],  # noqa: B006
    as_of: AsOf = None,
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    quiet: Quiet = False,
) -> None:
    """The corrective action plan: the actions recorded under `actions:`, and each major or
    minor nonconformity that has none, worst grade first, then by due date, with overdue
    actions flagged as of the assessment date (or --as-of)."""
    from sms20k.asof import parse_date
    from sms20k.assessment.action_plan import plan_view
    from sms20k.assessment.run import assess
    from sms20k.cli.progress import HashProgress
    from sms20k.formats import get_renderer
    from sms20k.formats.interface import RenderOptions

    with HashProgress(quiet=quiet) as progress:
        result = assess(repo, checklists, as_of=None if as_of is None else parse_date(as_of),
                        max_bytes=max_file_size, progress=progress, allow_invalid=True)
    deliver(get_renderer(fmt.value).render(plan_view(result.report), RenderOptions()), output)
