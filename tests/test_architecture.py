"""The package's shape: a one-way pipeline of stages, and no import cycles anywhere.

Every import counts, including those inside functions and under ``TYPE_CHECKING``: a lazy
import still ties two modules together, and a reader follows it all the same.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sms20k"

# Each stage may import the stages before it and shared utilities (modules at the package
# root); formats and export are siblings that never import each other.
STAGES = {"checklists": 1, "evidence": 2, "assessment": 3, "formats": 4, "export": 4, "office": 4,
          "cli": 5}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def resolve(importer: str, node: ast.ImportFrom | ast.Import) -> Iterator[str]:
    """The package modules one import statement reaches."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        if node.level:
            is_package = MODULES[importer].name == "__init__.py"
            base = importer.split(".") if is_package else importer.split(".")[:-1]
            base = base[: len(base) - node.level + 1]
            module = ".".join([*base, node.module] if node.module else base)
        else:
            module = node.module or ""
        targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module
                   for a in node.names]
    for target in targets:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        if target.startswith("sms20k"):
            yield target


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = {
            target
            for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
            for target in resolve(name, node) if target != name
        }
    return graph


GRAPH = import_graph()


def stage_of(module: str) -> str | None:
    """The stage package a module belongs to; None for the shared utilities at the root."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return parts[1]
    if parts[-1] == "__main__":
        return "cli"
    return None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(found)


def wrong_way(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for importer, targets in sorted(graph.items()):
        own = stage_of(importer)
        for target in sorted(targets):
            theirs = stage_of(target)
            if theirs is None or theirs == own:
                continue
            if own is None or STAGES[theirs] >= STAGES[own]:
                problems.append(f"{importer} ({own or 'shared'}) imports {target} ({theirs})")
    return problems


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(GRAPH) == []


def test_stages_import_only_earlier_stages() -> None:
    assert wrong_way(GRAPH) == []


def test_the_package_root_holds_only_shared_utilities() -> None:
    root_modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert root_modules == SHARED_UTILITIES, "a new root module belongs in a stage package"


SHARED_UTILITIES = {
    "__init__", "__main__", "asof", "atomic", "codes", "duration", "errors", "findings",
    "interrupts", "modelbase", "outputs", "packaged_templates", "resources", "safetext",
    "schema_errors", "scores", "suggest", "yamlio", "yamlreader", "yamlscalars",
    "xlsxcells", "ooxmlsafe", "ooxmlzip", "usercache", "template_cache",
}


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(
    graph: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert cycles(graph) == expected


def test_the_direction_check_flags_backward_and_sibling_imports() -> None:
    graph = {
        "sms20k.evidence.models": {"sms20k.assessment.model", "sms20k.checklists.models"},
        "sms20k.formats.sarif": {"sms20k.export.oscal", "sms20k.formats.interface"},
        "sms20k.errors": {"sms20k.evidence.models"},
        "sms20k.cli.assess": {"sms20k.formats.sarif", "sms20k.errors"},
    }
    assert wrong_way(graph) == [
        "sms20k.errors (shared) imports sms20k.evidence.models (evidence)",
        "sms20k.evidence.models (evidence) imports sms20k.assessment.model (assessment)",
        "sms20k.formats.sarif (formats) imports sms20k.export.oscal (export)",
    ]


def test_imports_inside_functions_are_seen() -> None:
    source = (PACKAGE / "cli" / "__init__.py").read_text(encoding="utf-8")
    assert "    from sms20k import interrupts" in source
    assert "sms20k.interrupts" in GRAPH["sms20k.cli"]


ARCHITECTURE_DOC = PACKAGE.parents[1] / "docs" / "architecture.md"


def _documented_stage_modules() -> dict[str, set[str]]:
    rows = {}
    for line in ARCHITECTURE_DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0].strip("`").rstrip("/") in STAGES:
            rows[cells[0].strip("`").rstrip("/")] = set(re.findall(r"`(\w+)`", cells[2]))
    return rows


def test_docs_architecture_names_every_module_of_every_stage() -> None:
    documented = _documented_stage_modules()
    assert set(documented) == set(STAGES)
    for stage, names in documented.items():
        actual = {p.stem for p in (PACKAGE / stage).glob("*.py")} - {"__init__"}
        assert names <= actual, f"{stage}: docs/architecture.md names missing modules"
        if stage != "cli":  # the doc lists the CLI's framework modules, not every command
            missing = actual - names - set(UNLISTED.get(stage, ()))
            assert not missing, f"{stage}: add {sorted(missing)} to docs/architecture.md"


def test_docs_architecture_draws_every_shared_utility() -> None:
    text = ARCHITECTURE_DOC.read_text(encoding="utf-8")
    drawn = set(re.findall(r"[a-z_]+", text.split("shared utilities at the root", 1)[1]
                           .split("```", 1)[0]))
    assert SHARED_UTILITIES - {"__init__", "__main__"} <= drawn


# Helpers of one format that the stage table leaves to the format's own module.
UNLISTED = {
    "formats": ("annotations", "context", "csv_actions", "csv_plan", "budget", "interface",
                "markdown_catalog",
                "markdown_actions", "markdown_delta", "markdown_details", "markdown_findings",
                "markdown_plan", "markdown_report", "markdown_syntax", "richtext",
                "template_data", "template_errors", "template_limits", "template_loader",
                "template_sandbox", "template_words",
                "text_tables", "xlsx_items", "xlsx_sheets", "xlsx_style", "docx_charts",
                "docx_fields", "docx_findings", "docx_report", "docx_tables", "docx_template",
                "docx_writer"),
}
