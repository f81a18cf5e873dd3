"""Commands on an evidence repository: validate, lock, init."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli.application import (
    DEFAULT_FILE_SIZE,
    AsOf,
    Checklists,
    FormatChoice,
    JunitLocations,
    MaxFileSize,
    PathPrefix,
    Quiet,
    RepoArg,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import emit, on_github, write, write_err

if TYPE_CHECKING:

    ValidateFormat: TypeAlias = FormatChoice
    LockFormat: TypeAlias = FormatChoice
    InitFormat: TypeAlias = FormatChoice
else:
    ValidateFormat = choices("ValidateFormat", "validation")
    LockFormat = choices("LockFormat", "lock")
    InitFormat = choices("InitFormat", "init")


@command()
@handle_errors
def validate(
    repo: RepoArg = Path(),
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[ValidateFormat | None, format_option(
        "Output format (default: text, or github when GITHUB_ACTIONS=true).")] = None,
    as_of: AsOf = None,
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    path_prefix: PathPrefix = None,
    junit_locations: JunitLocations = False,
    quiet: Quiet = False,
) -> None:
    """Check an evidence repository: schema, references, hashes, dates and waivers.

    Exit 0 when clean (warnings allowed), 1 with error-level findings, 2 when the
    repository cannot be loaded.
    """
    from sms20k.asof import parse_date
    from sms20k.cli.progress import HashProgress
    from sms20k.errors import InputError
    from sms20k.evidence.validate import validate
    from sms20k.evidence.validation_view import load_failure_view, to_view
    from sms20k.formats.paths import CiPaths

    day = None if as_of is None else parse_date(as_of)
    chosen = fmt.value if fmt else ("github" if on_github() else "text")
    paths = CiPaths.for_repository(repo, path_prefix)
    try:
        with HashProgress(quiet=quiet) as progress:
            result = validate(repo, day, checklists, max_bytes=max_file_size, progress=progress)
    except InputError as exc:
        # A machine format is still written, well-formed, with the load problems at their
        # file:line; the problems also go to stderr and the exit code stays 2.
        if chosen != "text":
            emit(load_failure_view(exc, str(repo), day.isoformat() if day else ""), chosen,
                 paths, junit_locations=junit_locations)
        raise
    view = to_view(result)
    if quiet and chosen == "text":  # the problems, without the summary line
        write("".join(f"{finding.format()}\n" for finding in view.findings))
    else:
        emit(view, chosen, paths, junit_locations=junit_locations)
    raise typer.Exit(int(result.exit_code))


@command()
@handle_errors
def lock(
    repo: RepoArg = Path(),
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    fmt: Annotated[LockFormat, format_option()] = LockFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Record the sha256 of every referenced file in sms20k.lock.json next to the manifest."""
    from sms20k.atomic import write_atomic
    from sms20k.cli.progress import HashProgress
    from sms20k.evidence.command_views import LockView
    from sms20k.evidence.locking import make_lock

    with HashProgress(quiet=quiet) as progress:
        result = make_lock(repo, max_bytes=max_file_size, progress=progress)
    write_atomic(result.path, result.text)
    emit(LockView(lock_file=str(result.path), files=result.files, added=result.added,
                  changed=result.changed, removed=result.removed, skipped=result.skipped),
         fmt.value, quiet=quiet)
    if result.skipped and not quiet:
        write_err(f"{result.skipped} references skipped (missing or unreadable); "
                  "run `sms20k validate` to see why\n")


@command()
@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Where to create it.")] =
    Path(),
    service: Annotated[list[str], typer.Option(
        "--service", metavar="ID:NAME:CATEGORIES:MODELS[:tenancy=T][:infrastructure=I]",
        help="A service in scope, e.g. crm:\"Nimbus CRM\":SaaS:public,community:tenancy=multi. "
        "Repeatable; CATEGORIES and MODELS are comma-separated; tenancy is single or multi, "
        "infrastructure owned, colocation or third-party-cloud.")] = [],  # noqa: B006
    service_category: Annotated[list[str], typer.Option(
        "--service-category", metavar="CATEGORY",
        help="Shorthand for one service `main-service`: its cloud service category (IaaS, "
        "PaaS, SaaS, ...). Repeatable; not with --service.")] = [],  # noqa: B006
    deployment: Annotated[list[str], typer.Option(
        "--deployment", metavar="MODEL",
        help="Shorthand for one service `main-service`: its deployment model (public, "
        "private, community or hybrid). Repeatable; not with --service.")] = [],  # noqa: B006
    organization: Annotated[str | None, typer.Option(
        metavar="NAME", help="Organization name. Without it, a placeholder that validate "
        "warns about.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    checklists: Checklists = [],  # noqa: B006
    fmt: Annotated[InitFormat, format_option()] = InitFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Create a new evidence repository: a not-assessed entry for every applicable item.

    Without --service the scope is one SaaS, public service `main-service`.
    """
    from sms20k.checklists.loader import load_catalog
    from sms20k.evidence.command_views import InitView
    from sms20k.evidence.scaffold import choose_services, scaffold

    choose_services(service, service_category, deployment)  # usage errors before any loading
    written = scaffold(directory, load_catalog(checklists), services=service,
                       categories=service_category, deployments=deployment,
                       organization=organization, force=force)
    emit(InitView(directory=str(directory), created=[str(path) for path in written],
                  next_command=f"sms20k validate {shlex.quote(str(directory))}"),
         fmt.value, quiet=quiet)
