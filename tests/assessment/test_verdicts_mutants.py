"""Kill the mutants of assessment/verdicts.py and consolidate.py that the rule tests let
survive (mutmut run of 2026-12-02); each test names the mutant it kills."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from ..evidence.judge import DOC, find, ref
from .test_boundaries import _not, _one_clause
from .test_verdicts import FRESH, STALE, _with_supporting, clean


def test_a_missing_kind_worse_than_the_stale_one_keeps_its_class(make: Any) -> None:
    # _implemented: the stale rule must not forget the class the missing kind gave.
    entry = clean(evidence=[ref(kind="record", reviewed=FRESH),
                            ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])

    def with_required_record(root: Path) -> None:
        _with_supporting(root)
        path = root / "checklists" / "X01.yaml"
        path.write_text(path.read_text().replace(", level: supporting}", "}", 1))

    got = make(entries=[entry], build=with_required_record,
               rules={"missing-evidence": "major", "stale-evidence": "observation"}
               ).result("X01.01")
    # record provided, procedure stale: only the stale rule applies here...
    assert got["reasons"] == [STALE] and got["finding_class"] == "observation"
    missing = clean(evidence=[ref(kind="procedure", reviewed=dt.date(2025, 6, 1))])
    both = make(entries=[missing], build=with_required_record,
                rules={"missing-evidence": "major", "stale-evidence": "observation"}
                ).result("X01.01")
    # ...while a missing record (major) and a stale procedure (observation) give major.
    assert both["finding_class"] == "major"
    assert both["reasons"][0].startswith("implemented, but no record") and STALE in both["reasons"]


def test_a_blocked_item_still_lists_its_evidence_checks(make: Any) -> None:
    gone = {"path": "docs/gone.md", "description": "Gone.", "kind": "procedure"}
    got = make(entries=[clean(evidence=[gone])]).result("X01.01")
    assert got["result"] == "not-assessed"
    assert [(c["kind"], c["state"], c["references"]) for c in got["evidence_checks"]] == [
        ("procedure", "unusable", [0])]


def test_an_improvement_rule_set_to_none_shows_no_reason(make: Any) -> None:
    got = make(entries=[clean(owner=None)], rules={"improvements": "none"}).result("X01.01")
    assert (got["result"], got["finding_class"], got["reasons"]) == ("conformant", None, [])
    supporting = make(entries=[clean()], build=_with_supporting,
                      rules={"supporting-evidence": "none"}).result("X01.01")
    assert (supporting["finding_class"], supporting["reasons"]) == (None, [])



def test_supporting_evidence_that_is_provided_is_no_opportunity(make: Any) -> None:
    # _implemented (run of 2026-12-04, mutants 67, 72, 73): only supporting kinds not
    # provided are opportunities; one that is shown asks for nothing.
    entry = clean(evidence=[ref(kind="procedure", reviewed=FRESH),
                            ref(kind="record", reviewed=FRESH, description="Export log.")])
    got = make(entries=[entry], build=_with_supporting).result("X01.01")
    assert (got["result"], got["finding_class"], got["reasons"]) == ("conformant", None, [])
    assert [(c["level"], c["state"]) for c in got["evidence_checks"]] == [
        ("required", "provided"), ("supporting", "provided")]

def test_exactly_three_references_are_named_without_and_more(make: Any) -> None:
    # _few: three of three is all of them.
    entries = [_not("X01.02", evidence=[ref(description="Doc 1.")]),
               _not("X01.03", evidence=[ref(description="Doc 2."), ref(description="Doc 3.")])]
    report = make(entries=entries, build=_one_clause).report()
    (finding,) = report["findings"]
    assert len(finding["evidence_seen"]) == 3
    assert "; and " not in finding["statement"]
    assert "Doc 1 (docs/a.md); Doc 2 (docs/a.md); Doc 3 (docs/a.md)" in finding["statement"]


def test_the_systemic_reason_names_scenarios_and_services(make: Any) -> None:
    # _systemic: both spreads are named, joined by " and ".
    report = make(entries=[_not("X02.01", service="app"), _not("X02.01", service="infra"),
                           _not("X01.02")],
                  build=_one_clause).report()
    (finding,) = report["findings"]
    assert finding["raised"] == ("3 minor results across 2 scenarios and 2 services show a "
                                 "systemic failure (rule systemic.minors: 3)")
    assert find(report, "X01.02")["finding_class"] == "minor"


def test_opportunities_are_one_improvement_finding_per_clause(make: Any) -> None:
    # _requirement and consolidate: ofi results become OFI-<clause>, met but improvable.
    report = make(entries=[clean(owner=None), clean("X01.03", evidence=[ref(kind="register")])],
                  build=_one_clause).report()
    (finding,) = report["findings"]
    assert (finding["id"], finding["kind"], finding["grade"]) == (
        "OFI-8.7.1", "improvement", "ofi")
    assert finding["statement"] == (
        "ISO/IEC 20000-1:2018 8.7.1 Service availability management is met for the services "
        "in scope; it could be strengthened (no owner recorded; no review or approval date on "
        "the evidence). Items: X01.01, X01.03.")
    assert report["summary"]["findings"] == {"major": 0, "minor": 0, "observation": 0,
                                             "ofi": 1}


DOC_CONTROL = ("ISO/IEC 20000-1:2018 7.5.3 Control of documented information: docs/a.md "
               "changed after it was approved (its recorded sha256 no longer matches) and is "
               "cited as evidence by {cited}; a changed controlled document needs review and "
               "re-approval.")


@pytest.mark.parametrize(("subjects", "cited", "services", "scenarios"), [
    ([("X01.01", None)], "1 item (X01.01)", [], ["X01"]),
    ([("X01.01", None), ("X01.03", None)], "2 items (X01.01, X01.03)", [], ["X01"]),
    ([("X01.01", None), ("X02.02", "app"), ("X02.02", "infra")],
     "3 items (X01.01, X02.02 (app), X02.02 (infra))", ["app", "infra"], ["X01", "X02"]),
])
def test_a_document_control_observation_says_all_it_rests_on(
        make: Any, subjects: list[tuple[str, str | None]], cited: str, services: list[str],
        scenarios: list[str]) -> None:
    # _document_control (mutation run of 2026-12-04): its id, statement, scope and waiver.
    kinds = {"X01.01": "procedure", "X01.03": "register", "X02.02": "record"}
    changed = {"sha256": "ab" * 32, "reviewed": FRESH}
    entries = [clean(item, evidence=[ref(kind=kinds[item], **changed)],
                     **({"service": service} if service else {}))
               for item, service in subjects]
    (finding,) = make(entries=entries).report()["findings"]
    digest = hashlib.sha256(DOC.encode()).hexdigest()[:10]
    assert finding["id"] == f"DC-{digest}"
    assert finding["statement"] == DOC_CONTROL.format(cited=cited)
    assert (finding["services"], finding["scenarios"], finding["waived"]) == (
        services, scenarios, False)
    assert (finding["evidence_seen"], finding["missing"]) == (
        [DOC], ["re-approval of the changed docs/a.md"])


def test_the_document_control_rule_set_to_none_raises_no_observation(make: Any) -> None:
    entry = clean(evidence=[ref(kind="procedure", reviewed=FRESH, sha256="ab" * 32)])
    report = make(entries=[entry], rules={"document-control": "none"}).report()
    assert report["findings"] == [] and report["summary"]["repository_errors"] == 1


def test_a_finding_quotes_two_assessors_notes_and_counts_the_rest(make: Any) -> None:
    # _requirement: notes lose their final full stop; two are quoted, the rest counted.
    entries = [_not(item, notes=f"Note {n}.") for n, item in
               enumerate(("X01.01", "X01.02", "X01.03"), 1)]
    (finding,) = make(entries=entries, build=_one_clause).report()["findings"]
    assert ("Assessor's notes: X01.01: Note 1; X01.02: Note 2; and 1 more. Items: "
            in finding["statement"]), finding["statement"]
