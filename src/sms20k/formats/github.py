"""GitHub Actions workflow commands: annotations on the changed files of a pull request."""

from __future__ import annotations

from sms20k.assessment.model import Report
from sms20k.formats.ci_common import Annotation, annotate, summary_line
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.views import ValidationView, View

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer(Renderer):
    name = "github"
    views = (Report, ValidationView)

    def _render(self, view: View, options: RenderOptions) -> str:
        lines = [command(a) for a in annotate(view)]
        # Escaped too: a file name with a newline must not start a command of its own.
        lines.append(escape_data(summary_line(view)))
        return "\n".join(lines) + "\n"


def command(a: Annotation) -> str:
    props = [("file", a.path)]
    if a.line is not None and a.line >= 1:
        props.append(("line", str(a.line)))
        if a.col is not None and a.col >= 1:
            props.append(("col", str(a.col)))
    props.append(("title", a.title))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[a.level]} {joined}::{escape_data(a.message)}"
