"""JUnit XML: one test case per result, so any CI test view shows the gaps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, ItemResult, Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Finding, Level
from sms20k.formats.annotations import findings
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

VALIDATE_SUITE = "sms20k validate"
_SKIPPED = ("not-applicable", "waived", "not-assessed")
# Characters XML 1.0 cannot hold even escaped; YAML strings can ("\x01").
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        root = ET.Element("testsuites", name="sms20k")
        if isinstance(view, Report):
            for scenario in view.scenarios:
                cases = [_result_case(r) for r in view.results if r.scenario == scenario.id]
                _suite(root, f"{scenario.id} {scenario.title}", cases)
            # Problems that no result reflects (an unknown item id, a changed locked file)
            # would otherwise pass CI unnoticed.
            _suite(root, VALIDATE_SUITE, _finding_cases(findings(view), "validate"))
        else:
            assert isinstance(view, ValidationView)
            _suite(root, VALIDATE_SUITE, _finding_cases(findings(view), view.repository))
        _count(root, root.findall("testsuite"))
        _clean(root)
        ET.indent(root)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                + ET.tostring(root, encoding="unicode") + "\n")


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
    ):
        ET.SubElement(props, "property", name=name, value=value)
    reasons = "\n".join(r.reasons)
    label = CLASS_LABELS[r.finding_class] if r.finding_class else RESULT_LABELS[r.result]
    summary = f"{label}: {'; '.join(r.reasons)}" if r.reasons else label
    # A major or minor finding fails even when not assessed: rules may raise that class.
    if r.finding_class in ("major", "minor"):
        failure = ET.SubElement(case, "failure", type=r.finding_class, message=summary)
        failure.text = reasons or label
    elif r.result in _SKIPPED:
        message = "not assessed" if r.result == "not-assessed" else "; ".join(r.reasons)
        ET.SubElement(case, "skipped", message=message or RESULT_LABELS[r.result])
        if r.finding_class:
            ET.SubElement(case, "system-out").text = summary
    elif r.finding_class:
        ET.SubElement(case, "system-out").text = summary
    return case


def _finding_cases(found: list[Finding], valid_classname: str) -> list[ET.Element]:
    if not found:
        return [ET.Element("testcase", classname=valid_classname, name="repository is valid")]
    cases = []
    for f in found:
        where = f.where()
        case = ET.Element("testcase", classname=f.path, name=f"{f.code} at {where}")
        detail = f"{where}: [{f.level}] {f.code} {f.text()}"
        if f.level is Level.ERROR:
            failure = ET.SubElement(case, "failure", type=f.code, message=f.text(hint=False))
            failure.text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
        cases.append(case)
    return cases


def _suite(root: ET.Element, name: str, cases: list[ET.Element]) -> None:
    suite = ET.SubElement(root, "testsuite", name=name)
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
