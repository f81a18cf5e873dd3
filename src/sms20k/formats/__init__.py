"""Output formats: a registry that describes each format, and its renderer, imported on use.

The command line builds every ``--format`` choice from this table, so a new format is one
row here and one module, with no edit to the CLI.
"""

from __future__ import annotations

from importlib import import_module

from sms20k.errors import UsageError
from sms20k.formats.interface import Format, Renderer

BROWSING = ("scenarios", "scenario", "item", "clause", "clauses", "matrix")
FINDINGS = ("assessment", "validation")
# What the commands that write files or check checklists report (sms20k.modelbase.MessageView).
MESSAGES = ("lock", "init", "lint", "questionnaire", "import", "export-oscal")


# The order is the order of every --format choice list.
FORMATS = (
    Format("text", "sms20k.formats.text:TextRenderer",
           (*BROWSING, "diff", "validation", *MESSAGES)),
    Format("html", "sms20k.formats.html:HtmlRenderer", ("assessment", "audit-plan"), ".html"),
    Format("md", "sms20k.formats.markdown:MarkdownRenderer",
           ("catalog", "scenario", "matrix", "assessment", "diff", "audit-plan", "action-plan"),
           ".md"),
    Format("json", "sms20k.formats.json:JsonRenderer", None, ".json"),
    Format("csv", "sms20k.formats.csv:CsvRenderer", ("assessment", "audit-plan", "action-plan"),
           ".csv"),
    # YAML renders any view; only the catalog offers it, as a second machine-readable form.
    Format("yaml", "sms20k.formats.yaml:YamlRenderer", None, offered=("catalog",)),
    Format("pdf", "sms20k.formats.pdf:PdfRenderer", ("assessment",), ".pdf", binary=True),
    Format("docx", "sms20k.formats.docx:DocxRenderer", ("assessment",), ".docx", binary=True),
    Format("xlsx", "sms20k.formats.xlsx:XlsxRenderer", ("assessment",), ".xlsx", binary=True),
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
    spec = describe(name)
    module_name, _, class_name = spec.renderer.partition(":")
    renderer: Renderer = getattr(import_module(module_name), class_name)(spec)
    return renderer
