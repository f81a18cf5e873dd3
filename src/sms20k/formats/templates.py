"""Jinja environments for reports: the packaged HTML template and users' own templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from sms20k.assessment.model import Report
from sms20k.errors import InputError
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions
from sms20k.formats.numbers import score_text
from sms20k.templating import package_loader

MARKUP = (".html", ".htm", ".xhtml", ".xml", ".svg")
TEMPLATE_SUFFIXES = (".j2", ".jinja2", ".jinja")


def output_name(template_name: str) -> str:
    for suffix in TEMPLATE_SUFFIXES:
        template_name = template_name.removesuffix(suffix)
    return template_name


def _autoescape(name: str | None) -> bool:
    """Escape HTML in markup outputs; other text (Markdown, CSV, plain) is left as written."""
    return name is None or output_name(name).lower().endswith(MARKUP)


def _filters(env: jinja2.Environment) -> None:
    env.filters["score"] = score_text


def report_environment() -> jinja2.Environment:
    """Our own HTML templates: autoescaped everywhere, strict about undefined names."""
    env = jinja2.Environment(loader=package_loader(), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    _filters(env)
    return env


def context(report: Report, options: RenderOptions) -> dict[str, Any]:
    ctx = ReportContext(report, options)
    return {"report": report, "ctx": ctx, "options": options}


def render_user_template(path: Path, report: Report, options: RenderOptions) -> str:
    """A user's template runs sandboxed: no attribute tricks, no file or code access."""
    if not path.is_file():
        raise InputError("template not found", path=str(path))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(path.parent)),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
    )
    _filters(env)
    try:
        return env.get_template(path.name).render(context(report, options))
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template error: {exc.message}", path=str(path),
                         line=exc.lineno) from None
    except jinja2.TemplateError as exc:
        raise InputError(f"template error: {exc}", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("template is not UTF-8", path=str(path),
                         hint="save it as UTF-8") from None
    except (OverflowError, MemoryError, RecursionError) as exc:
        # The sandbox stops huge ranges with OverflowError; the rest are runaway templates.
        raise InputError(f"template error: {type(exc).__name__}: {exc}", path=str(path),
                         hint="the template asks for more than sms20k will compute") from None
