"""The one place that builds Jinja environments over the packaged templates (templates/).

Two kinds: plain text for the files ``sms20k init`` writes, and autoescaped HTML for the
report. Users' own templates get a sandbox of their own (formats/user_templates.py).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

import jinja2
import markupsafe

from sms20k.errors import InputError
from sms20k.resources import templates_dir
from sms20k.safetext import visible
from sms20k.template_cache import code_cache


def _load(name: str) -> str:
    node = templates_dir()
    for part in name.split("/"):
        node = node / part
    if not node.is_file():
        raise jinja2.TemplateNotFound(name)
    return node.read_text(encoding="utf-8")


def _yaml_str(value: Any) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def _comment(value: Any, prefix: str = "# ", width: int = 96) -> str:
    """Fold text into comment lines that each start with ``prefix``."""
    lines = textwrap.wrap(" ".join(str(value).split()), width=width - len(prefix),
                          break_on_hyphens=False) or [""]
    return "\n".join(prefix + line for line in lines)


def _shown(value: Any) -> Any:
    """Data printed into a report shows its controls and bidi overrides as escapes, so a
    client never reads text that a hidden character reorders (markup we built is left alone)."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible(value, lines=True)
    return value


def text_environment() -> jinja2.Environment:
    """For YAML and Markdown scaffolding: no HTML escaping, strict undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load), autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        bytecode_cache=code_cache("text"),
    )
    env.filters["yaml_str"] = _yaml_str
    env.filters["comment"] = _comment
    return env


def html_environment(helpers: dict[str, Callable[..., Any]]) -> jinja2.Environment:
    """For the report: autoescaped everywhere, strict about undefined names; ``helpers`` are
    the report's formatting functions, as filters and as globals."""
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_load), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, finalize=_shown,
                             bytecode_cache=code_cache("html"))
    env.filters.update(helpers)
    env.globals.update(helpers)
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        raise InputError(f"template {name}: {exc}") from None
