"""The shape of every command's ``-f json`` output, as JSON Schema: ``sms20k schema lock``
describes what ``sms20k lock -f json`` prints, and docs/cli.md lists the same fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import reduce
from operator import or_
from typing import Any


def _validate() -> Any:
    from sms20k.evidence.validation_view import ValidationView

    return ValidationView


def _lock() -> Any:
    from sms20k.evidence.command_views import LockView

    return LockView


def _init() -> Any:
    from sms20k.evidence.command_views import InitView

    return InitView


def _questionnaire() -> Any:
    from sms20k.office.views import QuestionnaireView

    return QuestionnaireView


def _import() -> Any:
    from sms20k.office.views import ImportView

    return ImportView


def _diff() -> Any:
    from sms20k.assessment.model import Delta

    return Delta


def _audit_plan() -> Any:
    from sms20k.assessment.auditplan_model import AuditPlanView

    return AuditPlanView


def _browse(*names: str) -> Callable[[], Any]:
    def factory() -> Any:
        from sms20k.checklists import browse_views

        return reduce(or_, (getattr(browse_views, name) for name in names))

    return factory


def _lint() -> Any:
    from sms20k.checklists.lint_view import LintView

    return LintView


def _export_oscal() -> Any:
    from sms20k.export.oscal_view import OscalExportView

    return OscalExportView


def _export_actions() -> Any:
    from sms20k.assessment.action_plan import ActionPlanView

    return ActionPlanView


# Command -> its JSON output's model. `assess -f json` writes the report, a file format of
# its own (`sms20k schema report`).
OUTPUTS: dict[str, Callable[[], Any]] = {
    "validate": _validate,
    "lock": _lock,
    "init": _init,
    "questionnaire": _questionnaire,
    "import": _import,
    "diff": _diff,
    "audit-plan": _audit_plan,
    "scenarios": _browse("ScenarioList"),
    "show": _browse("ScenarioView", "ItemView", "ClauseView"),
    "clauses": _browse("ClauseTreeView"),
    "matrix": _browse("MatrixView"),
    "catalog": _browse("CatalogView"),
    "lint-checklists": _lint,
    "export-oscal": _export_oscal,
    "export-actions": _export_actions,
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
