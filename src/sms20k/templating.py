"""Jinja environments over the packaged templates."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import jinja2

from sms20k.errors import InputError
from sms20k.resources import templates_dir


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


def package_loader() -> jinja2.BaseLoader:
    return jinja2.FunctionLoader(_load)


def text_environment() -> jinja2.Environment:
    """For YAML and Markdown scaffolding: no HTML escaping, strict undefined names."""
    env = jinja2.Environment(
        loader=package_loader(), autoescape=False, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["yaml_str"] = _yaml_str
    env.filters["comment"] = _comment
    return env


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        raise InputError(f"template {name}: {exc}") from None
