"""The auditor's command: the audit plan, with its timetable of sessions by process area."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.asof import MAX_AUDIT_DAYS
from sms20k.cli.application import (
    DEFAULT_FILE_SIZE,
    AsOf,
    Checklists,
    Edition,
    EditionChoice,
    FormatChoice,
    MaxFileSize,
    Quiet,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import deliver

if TYPE_CHECKING:

    from sms20k.evidence.models import AuditTeam

if TYPE_CHECKING:
    PlanFormat: TypeAlias = FormatChoice
else:
    PlanFormat = choices("PlanFormat", "audit-plan")


@command("audit-plan")
@handle_errors
def audit_plan(
    repo: Annotated[Path | None, typer.Argument(
        metavar="REPO", show_default=".",
        help="Evidence repository or its sms20k.yaml.")] = None,
    generic: Annotated[bool, typer.Option(
        "--generic", help="The plan for the built-in checklists alone, with no repository: "
        "every item in scope, nothing yet seen.")] = False,
    fmt: Annotated[PlanFormat, format_option()] =
    PlanFormat("md"),
    edition: Edition = EditionChoice.e2018,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    lead: Annotated[str | None, typer.Option(
        "--lead", metavar="NAME", help="Lead auditor; overrides assessment.audit.lead.")] = None,
    team: Annotated[list[str], typer.Option(
        "--team", metavar="NAME", help="Audit team member; repeatable. Overrides "
        "assessment.audit.team.")] = [],  # noqa: B006
    start: Annotated[str | None, typer.Option(
        "--start", metavar="DATE", help="First audit day (YYYY-MM-DD); puts the sessions on "
        "days and times. Overrides assessment.audit.start.")] = None,
    days: Annotated[int | None, typer.Option(
        "--days", metavar="N", min=1, max=MAX_AUDIT_DAYS,
        help="Audit days; overrides assessment.audit.days (default 2).")] = None,
    as_of: AsOf = None,
    checklists: Checklists = [],  # noqa: B006
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    quiet: Quiet = False,
) -> None:
    """The audit plan: objectives, scope, criteria, team and a timetable of sessions by
    process area, each item once under its primary 2018 clause with the evidence to
    request and what the repository already shows."""
    from sms20k.assessment.auditplan import build_plan
    from sms20k.checklists.loader import load_catalog
    from sms20k.errors import UsageError
    from sms20k.formats import get_renderer
    from sms20k.formats.interface import RenderOptions

    if generic and repo is not None:
        raise UsageError("--generic plans without a repository; drop REPO or --generic")
    audit = _audit(lead, team, start, days)
    if generic:
        plan = build_plan(load_catalog(checklists), edition.value, audit=audit)
    else:
        from sms20k.asof import parse_date
        from sms20k.evidence.repo_catalog import load_with_catalog

        loaded, catalog = load_with_catalog(repo or Path(), checklists,
                                            max_bytes=max_file_size)
        plan = build_plan(catalog, edition.value, loaded, audit=audit,
                          as_of=None if as_of is None else parse_date(as_of))
    deliver(get_renderer(fmt.value).render(plan, RenderOptions(edition=edition.value)), output)


def _audit(lead: str | None, team: list[str], start: str | None,
           days: int | None) -> AuditTeam:
    """The options as an ``assessment.audit`` block, to lay over the manifest's."""
    from sms20k.errors import UsageError
    from sms20k.evidence.models import AuditTeam

    for option, value in (("--lead", lead), *(("--team", name) for name in team)):
        if value is not None and not value.strip():
            raise UsageError(f"{option} needs a name; it was given an empty one")
    from sms20k.asof import LAST_AUDIT_START, parse_date

    day = None if start is None else parse_date(start, "--start", allow_today=False)
    if day is not None and day > LAST_AUDIT_START:
        raise UsageError(f"--start {start} leaves no room for the audit days; give a date up "
                         f"to {LAST_AUDIT_START.isoformat()}")
    return AuditTeam(lead=lead, team=team, start=day, days=days)
