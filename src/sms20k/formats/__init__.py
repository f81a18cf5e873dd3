"""Output formats: a registry that describes each format, and its renderer, imported on use.

The command line builds every ``--format`` choice from this table, so a new format is one
row here and one module, with no edit to the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from sms20k.errors import UsageError

if TYPE_CHECKING:
    from sms20k.formats.interface import Renderer

BROWSING = ("scenarios", "scenario", "item", "clause", "clauses", "matrix")
FINDINGS = ("assessment", "validation")


@dataclass(frozen=True)
class Format:
    name: str
    renderer: str
    """``module:Class`` of the renderer."""
    views: tuple[str, ...] | None
    """The kinds of view it renders (``View.kind``); None: every view."""
    suffix: str = ""
    """``.html``: it writes report.html; empty: it prints to stdout and writes no file."""
    binary: bool = False
    offered: tuple[str, ...] | None = None
    """The kinds of view whose commands offer it, when fewer than it renders."""

    @property
    def filename(self) -> str:
        return f"report{self.suffix}" if self.suffix else ""

    def offered_for(self, kind: str) -> bool:
        shown = self.views if self.offered is None else self.offered
        return shown is None or kind in shown


# The order is the order of every --format choice list.
FORMATS = (
    Format("text", "sms20k.formats.text:TextRenderer", (*BROWSING, "diff", "validation")),
    Format("html", "sms20k.formats.html:HtmlRenderer", ("assessment", "audit-plan"), ".html"),
    Format("md", "sms20k.formats.markdown:MarkdownRenderer",
           ("catalog", "scenario", "matrix", "assessment", "diff", "audit-plan"), ".md"),
    Format("json", "sms20k.formats.json:JsonRenderer", None, ".json"),
    Format("csv", "sms20k.formats.csv:CsvRenderer", ("assessment", "audit-plan"), ".csv"),
    # YAML renders any view; only the catalog offers it, as a second machine-readable form.
    Format("yaml", "sms20k.formats.yaml:YamlRenderer", None, offered=("catalog",)),
    Format("pdf", "sms20k.formats.pdf:PdfRenderer", ("assessment",), ".pdf", binary=True),
    Format("sarif", "sms20k.formats.sarif:SarifRenderer", FINDINGS, ".sarif"),
    Format("junit", "sms20k.formats.junit:JunitRenderer", FINDINGS, ".junit.xml"),
    Format("github", "sms20k.formats.github:GithubRenderer", FINDINGS),
    Format("codequality", "sms20k.formats.codequality:CodeQualityRenderer", FINDINGS,
           ".codequality.json"),
)
_BY_NAME = {f.name: f for f in FORMATS}


def names() -> list[str]:
    return list(_BY_NAME)


def offered(*kinds: str) -> list[str]:
    """The formats a command may choose from when it shows views of any of these kinds."""
    return [f.name for f in FORMATS if all(f.offered_for(kind) for kind in kinds)]


def describe(name: str) -> Format:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(_BY_NAME)}") from None


def get_renderer(name: str) -> Renderer:
    module_name, _, class_name = describe(name).renderer.partition(":")
    renderer: Renderer = getattr(import_module(module_name), class_name)()
    return renderer
