"""Where command output goes: stdout, with colour only on a terminal and without NO_COLOR.

Everything sms20k prints, to stdout or stderr, goes through ``write`` or ``write_err``. Under
GitHub Actions (GITHUB_ACTIONS=true) they guard every line (sms20k.safetext.guard): only the
annotations of the github format may start with ``::``, and nothing holds ``##[``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sms20k.formats.interface import RenderOptions
from sms20k.formats.paths import CiPaths
from sms20k.safetext import guard

if TYPE_CHECKING:
    from sms20k.modelbase import View


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def render_options(ci_paths: CiPaths | None = None, *,
                   junit_locations: bool = False) -> RenderOptions:
    tty = sys.stdout.isatty()
    color = tty and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    return RenderOptions(color=color, width=max(width, 60), ci_paths=ci_paths,
                         junit_locations=junit_locations)


def emit(view: View, fmt: str, ci_paths: CiPaths | None = None, *,
         junit_locations: bool = False, quiet: bool = False) -> None:
    """Print ``view`` in ``fmt``; ``--quiet`` drops the text format, never a machine one."""
    from sms20k.formats import get_renderer

    if quiet and fmt == "text":
        return
    write(get_renderer(fmt).render(view, render_options(ci_paths,
                                                        junit_locations=junit_locations)))


def deliver(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to the file ``output``."""
    from sms20k.atomic import write_atomic
    from sms20k.errors import InputError

    if output is None:
        write(text)
    elif output.is_dir() and not output.is_symlink():
        raise InputError("is a directory; name a file", path=str(output))
    else:
        write_atomic(output, text)


def _put(stream: TextIO, text: str) -> None:
    stream.write(guard(text) if on_github() else text)


def write(text: str) -> None:
    _put(sys.stdout, text)


def write_err(text: str) -> None:
    _put(sys.stderr, text)
