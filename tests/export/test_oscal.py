"""`sms20k export oscal`: the documents load in compliance-trestle's OSCAL models, and what
they say. The links between them are checked in test_oscal_chain.py."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_plan import AssessmentPlan
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog
from trestle.oscal.profile import Profile
from trestle.oscal.ssp import SystemSecurityPlan

from sms20k import __version__
from sms20k.assessment.run import assess
from sms20k.checklists.loader import load_catalog
from sms20k.export.oscal_catalog import NS
from sms20k.export.oscal_results import build_results

from ..conftest import DATA, Invoke

SMALL = DATA / "assess" / "small"
CLAUSE_2011 = "iso20000-1-2011-clause"
CLAUSE_2018 = "iso20000-1-2018-clause"


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _walk(node: object) -> Iterator[tuple[str, object]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _props(node: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in node.get("props", []) if p["name"] == name]


@pytest.fixture
def exported(invoke: Invoke, tmp_path: Path) -> Path:
    out = tmp_path / "oscal"
    invoke(["export", "oscal", SMALL, "-o", out])
    return out


def test_catalog_only_is_a_valid_oscal_catalog(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    stdout = invoke(["export", "oscal", "--catalog-only", "-o", out]).stdout
    assert sorted(p.name for p in out.iterdir()) == ["catalog.json"]
    assert "15 groups" in stdout
    model = Catalog.oscal_read(out / "catalog.json")
    assert model is not None and model.groups is not None and len(model.groups) == 15
    meta = model.metadata
    assert meta.title == "sms20k checklists for ISO/IEC 20000-1 (cloud)"
    assert meta.version == __version__
    assert meta.last_modified.isoformat() == "2026-11-29T00:00:00+00:00"

    data = _load(out / "catalog.json")["catalog"]
    assert data["metadata"]["oscal-version"] == OSCAL_VERSION, "the version trestle models"
    controls = [c for g in data["groups"] for c in g["controls"]]
    builtin = load_catalog().items
    assert len(controls) == len(builtin) >= 150
    assert [c["id"] for c in controls] == [i.lower() for i in builtin]
    for control in controls:
        label = _props(control, "label")[0]
        assert _props(control, CLAUSE_2011) == list(builtin[label].clauses_2011)
        assert _props(control, CLAUSE_2018) == list(builtin[label].clauses_2018)
        assert {p["ns"] for p in control["props"] if p["name"] != "label"} == {NS}
    assert re.fullmatch(r"s\d\d", data["groups"][6]["id"])


def test_catalog_control_parts(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["export", "oscal", "--catalog-only", "-o", tmp_path])
    groups = _load(tmp_path / "catalog.json")["catalog"]["groups"]
    s07 = next(g for g in groups if g["id"] == "s07")
    assert _props(s07, "tr20000-9-section") == ["5.7"]
    control = next(c for c in s07["controls"] if c["id"] == "s07.01")
    parts = {p["id"]: p for p in control["parts"]}
    assert set(parts) == {"s07.01_smt", "s07.01_obj", "s07.01_asm-examine",
                          "s07.01_asm-interview"}
    assert parts["s07.01_smt"]["name"] == "statement"
    assert parts["s07.01_smt"]["prose"].startswith("Define the documents")
    assert parts["s07.01_obj"]["name"] == "assessment-objective"
    examine = parts["s07.01_asm-examine"]
    assert examine["name"] == "assessment-method" and _props(examine, "method") == ["EXAMINE"]
    assert _props(examine["parts"][1], "evidence-kind") == ["record"]
    assert "Sampling: Sample 5 accounts" in examine["parts"][1]["prose"]
    questions = parts["s07.01_asm-interview"]["parts"]
    assert questions[0]["prose"].startswith("Show me which version")
    assert _props(control, "criticality") == ["high"] and "sla" in _props(control, "tag")


def test_assessment_results_are_valid_oscal(exported: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == [
        "assessment-plan.json", "assessment-results.json", "catalog.json", "profile.json",
        "ssp.json"]
    catalog = Catalog.oscal_read(exported / "catalog.json")
    assert catalog is not None and catalog.groups is not None
    assert [g.id for g in catalog.groups] == ["x01", "x02", "x03", "x04"]
    model = AssessmentResults.oscal_read(exported / "assessment-results.json")
    assert model is not None
    assert model.metadata.title == "Fixture gap assessment"
    assert model.back_matter is not None and model.back_matter.resources is not None
    (resource,) = model.back_matter.resources
    assert model.import_ap.href == f"#{resource.uuid}"
    assert model.metadata.links is None, "the catalog is reached through the chain"
    assert Profile.oscal_read(exported / "profile.json") is not None
    assert SystemSecurityPlan.oscal_read(exported / "ssp.json") is not None
    assert AssessmentPlan.oscal_read(exported / "assessment-plan.json") is not None
    result = model.results[0]
    assert result.start.isoformat() == "2026-11-15T00:00:00+00:00"
    assert result.findings and result.observations


def _level(finding: dict[str, Any]) -> str:
    return _props(finding, "finding-level")[0]


def test_findings_and_observations(exported: Path) -> None:
    doc = _load(exported / "assessment-results.json")["assessment-results"]
    result = doc["results"][0]
    findings = [f for f in result["findings"] if _level(f) == "item"]
    by_target: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        assert finding["target"]["type"] == "objective-id"
        by_target.setdefault(finding["target"]["target-id"], []).append(finding)
    assert all(target.endswith("_obj") for target in by_target)
    restore = by_target["x02.02_obj"]
    assert sorted(_props(f, "service")[0] for f in restore) == ["app", "infra"]
    for finding in restore:
        assert finding["target"]["status"]["state"] == "not-satisfied"
        assert finding["title"].startswith("Major nonconformity: X02.02")
        assert _props(finding, "finding-class") == ["major"]
    assert "x03.03_obj" not in by_target, "not assessed: never a finding"
    assert "x01.01_obj" not in by_target, "a conformant item without class has no finding"

    observations = {o["uuid"]: o for o in result["observations"]}
    assert not [o for o in observations.values() if _props(o, "item") == ["X03.03"]]
    linked = [f for f in findings if "related-observations" in f]
    assert {_props(f, "item")[0] for f in linked} >= {"X01.02", "X02.01", "X02.02"}
    for finding in linked:
        target = observations[finding["related-observations"][0]["observation-uuid"]]
        assert _props(target, "item") == _props(finding, "item")
        assert _props(target, "service") == _props(finding, "service")

    components = {c["uuid"]: c for c in result["local-definitions"]["components"]}
    for observation in observations.values():
        assert observation["methods"] == ["EXAMINE"]
        if _props(observation, "service"):
            subject = observation["subjects"][0]
            assert components[subject["subject-uuid"]]["title"].startswith("Stratus")

    selection = result["reviewed-controls"]["control-selections"][0]
    included = [c["control-id"] for c in selection["include-controls"]]
    assert included == ["x01.01", "x01.02", "x01.03", "x02.01", "x02.02", "x03.02"]
    excluded = [c["control-id"] for c in selection["exclude-controls"]]
    assert excluded == ["x03.01", "x03.03", "x04.01"], "not applicable, not assessed, out of scope"
    assert _props(selection, "not-assessed") == ["X03.03"]


def test_audit_findings_target_their_2018_clause(exported: Path) -> None:
    result = _load(exported / "assessment-results.json")["assessment-results"]["results"][0]
    audit = [f for f in result["findings"] if _level(f) == "audit"]
    assert [_props(f, "finding-id")[0] for f in audit] == [
        "F-8.7.1", "F-7.5.3", "F-8.3.2", "F-8.5.2.2"]
    assert result["findings"][:4] == audit, "the audit findings come first"
    availability = audit[0]
    assert availability["title"] == ("Major nonconformity F-8.7.1: ISO/IEC 20000-1:2018 8.7.1 "
                                     "Service availability management")
    assert _props(availability, "finding-class") == ["major"]
    assert _props(availability, "item") == ["X02.02 (app)", "X02.02 (infra)", "X02.01 (infra)"]
    target = availability["target"]
    assert target["target-id"] == "x02.02_obj", "through its worst item, which the catalog has"
    assert target["title"] == "ISO/IEC 20000-1:2018 8.7.1 Service availability management"
    assert _props(target, CLAUSE_2018) == ["8.7.1"]
    assert _props(target, CLAUSE_2011) == ["6.3.2", "6.3.3", "6.2"]
    assert target["status"] == {"state": "not-satisfied", "reason": "fail"}
    assert availability["description"].startswith("ISO/IEC 20000-1:2018 8.7.1")
    observations = {o["uuid"]: o for o in result["observations"]}
    related = [observations[r["observation-uuid"]] for r in availability["related-observations"]]
    assert [(_props(o, "item"), _props(o, "service")) for o in related] == [
        (["X02.02"], ["app"]), (["X02.02"], ["infra"]), (["X02.01"], ["infra"])]
    catalog = _load(exported / "catalog.json")["catalog"]
    objectives = {p["id"] for g in catalog["groups"] for c in g["controls"]
                  for p in c["parts"]}
    assert {f["target"]["target-id"] for f in result["findings"]} <= objectives
    props = {(p["name"], p.get("class")): p["value"] for p in result["props"]}
    assert props[("finding-count", "major")] == "1" and props[("finding-count", "minor")] == "3"
    assert props[("item-result-count", "major")] == "2"
    assert props[("as-of", None)] == "2026-11-15" and props[("coverage", None)] == "90"
    assert props[("waived", None)] == "1" and props[("repository-warnings", None)] == "1"


def test_waived_items_keep_their_verdict(exported: Path) -> None:
    result = _load(exported / "assessment-results.json")["assessment-results"]["results"][0]
    survey = next(f for f in result["findings"]
                  if _level(f) == "item" and _props(f, "item") == ["X03.02"])
    assert survey["target"]["status"]["state"] == "not-satisfied"
    assert _props(survey, "finding-class") == ["minor"]
    assert _props(survey, "waived") == ["true"]
    assert _props(survey, "waiver-expires") == ["2027-06-30"]
    assert survey["remarks"] == (
        "Waived until 2027-06-30 by Chief Executive Officer: Customer surveys restart after "
        "the CRM migration. The waiver exempts the item from the CI gates only; its verdict "
        "and class stand.")
    finding = next(f for f in result["findings"] if _props(f, "finding-id") == ["F-8.3.2"])
    assert _props(finding, "waived") == ["true"]
    assert finding["target"]["status"]["state"] == "not-satisfied"
    assert finding["remarks"].startswith("Waived: X03.02.")
    others = [f for f in result["findings"] if f not in (survey, finding)]
    assert not [f for f in others if _props(f, "waived")]


def test_evidence_hrefs_are_safe(exported: Path) -> None:
    result = _load(exported / "assessment-results.json")["assessment-results"]["results"][0]
    first = next(o for o in result["observations"] if _props(o, "item") == ["X01.01"])
    evidence = {_props(e, "evidence-type")[0]: e for e in first["relevant-evidence"]}
    assert evidence["url"]["href"] == "https://wiki.example.com/exports?a=1&b=2"
    assert "href" not in evidence["record"]
    href = evidence["path"]["href"]
    assert not href.startswith("/") and href.endswith("docs/export-procedure.md")
    assert (exported / href).resolve() == (SMALL / "docs/export-procedure.md").resolve()


def test_unsafe_links_get_no_href() -> None:
    report = assess(SMALL).report
    first = report.results[0]
    template = first.evidence[0]
    refs = [template.model_copy(update={"type": kind, "link": link}) for kind, link in (
        ("path", "../outside.md"), ("path", "/etc/passwd"), ("path", "C:/x.md"),
        ("url", "javascript:alert(1)"), ("url", "mailto:a@example.com"),
        ("path", "docs/a b.md"))]
    patched = report.model_copy(update={"results": [first.model_copy(update={"evidence": refs})]})
    observation = build_results(patched)["assessment-results"]["results"][0]["observations"][0]
    hrefs = [e.get("href") for e in observation["relevant-evidence"]]
    assert hrefs == [None, None, None, None, None, "docs/a%20b.md"]


def test_markdown_in_user_text_is_escaped(exported: Path) -> None:
    doc = _load(exported / "assessment-results.json")
    prose = [v for k, v in _walk(doc) if k in ("description", "remarks", "title")]
    assert any("\\<script\\>" in str(text) for text in prose)
    assert not any(re.search(r"(?<!\\)<(script|img)", str(text)) for text in prose)


def test_uuids_are_deterministic_uuid5(invoke: Invoke, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "out", tmp_path / "b" / "out"
    invoke(["export", "oscal", SMALL, "-o", first])
    invoke(["export", "oscal", SMALL, "-o", second])
    names = ("catalog.json", "profile.json", "ssp.json", "assessment-plan.json",
             "assessment-results.json")
    for name in names:
        data = (first / name).read_bytes()
        assert data == (second / name).read_bytes()
        assert data.endswith(b"}\n") and data.startswith(b'{\n  "')
    doc = _load(first / "assessment-results.json")
    own = [v for k, v in _walk(doc) if k == "uuid"]
    assert len(own) == len(set(own)) > 10
    assert all(uuid.UUID(str(v)).version == 5 for v in own)
    refs = {v for k, v in _walk(doc) if k in ("observation-uuid", "subject-uuid")}
    assert refs and refs <= set(own)
    documents = [v for name in names for v in _load(first / name).values()]
    assert len({d["uuid"] for d in documents}) == len(names)
    for document in documents[1:]:
        assert all(uuid.UUID(str(v)).version == 5 for k, v in _walk(document) if k == "uuid")


def test_source_date_epoch_sets_the_dates(invoke: Invoke, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    invoke(["export", "oscal", SMALL, "-o", tmp_path])
    catalog = _load(tmp_path / "catalog.json")["catalog"]
    assert catalog["metadata"]["last-modified"] == "2027-01-01T00:00:00Z"
    # The results start on the as-of date, the assessment's own date unless --as-of says
    # otherwise, whatever day the export runs.
    results = _load(tmp_path / "assessment-results.json")["assessment-results"]
    assert results["results"][0]["start"] == "2026-11-15T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    invoke(["export", "oscal", "--catalog-only", "-o", tmp_path / "bad"], code=2)


def test_as_of_option(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["export", "oscal", SMALL, "-o", tmp_path, "--as-of", "2026-12-01"])
    results = _load(tmp_path / "assessment-results.json")["assessment-results"]
    assert results["results"][0]["start"] == "2026-12-01T00:00:00Z"


def test_output_that_is_a_file_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = invoke(["export", "oscal", SMALL, "-o", target], code=2)
    assert "not a directory" in result.stderr
    invoke(["export", "oscal", "--catalog-only", "-o", target], code=2)
    assert target.read_text(encoding="utf-8") == "x"


def test_custom_checklists_join_the_catalog(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["export", "oscal", "--catalog-only", "--checklists", SMALL / "checklists",
            "-o", tmp_path])
    groups = _load(tmp_path / "catalog.json")["catalog"]["groups"]
    assert len(groups) == 19 and groups[-1]["id"] == "x04"


def test_missing_repository_is_an_input_error(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["export", "oscal", tmp_path / "nowhere", "-o", tmp_path / "out"], code=2)
    assert not (tmp_path / "out").exists()



def test_the_repository_and_its_catalog_are_loaded_once(invoke: Invoke, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from sms20k.evidence import repo_catalog
    from sms20k.export import oscal

    calls: list[str] = []

    def count(module: Any, name: str) -> None:
        real = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    # Where the two loaders are looked up when a repository is exported.
    for module, name in ((repo_catalog, "load_repository"), (repo_catalog, "load_catalog"),
                         (oscal, "load_catalog")):
        count(module, name)
    invoke(["export", "oscal", SMALL, "-o", tmp_path])
    assert sorted(calls) == ["load_catalog", "load_repository"]
