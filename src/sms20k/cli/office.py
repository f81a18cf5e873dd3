"""The client questionnaire: ``questionnaire`` exports it, ``import`` merges the answers back
into the evidence repository (the one command besides ``init`` and ``lock`` that writes it)."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeAlias

import typer

from sms20k.cli.application import (
    DEFAULT_FILE_SIZE,
    Checklists,
    FormatChoice,
    MaxFileSize,
    Quiet,
    RepoArg,
    choices,
    command,
    format_option,
)
from sms20k.cli.errors import handle_errors
from sms20k.cli.output import emit, write, write_err
from sms20k.errors import ExitCode, ProblemsError
from sms20k.safetext import visible

if TYPE_CHECKING:
    QuestionnaireFormat: TypeAlias = FormatChoice
    ImportFormat: TypeAlias = FormatChoice
else:
    QuestionnaireFormat = choices("QuestionnaireFormat", "questionnaire")
    ImportFormat = choices("ImportFormat", "import")

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024


@command()
@handle_errors
def questionnaire(
    repo: RepoArg = Path(),
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.xlsx",
                                         help="Where to write the workbook.")] = ...,  # type: ignore[assignment]
    checklists: Checklists = [],  # noqa: B006
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    fmt: Annotated[QuestionnaireFormat, format_option()] = QuestionnaireFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Write an Excel questionnaire for client staff: one row per applicable item (and
    service), the guidance, expected evidence and audit questions, and columns to answer in.

    Send it out, then merge the answers with `sms20k import` (docs/questionnaire.md).
    """
    from sms20k.atomic import write_atomic
    from sms20k.errors import InputError
    from sms20k.evidence.repo_catalog import load_with_catalog
    from sms20k.office.questionnaire import build_questionnaire
    from sms20k.office.rows import question_rows
    from sms20k.office.views import QuestionnaireView

    if output.suffix.lower() != ".xlsx":
        raise InputError("the questionnaire is an .xlsx workbook; name the file FILE.xlsx",
                         path=str(output))
    if output.is_dir() and not output.is_symlink():
        raise InputError("is a directory; name a file", path=str(output))
    loaded, catalog = load_with_catalog(repo, checklists, max_bytes=max_file_size)
    data = build_questionnaire(loaded, catalog, str(repo))
    write_atomic(output, data)
    rows = question_rows(loaded, catalog)
    answered = sum(1 for row in rows if row.entry is not None)
    emit(QuestionnaireView(workbook=str(output), rows=len(rows), prefilled=answered),
         fmt.value, quiet=quiet)


@command("import")
@handle_errors
def import_answers(
    workbook: Annotated[Path, typer.Argument(metavar="FILE.xlsx",
                                             help="A questionnaire filled in by the client.")],
    repo: RepoArg = Path(),
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Print the plan and a diff of every file; write nothing.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Apply answers to entries that changed in the repository since the "
        "questionnaire was exported.")] = False,
    into: Annotated[str, typer.Option(
        "--into", metavar="FILE", help="Evidence file, relative to the repository, that "
        "receives entries for items without one; the manifest's include must match it.")]
    = "evidence/questionnaire.yaml",
    checklists: Checklists = [],  # noqa: B006
    max_file_size: MaxFileSize = DEFAULT_FILE_SIZE,
    fmt: Annotated[ImportFormat, format_option()] = ImportFormat("text"),
    quiet: Quiet = False,
) -> None:
    """Merge a filled questionnaire into the evidence files.

    Every cell is checked first; any problem is reported as FILE.xlsx:Sheet!C12 and nothing
    is written (exit 2). The plan is always printed; --dry-run adds a diff and stops.
    """
    from sms20k.atomic import write_all
    from sms20k.evidence.repo_catalog import load_with_catalog
    from sms20k.evidence.scope import ScopeIndex
    from sms20k.modelbase import plural
    from sms20k.office.answers import read_answers
    from sms20k.office.merge import plan_merge
    from sms20k.office.plan import check_into, file_writes, unified_diff
    from sms20k.office.views import import_view
    from sms20k.yamlio import read_bytes

    display = str(workbook)
    data = read_bytes(workbook, display, MAX_WORKBOOK_BYTES)
    loaded, catalog = load_with_catalog(repo, checklists, max_bytes=max_file_size)
    target = check_into(loaded, into)
    scope = ScopeIndex(loaded.manifest, catalog)
    try:
        _, answers = read_answers(data, display, loaded.manifest.organization.name, scope,
                                  loaded.manifest.assessment.date)
        plan = plan_merge(loaded, answers, display, target, force=force)
    except ProblemsError as exc:
        _problems(exc, display)
    writes = file_writes(loaded, plan)
    apply = bool(writes) and not dry_run
    text = fmt.value == "text" and not quiet
    # The plan is printed before anything is written.
    emit(import_view(display, plan, writes, written=apply), fmt.value, quiet=quiet)
    if dry_run and writes and text:
        write("".join(visible(line, lines=True) + "\n"
                      for line in "".join(unified_diff(w) for w in writes).splitlines()))
    if dry_run:
        if not quiet:
            write_err("--dry-run: nothing written\n")
        return
    if not apply:
        return
    write_all([(w.path, w.new) for w in writes], parents=True)
    if text:
        write(f"Wrote {plural(len(writes), 'file')}; run `sms20k validate "
              f"{visible(shlex.quote(str(repo)))}` to check the result.\n")


def _problems(exc: ProblemsError, display: str) -> NoReturn:
    """Every problem, then how many in which files: the cells of the workbook count as one
    file, not one file per cell (the generic handler counts distinct paths)."""
    files = {display if f.path.startswith(f"{display}:") else f.path for f in exc.findings}
    count = len(exc.findings)
    write_err("".join(f"{finding.format()}\n" for finding in exc.findings)
              + f"{count} problem{'s' * (count != 1)} in {len(files)} "
              f"file{'s' * (len(files) != 1)}; nothing was written\n")
    raise typer.Exit(int(ExitCode.INVALID_INPUT))
