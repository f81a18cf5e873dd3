"""The one top-level error handler: domain errors to exit codes, anything else is a bug."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import NoReturn, ParamSpec, TypeVar

import typer

from sms20k import interrupts, suggest
from sms20k.cli.output import write_err
from sms20k.errors import ExitCode, InputError, ProblemsError, Sms20kError
from sms20k.safetext import visible

P = ParamSpec("P")
R = TypeVar("R")
BUG_URL = "https://github.com/sms20k/sms20k/issues"
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer killed by the signal


class _State:
    debug = False


STATE = _State()


def _report(exc: Sms20kError) -> None:
    write_err("".join(f"{line}\n" for line in _report_lines(exc)))


def _report_lines(exc: Sms20kError) -> list[str]:
    """The error as lines for stderr, every untrusted part with its controls escaped."""
    if isinstance(exc, ProblemsError):
        files = len({f.path for f in exc.findings})
        count = len(exc.findings)
        return [*(finding.format() for finding in exc.findings),
                f"{count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}"]
    if isinstance(exc, InputError) and exc.path is not None:
        from sms20k.findings import where  # pydantic only when an error is shown

        place = where(exc.path, exc.line, exc.col)
        hint = f" ({exc.hint})" if exc.hint else ""
        return [visible(f"{place}: [error] {exc.message}{hint}{_during(exc)}")]
    return [visible(f"sms20k: error: {exc}{_during(exc)}")]


def _during(exc: BaseException) -> str:
    """What sms20k was doing when it failed, from notes added on the way up (e.g. which
    report format it was rendering)."""
    notes: list[str] = getattr(exc, "__notes__", [])
    return "".join(f" (while {note})" for note in notes)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        suggest.new_run()
        try:
            with interrupts.raising():
                return func(*args, **kwargs)
        except Sms20kError as exc:
            _report(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except KeyboardInterrupt as exc:  # SIGINT or SIGTERM; every cleanup has run
            interrupts.stop(exc)
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:
            # A path the user typed that the system refuses (too long, no permission, disk
            # full) is a problem with the input or the machine, not a bug in sms20k.
            _report_os_error(exc)
            raise typer.Exit(int(ExitCode.INVALID_INPUT)) from None
        except BaseException as exc:
            if STATE.debug or not (_out_of_memory(exc) or isinstance(exc, Exception)):
                raise
            _report_unexpected(exc)
            raise typer.Exit(int(ExitCode.INVALID_INPUT if _out_of_memory(exc)
                                 else ExitCode.INTERNAL_ERROR)) from None

    return wrapper


def _reader_gone() -> NoReturn:
    """``sms20k ... | head``: the reader closed the pipe. Stop quietly, as a process killed by
    SIGPIPE does; stdout goes to /dev/null so the interpreter's final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(EXIT_BROKEN_PIPE)


def _report_os_error(exc: OSError) -> None:
    place = f"{exc.filename}: " if exc.filename is not None else ""
    reason = exc.strerror or str(exc)
    write_err(visible(f"sms20k: error: {place}{reason}{_during(exc)}") + "\n")


def _out_of_memory(exc: BaseException) -> bool:
    # pydantic-core reports a failed allocation as a Rust panic, which is a BaseException.
    return isinstance(exc, MemoryError) or type(exc).__name__ == "PanicException"


def _report_unexpected(exc: BaseException) -> None:
    if _out_of_memory(exc):
        write_err("sms20k: error: out of memory: the input asks for more than this machine "
                  "has; see the limits in docs/security.md\n")
        return
    # The message may quote input, so it is escaped like every other line.
    write_err(
        f"sms20k: internal error: {type(exc).__name__}: {visible(str(exc) + _during(exc))}\n"
        f"This is a bug in sms20k. Please report it at {BUG_URL} with the command "
        "you ran; run again with --debug to see the traceback.\n"
    )
