"""Output formats: a registry from format name to renderer, imported only when used."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from sms20k.errors import UsageError

if TYPE_CHECKING:
    from sms20k.formats.interface import Renderer

_MODULES: dict[str, tuple[str, str]] = {
    "text": ("sms20k.formats.text", "TextRenderer"),
    "json": ("sms20k.formats.json", "JsonRenderer"),
    "yaml": ("sms20k.formats.yaml", "YamlRenderer"),
    "md": ("sms20k.formats.markdown", "MarkdownRenderer"),
    "html": ("sms20k.formats.html", "HtmlRenderer"),
    "csv": ("sms20k.formats.csv", "CsvRenderer"),
    "pdf": ("sms20k.formats.pdf", "PdfRenderer"),
    "sarif": ("sms20k.formats.sarif", "SarifRenderer"),
    "junit": ("sms20k.formats.junit", "JunitRenderer"),
    "github": ("sms20k.formats.github", "GithubRenderer"),
    "codequality": ("sms20k.formats.codequality", "CodeQualityRenderer"),
}


def names() -> list[str]:
    return list(_MODULES)


def get_renderer(name: str) -> Renderer:
    try:
        module_name, class_name = _MODULES[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(_MODULES)}") from None
    renderer: Renderer = getattr(import_module(module_name), class_name)()
    return renderer
