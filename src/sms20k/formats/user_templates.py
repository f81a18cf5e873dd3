"""Users' own report templates: sandboxed, on plain data, within limits (docs/templates.md)."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

import jinja2
from jinja2.exceptions import TemplateNotFound

from sms20k.assessment.model import Report
from sms20k.errors import InputError
from sms20k.formats.interface import RenderOptions
from sms20k.formats.template_data import TemplateData
from sms20k.formats.template_errors import MissingValue, explain
from sms20k.formats.template_limits import (
    MAX_OUTPUT_CHARS,
    TemplateLimitError,
    guard_filter,
    size_of,
)
from sms20k.formats.template_loader import ConfinedLoader
from sms20k.formats.template_sandbox import UserSandbox
from sms20k.formats.template_words import Places
from sms20k.scores import score_text

MARKUP = (".html", ".htm", ".xhtml", ".xml", ".svg")
TEMPLATE_SUFFIXES = (".j2", ".jinja2", ".jinja")


def output_name(template_name: str) -> str:
    for suffix in TEMPLATE_SUFFIXES:
        template_name = template_name.removesuffix(suffix)
    return template_name


def _autoescape(name: str | None) -> bool:
    """Escape HTML in markup outputs; other text (Markdown, CSV, plain) is left as written."""
    return name is None or output_name(name).lower().endswith(MARKUP)


def render_user_template(path: Path, report: Report, options: RenderOptions) -> str:
    """A user's template runs sandboxed on plain data; any failure is exit 2 at its line."""
    data = TemplateData(report, options)
    context = data.context()
    loader = ConfinedLoader(path.parent)
    # The output's name decides for every template it includes or imports.
    env = UserSandbox(data.helpers(), loader=loader, autoescape=_autoescape(path.name),
                      undefined=MissingValue)
    env.filters["score"] = guard_filter("score", score_text, env.budget)
    try:
        template = env.get_template(path.name)
        return _generate(template, context, env)
    except TemplateNotFound as exc:
        if exc.name == path.name and not loader.filenames:
            raise InputError("template not found", path=str(path)) from None
        raise _error(exc, path, loader.filenames, env, context) from None
    except Exception as exc:
        # The template is code the user wrote: whatever it raises (a TypeError, a
        # ZeroDivisionError, a RecursionError or MemoryError) is an error in it.
        raise _error(exc, path, loader.filenames, env, context) from None


def _generate(template: jinja2.Template, context: dict[str, Any], env: UserSandbox) -> str:
    """The output, counted as it is produced. A limit is raised inside the template, at the
    statement that went over it, so that the error names its line."""
    chunks: list[str] = []
    size = 0
    output = cast("Generator[str, None, None]", template.generate(context))
    for chunk in output:
        size += len(chunk)
        try:
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(f"the output is over the limit of "
                                         f"{MAX_OUTPUT_CHARS:,} characters")
            env.budget.spend(size_of(chunk))
        except TemplateLimitError as exc:
            output.throw(exc)
        chunks.append(chunk)
    return "".join(chunks)


def _error(exc: BaseException, path: Path, filenames: set[str], env: UserSandbox,
           context: dict[str, Any]) -> InputError:
    """An InputError at the template line that failed: the syntax error's own, or the
    innermost line of the traceback Jinja rewrites to point at template lines."""
    where, line = str(path), None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where, line = exc.filename or where, exc.lineno
    else:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in filenames:
                where, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    message, hint = explain(exc, env, Places(context))
    return InputError(f"template error: {message}", path=where, line=line, hint=hint)
