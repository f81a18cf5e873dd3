"""The main job: assess an evidence repository and write gap reports; compare two reports."""

from __future__ import annotations

import shlex
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from sms20k.cli.application import (
    DEFAULT_FILE_SIZE,
    AsOf,
    Checklists,
    Edition,
    EditionChoice,
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
from sms20k.safetext import visible

if TYPE_CHECKING:
    import datetime as dt

    from sms20k.errors import InputError
    from sms20k.formats.interface import RenderOptions

    ReportFormat: TypeAlias = FormatChoice
    DiffFormat: TypeAlias = FormatChoice
else:
    ReportFormat = choices("ReportFormat", "assessment")
    DiffFormat = choices("DiffFormat", "diff")


class FailOnChoice(str, Enum):
    major = "major"
    minor = "minor"
    observation = "observation"
    any = "any"
    none = "none"


class Order(str, Enum):
    scenario = "scenario"
    clause = "clause"


@command()
@handle_errors
def assess(
    repo: RepoArg = Path(),
    formats: Annotated[list[ReportFormat], format_option(
        "Report format to write; repeatable (default: html).")] = [],  # noqa: B006
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                         help="Directory for the report files.")] =
    Path("sms20k-report"),
    edition: Edition = EditionChoice.e2018,
    by: Annotated[Order, typer.Option(
        "--by", metavar="ORDER", case_sensitive=False, help="Order of the detail section.")] =
    Order.scenario,
    template: Annotated[Path | None, typer.Option(
        "--template", metavar="FILE", help="Also render this Jinja template (sandboxed).")] = None,
    quiet: Quiet = False,
    fail_on: Annotated[FailOnChoice | None, typer.Option(
        "--fail-on", metavar="CLASS", case_sensitive=False, help="Exit 1 if a finding of this "
        "class or worse exists (overrides policy.fail-on).")] = None,
    fail_under: Annotated[float | None, typer.Option(
        "--fail-under", metavar="SCORE", min=0, max=100,
        help="Exit 1 if the overall score is below SCORE (overrides policy.fail-under).")] = None,
    min_coverage: Annotated[float | None, typer.Option(
        "--min-coverage", metavar="PCT", min=0, max=100,
        help="Exit 1 if fewer than PCT percent of the in-scope items were assessed "
        "(overrides policy.min-coverage).")] = None,
    allow_invalid: Annotated[bool, typer.Option(
        "--allow-invalid", help="Do not exit 1 for repository problems at error level "
        "(broken references, lock mismatches); the reports list them all the same.")] = False,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="OLD.json",
        help="An earlier report.json; every report shows the changes since.")] = None,
    checklists: Checklists = [],  # noqa: B006
    as_of: AsOf = None,
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    path_prefix: PathPrefix = None,
    junit_locations: JunitLocations = False,
    marking: Annotated[str | None, typer.Option(
        "--marking", metavar="TEXT", help="Confidentiality marking on the cover and every "
        "page of the pdf report (and a banner in the html one), e.g. \"Confidential\".")] = None,
    final: Annotated[bool, typer.Option(
        "--final", help="Issue the reports as final; until then they are marked Draft.")] = False,
    pdf_details: Annotated[bool, typer.Option(
        "--pdf-details", help="Print every item result in full in the pdf report (one "
        "entry per result; long). By default it prints a summary table of the items per "
        "scenario or clause, and the full detail is in the json, csv and xlsx reports.")]
    = False,
    docx_template: Annotated[Path | None, typer.Option(
        "--docx-template", metavar="FILE.docx", help="Take the styles, page setup, header and "
        "footer of the docx report from this Word document or template.")] = None,
) -> None:
    """Assess the repository against the checklists and write gap reports.

    The as-of date is --as-of, else the assessment date in sms20k.yaml, so the same inputs
    always give byte-identical reports. Exit 1 when a gate fails or the repository has
    problems at error level (unless --allow-invalid); every requested format is written
    either way.
    """
    from sms20k.asof import parse_date
    from sms20k.assessment.run import assess as run_assess
    from sms20k.cli.output import render_options
    from sms20k.cli.progress import HashProgress, RenderProgress
    from sms20k.cli.reports import write_reports
    from sms20k.errors import InputError
    from sms20k.formats import describe, get_renderer
    from sms20k.formats.docx import read_template
    from sms20k.formats.interface import RenderOptions
    from sms20k.formats.paths import CiPaths

    names = [f.value for f in formats] or ["html"]
    styles = None if docx_template is None else read_template(docx_template, names)
    day = None if as_of is None else parse_date(as_of)
    render_progress = None if quiet else RenderProgress()
    ci = RenderOptions(ci_paths=CiPaths.for_repository(repo, path_prefix),
                       junit_locations=junit_locations, progress=render_progress,
                       marking=marking, final=final, docx_template=styles,
                       pdf_details=pdf_details)
    try:
        with HashProgress(quiet=quiet) as progress:
            result = run_assess(repo, checklists, as_of=day, max_bytes=max_file_size,
                                progress=progress, fail_on=fail_on.value if fail_on else None,
                                fail_under=fail_under, min_coverage=min_coverage,
                                allow_invalid=allow_invalid, baseline=baseline)
    except InputError as exc:
        _load_failure(exc, repo, day, names, output, ci)
        raise
    written = write_reports(result, names, output, template=template, edition=edition.value,
                            by=by.value, ci=ci)
    if render_progress is not None:
        render_progress.done()
    summary = result.report.summary
    listing = (f"sms20k validate {shlex.quote(str(repo))} --as-of {result.report.meta.as_of}"
               if summary.repository_errors or summary.repository_warnings else "")
    if not quiet:
        from sms20k.formats.summary import SummaryRenderer, wrote_text  # rich: not for -q

        options = render_options()
        write(SummaryRenderer().render(result.report, options) + wrote_text(written, options))
        if listing:
            write(f"List the repository problems with: {visible(listing)}\n")
    for name in dict.fromkeys([*names, *(["github"] if on_github() else [])]):
        if not describe(name).filename:
            write(get_renderer(name).render(result.report, ci))
    if result.failed_gates:
        write_err("".join(f"sms20k: gate failed: {visible(gate.gate)}: {visible(gate.message)}\n"
                          for gate in result.failed_gates))
        if listing and any(gate.gate == "repository" for gate in result.failed_gates):
            write_err(f"sms20k: list them with: {visible(listing)}\n")
        raise typer.Exit(1)


