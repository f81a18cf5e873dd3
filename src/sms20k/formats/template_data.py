"""The context of users' templates as plain data (docs/templates.md): dicts, lists, strings,
numbers and None, with the helpers as plain functions. Nothing in it has a method a template
could use to reach Python: no models, no ReportContext."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2.exceptions import TemplateRuntimeError

from sms20k.assessment.model import EvidenceRef, Report
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions

Data = dict[str, Any]
HELPERS = ("label", "anchor", "link", "result_clauses")


class TemplateData:
    """The user context (``report``, ``ctx``, ``options``) and the helpers that read it.

    Each result and clause is dumped once; ``ctx.groups``, ``ctx.findings_by_class`` and
    ``ctx.weakest_clauses`` share those dicts, so the cost stays linear in the report's size."""

    def __init__(self, report: Report, options: RenderOptions) -> None:
        self._ctx = ReportContext(report, options)
        self.report: Data = report.model_dump(mode="json")
        results: list[Data] = self.report["results"]
        self._evidence: dict[int, EvidenceRef] = {}
        shared: dict[int, Data] = {}
        for model, data in zip(report.results, results, strict=True):
            shared[id(model)] = data
            for ref, ref_data in zip(model.evidence, data["evidence"], strict=True):
                self._evidence[id(ref_data)] = ref
        self._clauses_key = f"clauses_{self._ctx.edition}"
        self._services = {s["id"]: s["name"] for s in self.report["scope"]["services"]}
        clauses: list[Data] = self.report[self._clauses_key]
        clauses_2018 = dict(zip(map(id, report.clauses_2018), self.report["clauses_2018"],
                                strict=True))
        self.ctx: Data = {
            "edition": self._ctx.edition,
            "standard": self._ctx.standard,
            "clauses": clauses,
            "leaf_clauses": [c for c in clauses if c["leaf"]],
            "top_clauses": [c for c in clauses if c["depth"] == 0],
            "groups": [{"key": g.key, "title": g.title, "score": g.score,
                        "results": [shared[id(r)] for r in g.results]}
                       for g in self._ctx.groups],
            "findings_by_class": {k: [shared[id(r)] for r in v]
                                  for k, v in self._ctx.findings_by_class.items()},
            "weakest_clauses": [clauses_2018[id(c)] for c in self._ctx.weakest_clauses],
            "class_labels": dict(self._ctx.class_labels),
            "result_labels": dict(self._ctx.result_labels),
        }
        self.options: Data = {"edition": self._ctx.edition, "by": options.by}

    def context(self) -> Data:
        return {"report": self.report, "ctx": self.ctx, "options": self.options}

    def helpers(self) -> dict[str, Callable[..., Any]]:
        """Plain functions, registered as globals and as filters of the same name."""

        def label(result: object) -> str:
            item, service, _ = _item(result, "label")
            return f"{item} · {self._services.get(service, service)}" if service else item

        def anchor(result: object) -> str:
            item, service, _ = _item(result, "anchor")
            return f"item-{item}" + (f"-{service}" if service else "")

        def result_clauses(result: object) -> list[Data]:
            clauses: list[Data] = _item(result, "result_clauses")[2].get(self._clauses_key, [])
            return clauses

        def link(evidence: object) -> str | None:
            ref = self._evidence.get(id(evidence))
            if ref is None:
                raise TemplateRuntimeError(
                    "link() takes an evidence reference of a result (result.evidence)")
            return self._ctx.link(ref)

        return {"label": label, "anchor": anchor, "result_clauses": result_clauses,
                "link": link}


def _item(value: object, helper: str) -> tuple[str, str | None, Data]:
    """The item id and service of a result or gap, and the dict itself; or a template error."""
    if isinstance(value, dict):
        item, service = value.get("item"), value.get("service")
        if isinstance(item, str) and (service is None or isinstance(service, str)):
            return item, service, value
    raise TemplateRuntimeError(f"{helper}() takes a result or a gap, not {type(value).__name__}")
