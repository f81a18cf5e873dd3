"""JUnit XML: one test case per audit finding and per result, so any CI test view shows gaps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, AuditFinding, ItemResult, Report
from sms20k.codes import is_repository_problem
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Finding, Level
from sms20k.formats.annotations import audit_annotation, findings, reasons_text, results_by_label
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

VALIDATE_SUITE = "sms20k validate"
FINDINGS_SUITE = "sms20k audit findings"
REPOSITORY_SUITE = "sms20k repository"
_SKIPPED = ("not-applicable", "not-assessed")
_FAILING = ("major", "minor")
# Characters XML 1.0 cannot hold even escaped; YAML strings can ("\x01").
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        root = ET.Element("testsuites", name="sms20k")
        if isinstance(view, Report):
            as_of = view.meta.as_of
            results = results_by_label(view)
            _suite(root, FINDINGS_SUITE, as_of,
                   [_finding_case(f, results) for f in view.findings]
                   or [ET.Element("testcase", classname="findings", name="no audit findings")])
            for scenario in view.scenarios:
                cases = [_result_case(r) for r in view.results if r.scenario == scenario.id]
                _suite(root, f"{scenario.id} {scenario.title}", as_of, cases)
            # Problems of the repository itself (a broken reference, a changed locked file):
            # the audit checks among the findings are already in the results' verdicts.
            problems = [f for f in findings(view) if is_repository_problem(f)]
            _suite(root, REPOSITORY_SUITE, as_of, _finding_cases(problems, "repository"))
        else:
            assert isinstance(view, ValidationView)
            _suite(root, VALIDATE_SUITE, view.as_of,
                   _finding_cases(findings(view), view.repository))
        _count(root, root.findall("testsuite"))
        _clean(root)
        ET.indent(root)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                + ET.tostring(root, encoding="unicode") + "\n")


def _finding_case(f: AuditFinding, results: dict[tuple[str, str | None], ItemResult]
                  ) -> ET.Element:
    a = audit_annotation(f, results)
    case = ET.Element("testcase", classname="findings", name=a.title)
    props = ET.SubElement(case, "properties")
    for name, value in (("finding_id", f.id), ("kind", f.kind), ("grade", f.grade),
                        ("clause_2018", f.clause.id),
                        ("clauses_2011", " ".join(c.id for c in f.clauses_2011)),
                        ("items", ", ".join(i.label for i in f.items)),
                        ("waived", str(f.waived).lower())):
        ET.SubElement(props, "property", name=name, value=value)
    label = CLASS_LABELS[f.grade] + (" (waived)" if f.waived else "")
    if f.grade in _FAILING:
        failure = ET.SubElement(case, "failure", type=f.grade, message=f"{label}: {f.id}")
        failure.text = a.message
    else:
        ET.SubElement(case, "system-out").text = f"{label}: {a.message}"
    return case


def _result_case(r: ItemResult) -> ET.Element:
    case = ET.Element("testcase", classname=r.scenario, name=f"{r.label} {r.title}")
    props = ET.SubElement(case, "properties")
    for name, value in (
        ("clauses_2011", " ".join(c.id for c in r.clauses_2011)),
        ("clauses_2018", " ".join(c.id for c in r.clauses_2018)),
        ("criticality", r.criticality),
        ("result", r.result),
        ("finding_class", r.finding_class or "none"),
        *((("service", r.service),) if r.service else ()),
        *((("waived", "true"),) if r.waived else ()),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    # A waiver exempts a result from the CI gates only: it fails or passes on its verdict.
    if r.result in _SKIPPED or r.finding_class is None:
        if r.result in _SKIPPED:
            message = "; ".join(r.reasons) if r.result == "not-applicable" else "not assessed"
            ET.SubElement(case, "skipped", message=message or RESULT_LABELS[r.result])
        return case
    summary = f"{CLASS_LABELS[r.finding_class]}: {reasons_text(r)}"
    if r.finding_class in _FAILING:
        failure = ET.SubElement(case, "failure", type=r.finding_class, message=summary)
        failure.text = "\n".join(r.reasons) or summary
    else:
        ET.SubElement(case, "system-out").text = summary
    return case


def _finding_cases(found: list[Finding], valid_classname: str) -> list[ET.Element]:
    if not found:
        return [ET.Element("testcase", classname=valid_classname, name="repository is valid")]
    cases = []
    for f in found:
        where = f.where()
        case = ET.Element("testcase", classname=f.path, name=f"{f.code} at {where}")
        kind = "repository problem" if is_repository_problem(f) else "audit check"
        detail = f"{where}: [{f.level}] {f.code} ({kind}) {f.text()}"
        if f.level is Level.ERROR:
            failure = ET.SubElement(case, "failure", type=f.code, message=f.text(hint=False))
            failure.text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
        cases.append(case)
    return cases


def _suite(root: ET.Element, name: str, as_of: str, cases: list[ET.Element]) -> None:
    # The as-of date every freshness judgement used: the run's own time means nothing here.
    suite = ET.SubElement(root, "testsuite", name=name, timestamp=f"{as_of}T00:00:00")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="as_of", value=as_of)
    suite.extend(cases)
    _count(suite, cases)


def _count(element: ET.Element, children: Iterable[ET.Element]) -> None:
    """Set tests/failures/errors/skipped on a suite (from cases) or the root (from suites)."""
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for child in children:
        if child.tag == "testcase":
            totals["tests"] += 1
            totals["failures"] += child.find("failure") is not None
            totals["skipped"] += child.find("skipped") is not None
        else:
            for key in totals:
                totals[key] += int(child.get(key, "0"))
    for key, value in totals.items():
        element.set(key, str(value))


def _clean(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in list(element.attrib.items()):
            element.set(key, _NOT_XML.sub("\ufffd", value))
