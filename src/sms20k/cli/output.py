"""Where command output goes: stdout, with colour only on a terminal and without NO_COLOR."""

from __future__ import annotations

import os
import shutil
import sys
from typing import TYPE_CHECKING

from sms20k.formats.interface import RenderOptions

if TYPE_CHECKING:
    from sms20k.views import View


def render_options() -> RenderOptions:
    tty = sys.stdout.isatty()
    color = tty and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    return RenderOptions(color=color, width=max(width, 60))


def emit(view: View, fmt: str) -> None:
    from sms20k.formats import get_renderer

    sys.stdout.write(get_renderer(fmt).render(view, render_options()))


def write(text: str) -> None:
    sys.stdout.write(text)
