"""The shape of every command's ``-f json`` output, as JSON Schema: ``sms20k schema lock``
describes what ``sms20k lock -f json`` prints, and docs/cli.md lists the same fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import reduce
from importlib import import_module
from operator import or_
from typing import Any


def _views(module: str, *names: str) -> Callable[[], Any]:
    """The model (or union of models) ``names`` of ``sms20k.<module>``, imported on use so
    that loading the command line loads no model."""
    def factory() -> Any:
        loaded = import_module(f"sms20k.{module}")
        return reduce(or_, (getattr(loaded, name) for name in names))

    return factory


# Command -> its JSON output's model. `assess -f json` writes the report, a file format of
# its own (`sms20k schema report`).
OUTPUTS: dict[str, Callable[[], Any]] = {
    "validate": _views("evidence.validation_view", "ValidationView"),
    "lock": _views("evidence.command_views", "LockView"),
    "init": _views("evidence.command_views", "InitView"),
    "questionnaire": _views("office.views", "QuestionnaireView"),
    "import": _views("office.views", "ImportView"),
    "diff": _views("assessment.model", "Delta"),
    "audit-plan": _views("assessment.auditplan_model", "AuditPlanView"),
    "scenarios": _views("checklists.browse_views", "ScenarioList"),
    "show": _views("checklists.browse_views", "ScenarioView", "ItemView", "ClauseView"),
    "clauses": _views("checklists.browse_views", "ClauseTreeView"),
    "matrix": _views("checklists.browse_views", "MatrixView"),
    "catalog": _views("checklists.browse_views", "CatalogView"),
    "lint-checklists": _views("checklists.lint_view", "LintView"),
    "export-oscal": _views("export.oscal_view", "OscalExportView"),
    "export-actions": _views("assessment.action_plan", "ActionPlanView"),
}


def kind_of(command: str) -> str:
    """``export oscal`` -> ``export-oscal``; ``assess`` -> ``report``."""
    return "report" if command == "assess" else command.replace(" ", "-")


def output_schema(kind: str) -> dict[str, Any]:
    from sms20k.export.schemas import SCHEMA_BASE, model_schema
    from sms20k.modelbase import VIEW_FORMAT_VERSION

    command = kind.replace("-", " ", 1) if kind.startswith("export-") else kind
    return model_schema(OUTPUTS[kind](), f"{SCHEMA_BASE}output-{kind}-{VIEW_FORMAT_VERSION}.json",
                        f"sms20k {command} -f json", mode="serialization")


def render_output_schema(kind: str) -> str:
    return json.dumps(output_schema(kind), indent=2) + "\n"
