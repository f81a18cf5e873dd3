"""The auditor's command: an evidence request list and interview guide, ordered by clause."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli.application import (
    Checklists,
    EditionChoice,
    FormatChoice,
    MaxFileSize,
    app,
    choices,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import write
from sms20k.yamlio import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    PlanFormat: TypeAlias = FormatChoice
else:
    PlanFormat = choices("PlanFormat", "audit-plan")


@app.command("audit-plan")
@handle_errors
def audit_plan(
    repo: Annotated[Path | None, typer.Argument(
        metavar="[REPO]", help="Evidence repository; without it, the generic plan.")] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] =
    PlanFormat("md"),
    edition: Annotated[EditionChoice, typer.Option("--edition", "-e", help="Edition.")] =
    EditionChoice.e2011,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    checklists: Checklists = [],  # noqa: B006
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
) -> None:
    """Evidence to request and questions to ask, clause by clause, for an audit."""
    from sms20k.assessment.auditplan import build_plan
    from sms20k.atomic import write_atomic
    from sms20k.checklists.loader import load_catalog
    from sms20k.errors import InputError
    from sms20k.formats import get_renderer
    from sms20k.formats.interface import RenderOptions

    if repo is None:
        plan = build_plan(load_catalog(checklists), edition.value)
    else:
        from sms20k.evidence.repo_catalog import load_with_catalog

        loaded, catalog = load_with_catalog(repo, checklists, max_bytes=max_file_size)
        plan = build_plan(catalog, edition.value, loaded)
    text = get_renderer(fmt.value).render(plan, RenderOptions(edition=edition.value))
    if output is None:
        write(text)
    elif output.is_dir() and not output.is_symlink():
        raise InputError("is a directory; name a file", path=str(output))
    else:
        write_atomic(output, text)