def _load_failure(exc: InputError, repo: Path, day: dt.date | None, names: list[str],
                  output: Path, ci: RenderOptions) -> None:
    """Write the CI formats asked for even when the repository cannot be loaded; the error
    itself then goes to stderr with exit 2, as always."""
    from sms20k.cli.reports import CI_FORMATS, write_load_failure
    from sms20k.evidence.validation_view import load_failure_view
    from sms20k.formats import describe, get_renderer

    if not any(n in CI_FORMATS for n in names) and not on_github():
        return

    view = load_failure_view(exc, str(repo), day.isoformat() if day else "")
    write_load_failure(view, names, output, ci)
    for name in dict.fromkeys([*names, *(["github"] if on_github() else [])]):
        if name in CI_FORMATS and not describe(name).filename:
            write(get_renderer(name).render(view, ci))


@command()
@handle_errors
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD.json", help="The earlier report.json.")],
    new: Annotated[Path, typer.Argument(metavar="NEW.json", help="The later report.json.")],
    fmt: Annotated[DiffFormat, format_option()] =
    DiffFormat("text"),
    fail_on_regression: Annotated[bool, typer.Option(
        "--fail-on-regression", help="Exit 1 if any item regressed or a finding is new.")] =
    False,
    quiet: Quiet = False,
) -> None:
    """Compare two assessment reports: improved and regressed items, findings, scores."""
    from sms20k.assessment.diff import compare, load_report

    before, after = load_report(old), load_report(new)
    delta = compare(before, after, old_name=f"{old} (as of {before.meta.as_of})",
                    new_name=f"{new} (as of {after.meta.as_of})")
    emit(delta, fmt.value, quiet=quiet)
    if fail_on_regression and delta.regression:
        raise typer.Exit(1)
