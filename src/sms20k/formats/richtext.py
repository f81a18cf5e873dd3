"""Terminal text drawn with rich: untrusted text made safe, and a drawing made a string."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.text import Text

from sms20k.formats.interface import RenderOptions
from sms20k.safetext import visible


def plain(value: object, style: str = "", *, lines: bool = False) -> Text:
    """Untrusted text for rich: its controls shown escaped (``Text`` never reads markup)."""
    return Text(visible(str(value), lines=lines), style=style)


def to_text(renderable: RenderableType, options: RenderOptions) -> str:
    """The drawing at the options' width; escape codes only when colour is on."""
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                      width=options.width, highlight=False, emoji=False,
                      color_system="standard" if options.color else None)
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
