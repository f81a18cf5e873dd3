"""GitHub Actions workflow commands: annotations on the changed files of a pull request."""

from __future__ import annotations

from sms20k.formats.annotations import Annotation, annotate, summary_line
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View
from sms20k.safetext import WorkflowCommands, command_data, command_property

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    """Untrusted text as command data: controls made visible, then @actions/core's escaping."""
    return command_data(text)


def escape_property(text: str) -> str:
    return command_property(text)


class GithubRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        lines = [command(a) for a in annotate(view, options)]
        # Escaped too: a file name with a newline must not start a command of its own.
        lines.append(escape_data(summary_line(view)))
        return WorkflowCommands("\n".join(lines) + "\n")


def command(a: Annotation) -> str:
    loc = a.location
    props = [("file", loc.path)]
    if loc.line is not None and loc.line >= 1:
        props.append(("line", str(loc.line)))
        if loc.col is not None and loc.col >= 1:
            props.append(("col", str(loc.col)))
    props.append(("title", a.title))
    # As @actions/core does: a property with an empty value is left out.
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props if value)
    return f"::{COMMANDS[a.level]} {joined}::{escape_data(a.message)}"
