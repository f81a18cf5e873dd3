"""JUnit XML: one test case per audit finding and per result, so any CI test view shows gaps.

The file is valid against the Jenkins xUnit plugin's junit-10.xsd, which allows properties on
suites only: a test case's own facts go to its system-out, one ``key: value`` a line. Every
test case has an id (classname and name) that is unique in the file and stays the same when
lines move: a result is its scenario and item, a finding its id, a validation finding its
code, item and path and a short form of its fingerprint. ``RenderOptions.junit_locations``
adds ``file`` and ``line`` to every test case with a place, for GitHub's JUnit actions; the
strict schema forbids them, hence an option.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from sms20k.assessment.model import CLASS_LABELS, RESULT_LABELS, AuditFinding, ItemResult, Report
from sms20k.evidence.validation_view import ValidationView
from sms20k.findings import Level, Location, label
from sms20k.formats.annotations import (
    Annotation,
    annotate,
    audit_annotation,
    reasons_text,
    result_location,
    results_by_label,
)
from sms20k.formats.interface import Renderer, RenderOptions
from sms20k.modelbase import View

VALIDATE_SUITE = "sms20k validate"
FINDINGS_SUITE = "sms20k audit findings"
REPOSITORY_SUITE = "sms20k repository"
FINDINGS_CLASS = "sms20k.findings"
REPOSITORY_CLASS = "sms20k.repository"
SHORT_ID = 8
_SKIPPED = ("not-applicable", "not-assessed")
_FAILING = ("major", "minor")
# Characters XML 1.0 cannot hold even escaped; YAML strings can ("\x01").
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class JunitRenderer(Renderer):

    def _render(self, view: View, options: RenderOptions) -> str:
        root = ET.Element("testsuites", name="sms20k")
        found = annotate(view, options)
        validation = [a for a in found if a.finding is not None]
        if isinstance(view, Report):
            as_of = view.meta.as_of
            results = results_by_label(view)
            _suite(root, FINDINGS_SUITE, as_of,
                   [_finding_case(f, results, options) for f in view.findings]
                   or [_case(FINDINGS_CLASS, "no audit findings", None, options)])
            for scenario in view.scenarios:
                cases = [_result_case(r, options) for r in view.results
                         if r.scenario == scenario.id]
                _suite(root, f"{scenario.id} {scenario.title}", as_of, cases)
            # Problems of the repository itself (a broken reference, a changed locked file):
            # the audit checks among the findings are already in the results' verdicts.
            _suite(root, REPOSITORY_SUITE, as_of,
                   _validation_cases([a for a in validation if a.repository], options))
        else:
            assert isinstance(view, ValidationView)
            _suite(root, VALIDATE_SUITE, view.as_of, _validation_cases(validation, options))
        _unique(root)
        # junit-10.xsd has no skipped on testsuites; each testsuite carries its own.
        _count(root, root.findall("testsuite"), skipped=False)
        _clean(root)
        ET.indent(root)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                + ET.tostring(root, encoding="unicode") + "\n")


def _case(classname: str, name: str, location: Location | None,
          options: RenderOptions) -> ET.Element:
    case = ET.Element("testcase", classname=classname, name=name)
    if options.junit_locations and location is not None:
        case.set("file", location.path)
        case.set("line", str(location.line or 1))
    return case


def _where(location: Location) -> str:
    """``path:line`` (the path as the CI formats write it), or the path alone."""
    return location.path if location.line is None else f"{location.path}:{location.line}"


def _placed(location: Location, options: RenderOptions) -> Location:
    return location.model_copy(update={"path": options.ci_path(location.path)})


def _properties(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in pairs)


def _out(case: ET.Element, *parts: str) -> None:
    ET.SubElement(case, "system-out").text = "\n".join(p for p in parts if p)


def _finding_case(f: AuditFinding, results: dict[tuple[str, str | None], ItemResult],
                  options: RenderOptions) -> ET.Element:
    a = audit_annotation(f, results)
    location = _placed(a.location, options)
    where = _where(location)
    # The id and the clause, never the grade: a finding regraded is the same test case.
    case = _case(FINDINGS_CLASS, f"{f.id} {f.clause.title}", location, options)
    props = _properties((("finding_id", f.id), ("kind", f.kind), ("grade", f.grade),
                         ("clause_2018", f.clause.id),
                         ("clauses_2011", " ".join(c.id for c in f.clauses_2011)),
                         ("items", ", ".join(i.label for i in f.items)),
                         ("waived", str(f.waived).lower())))
    label_ = CLASS_LABELS[f.grade] + (" (waived)" if f.waived else "")
    if f.grade in _FAILING:
        failure = ET.SubElement(case, "failure", type=f.grade,
                                message=f"{where}: {label_}: {f.id}")
        failure.text = f"{where}: {a.message}"
        _out(case, props)
    else:
        _out(case, f"{where}: {label_}: {a.message}", props)
    return case


def _result_case(r: ItemResult, options: RenderOptions) -> ET.Element:
    location = _placed(result_location(r), options)
    where = _where(location)
    case = _case(r.scenario, f"{r.label} {r.title}", location, options)
    props = _properties((
        ("clauses_2011", " ".join(c.id for c in r.clauses_2011)),
        ("clauses_2018", " ".join(c.id for c in r.clauses_2018)),
        ("criticality", r.criticality),
        ("result", r.result),
        ("finding_class", r.finding_class or "none"),
        *((("service", r.service),) if r.service else ()),
        *((("waived", "true"),) if r.waived else ()),
        ("location", where),
    ))
    # A waiver exempts a result from the CI gates only: it fails or passes on its verdict.
    if r.result in _SKIPPED or r.finding_class is None:
        if r.result in _SKIPPED:
            message = "; ".join(r.reasons) if r.result == "not-applicable" else "not assessed"
            ET.SubElement(case, "skipped", message=message or RESULT_LABELS[r.result])
        _out(case, props)
        return case
    summary = f"{CLASS_LABELS[r.finding_class]}: {reasons_text(r)}"
    if r.finding_class in _FAILING:
        failure = ET.SubElement(case, "failure", type=r.finding_class,
                                message=f"{where}: {summary}")
        failure.text = f"{where}: " + ("\n".join(r.reasons) or summary)
        _out(case, props)
    else:
        _out(case, f"{where}: {summary}", props)
    return case


def _validation_cases(found: list[Annotation], options: RenderOptions) -> list[ET.Element]:
    if not found:
        return [_case(REPOSITORY_CLASS, "repository is valid", None, options)]
    cases = []
    for a in found:
        f = a.finding
        assert f is not None
        where = _where(a.location)
        item = label(f.item, f.service) if f.item else ""
        name = " ".join(p for p in (f.code, item, a.location.path, a.fingerprint[:SHORT_ID]) if p)
        case = _case(REPOSITORY_CLASS, name, a.location, options)
        kind = "repository problem" if a.repository else "audit check"
        detail = f"{where}: [{f.level}] {f.code} ({kind}) {f.text()}"
        if f.level is Level.ERROR:
            failure = ET.SubElement(case, "failure", type=f.code,
                                    message=f"{where}: {f.text(hint=False)}")
            failure.text = detail
        else:
            _out(case, detail)
        cases.append(case)
    return cases


def _unique(root: ET.Element) -> None:
    """The same problem found twice (one fingerprint) gets ``#2``, in document order."""
    seen: dict[tuple[str, str], int] = {}
    for case in root.iter("testcase"):
        key = (case.get("classname", ""), case.get("name", ""))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            case.set("name", f"{key[1]} #{seen[key]}")


def _suite(root: ET.Element, name: str, as_of: str, cases: list[ET.Element]) -> None:
    # The as-of date every freshness judgement used: the run's own time means nothing here.
    suite = ET.SubElement(root, "testsuite", name=name, timestamp=f"{as_of}T00:00:00")
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", name="as_of", value=as_of)
    suite.extend(cases)
    _count(suite, cases)


def _count(element: ET.Element, children: Iterable[ET.Element], *, skipped: bool = True
           ) -> None:
    """Set tests/failures/errors(/skipped) on a suite (from cases) or the root (from suites)."""
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for child in children:
        if child.tag == "testcase":
            totals["tests"] += 1
            totals["failures"] += child.find("failure") is not None
            totals["skipped"] += child.find("skipped") is not None
        else:
            for key in totals:
                totals[key] += int(child.get(key, "0"))
    if not skipped:
        del totals["skipped"]
    for key, value in totals.items():
        element.set(key, str(value))


def _clean(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in list(element.attrib.items()):
            element.set(key, _NOT_XML.sub("\ufffd", value))
