"""The OSCAL chain `sms20k export oscal` writes, checked by its real consumers: NIST's complete
JSON Schema, a link resolver that follows each import through back-matter as an OSCAL tool
does, and compliance-trestle's CLI (`trestle import` in chain order, `trestle validate -a`)
and profile resolver in a trestle workspace."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from trestle.core.profile_resolver import ProfileResolver

from ..conftest import DATA, Invoke

SMALL = DATA / "assess" / "small"
SCHEMA = DATA / "schemas" / "oscal_complete_schema-1.2.3.json"
CHAIN = [("catalog.json", "catalog"), ("profile.json", "profile"),
         ("ssp.json", "system-security-plan"), ("assessment-plan.json", "assessment-plan"),
         ("assessment-results.json", "assessment-results")]
TRESTLE = Path(sys.executable).with_name("trestle")
TRESTLE_DIRS = {"catalog": "catalogs", "profile": "profiles",
                "system-security-plan": "system-security-plans",
                "assessment-plan": "assessment-plans", "assessment-results": "assessment-results"}

Json = dict[str, Any]


@pytest.fixture(autouse=True)
def _no_source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def exported(invoke: Invoke, tmp_path: Path) -> Path:
    out = tmp_path / "oscal"
    invoke(["export", "oscal", SMALL, "-o", out])
    return out


def _load(path: Path) -> Json:
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _validator() -> jsonschema.Draft7Validator:
    # Python's re has no \p{..}: the schema's one such pattern (a token) is translated.
    text = SCHEMA.read_text(encoding="utf-8")
    text = text.replace(r"\\p{L}", r"[^\\W\\d_]").replace(r"\\p{N}", r"\\d")
    schema = json.loads(text)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _schema_errors(document: Json) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}"
            for e in _validator().iter_errors(document)]


def test_every_document_validates_against_the_nist_schema(exported: Path,
                                                          invoke: Invoke,
                                                          tmp_path: Path) -> None:
    assert sorted(p.name for p in exported.iterdir()) == sorted(name for name, _ in CHAIN)
    for name, key in CHAIN:
        document = _load(exported / name)
        assert list(document) == [key]
        assert document[key]["metadata"]["oscal-version"] == "1.2.1", name
        assert _schema_errors(document) == [], name
    invoke(["export", "oscal", "--catalog-only", "-o", tmp_path / "builtin"])
    assert _schema_errors(_load(tmp_path / "builtin" / "catalog.json")) == []


def test_the_schema_catches_a_broken_document(exported: Path) -> None:
    document = _load(exported / "ssp.json")
    del document["system-security-plan"]["import-profile"]
    assert _schema_errors(document)
    document = _load(exported / "ssp.json")
    requirements = document["system-security-plan"]["control-implementation"]
    requirements["implemented-requirements"][0]["control-id"] = "1 bad"
    assert _schema_errors(document)
    requirements["implemented-requirements"][0]["control-id"] = "x01.01"
    assert not _schema_errors(document)


def _imports(key: str, body: Json) -> list[str]:
    if key == "profile":
        return [i["href"] for i in body["imports"]]
    field = {"system-security-plan": "import-profile", "assessment-plan": "import-ssp",
             "assessment-results": "import-ap"}.get(key)
    return [body[field]["href"]] if field else []


def _resource(body: Json, href: str) -> Json:
    """The back-matter resource an import names: by ``#uuid``, or by one of its rlinks."""
    resources = body.get("back-matter", {}).get("resources", [])
    if href.startswith("#"):
        (found,) = [r for r in resources if r["uuid"] == href[1:]]
    else:
        (found,) = [r for r in resources if href in [link["href"] for link in r["rlinks"]]]
    return found


def _follow(path: Path, key: str) -> tuple[Path, str, Json]:
    """The document the one at ``path`` imports, reached as a tool outside trestle does:
    through back-matter to the rlink relative to the importing file."""
    body = _load(path)[key]
    (href,) = _imports(key, body)
    resource = _resource(body, href)
    relative = [link for link in resource["rlinks"] if "://" not in link["href"]]
    (link,) = relative
    target = path.parent / link["href"]
    (target_key,) = _load(target)
    assert link["media-type"] == f"application/oscal.{target_key}+json"
    return target, target_key, _load(target)[target_key]


def _control_ids(catalog: Json) -> dict[str, set[str]]:
    """Each control id of a catalog with the ids of its parts (objectives among them)."""
    controls: dict[str, set[str]] = {}

    def walk(node: Json) -> None:
        for control in node.get("controls", []):
            controls[control["id"]] = {p["id"] for p in control.get("parts", []) if "id" in p}
            walk(control)
        for group in node.get("groups", []):
            walk(group)

    walk(catalog)
    return controls


def _selected(selection: Json, available: set[str]) -> set[str]:
    chosen = available if "include-all" in selection else {
        c["control-id"] for c in selection.get("include-controls", [])}
    return chosen - {c["control-id"] for c in selection.get("exclude-controls", [])}


def test_every_control_of_the_results_resolves_through_the_chain(exported: Path) -> None:
    results_path = exported / "assessment-results.json"
    plan_path, key, plan = _follow(results_path, "assessment-results")
    assert (plan_path.name, key) == ("assessment-plan.json", "assessment-plan")
    ssp_path, key, ssp = _follow(plan_path, key)
    assert (ssp_path.name, key) == ("ssp.json", "system-security-plan")
    profile_path, key, profile = _follow(ssp_path, key)
    assert (profile_path.name, key) == ("profile.json", "profile")
    catalog_path, key, catalog = _follow(profile_path, key)
    assert (catalog_path.name, key) == ("catalog.json", "catalog")

    controls = _control_ids(catalog)
    baseline: set[str] = set()
    for entry in profile["imports"]:
        baseline |= _selected(entry, set(controls))
    implemented = {r["control-id"]: r for r in
                   ssp["control-implementation"]["implemented-requirements"]}
    assert set(implemented) <= baseline
    reviewed: set[str] = set()
    for selection in plan["reviewed-controls"]["control-selections"]:
        reviewed |= _selected(selection, baseline)
    assert reviewed == set(implemented), "the plan reviews what the SSP implements"

    result = _load(results_path)["assessment-results"]["results"][0]
    named: set[str] = set()
    for selection in result["reviewed-controls"]["control-selections"]:
        named |= {c["control-id"] for c in selection.get("include-controls", [])}
        named |= {c["control-id"] for c in selection.get("exclude-controls", [])}
        assessed = _selected(selection, reviewed)
        assert assessed <= reviewed, "every assessed control is in the plan"
    assert named and named <= baseline
    objectives = {part: cid for cid, parts in controls.items() for part in parts}
    for finding in result["findings"]:
        cid = objectives[finding["target"]["target-id"]]
        assert cid in reviewed, finding["title"]

    components = {c["uuid"]: c for c in ssp["system-implementation"]["components"]}
    assert [c["type"] for c in components.values()].count("this-system") == 1
    assert {c["title"] for c in components.values() if c["type"] == "service"} == {
        c["title"] for c in result["local-definitions"]["components"]}
    for requirement in implemented.values():
        assert {b["component-uuid"] for b in requirement["by-components"]} <= set(components)
    (subjects,) = plan["assessment-subjects"]
    assert {s["subject-uuid"] for s in subjects["include-subjects"]} == set(components)
    for observation in result["observations"]:
        for subject in observation.get("subjects", []):
            assert subject["subject-uuid"] in components
    organization = [p for p in ssp["metadata"]["parties"] if p["type"] == "organization"]
    assert [p["name"] for p in organization] == ["Stratus <b>Cloud</b> & Co"]


def test_every_link_names_its_file_and_its_trestle_path(exported: Path) -> None:
    for name, key in CHAIN[1:]:
        body = _load(exported / name)[key]
        (href,) = _imports(key, body)
        rlinks = [link["href"] for link in _resource(body, href)["rlinks"]]
        target_key = CHAIN[[k for _, k in CHAIN].index(key) - 1][1]
        target_file = CHAIN[[k for _, k in CHAIN].index(key) - 1][0]
        trestle = f"trestle://{TRESTLE_DIRS[target_key]}/sms20k/{target_key}.json"
        assert rlinks == [trestle, target_file], "trestle takes the first JSON rlink"
        # trestle resolves an SSP's profile without its back-matter: a direct href.
        assert href == (trestle if key == "system-security-plan" else f"#{href[1:]}")


def test_re_runs_give_identical_files(invoke: Invoke, exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    invoke(["export", "oscal", SMALL, "-o", again])
    for name, _ in CHAIN:
        assert (exported / name).read_bytes() == (again / name).read_bytes(), name


def _trestle(workspace: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    run = subprocess.run([str(TRESTLE), *map(str, args)], cwd=workspace, capture_output=True,
                         text=True, timeout=300, check=False)
    assert run.returncode == 0, f"trestle {args}:\n{run.stdout}\n{run.stderr}"
    return run


def test_trestle_imports_and_validates_the_chain(exported: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    _trestle(workspace, "init")
    for name, _ in CHAIN:
        _trestle(workspace, "import", "-f", exported / name, "-o", "sms20k")
    moved = {key: workspace / TRESTLE_DIRS[key] / "sms20k" / f"{key}.json" for _, key in CHAIN}
    assert all(path.is_file() for path in moved.values())
    run = _trestle(workspace, "validate", "-a")
    output = run.stdout + run.stderr
    assert output.count("VALID: Model") == len(CHAIN) and "INVALID" not in output

    # After the move, each import reaches the moved file in the trestle:// form, the one
    # trestle reads: the first JSON rlink of the resource, or the SSP's own href.
    for (_, target_key), (_, key) in pairwise(CHAIN):
        body = _load(moved[key])[key]
        (href,) = _imports(key, body)
        first = href if href.startswith("trestle://") else next(
            link["href"] for link in _resource(body, href)["rlinks"]
            if link["href"].endswith(".json"))
        target = workspace / first.removeprefix("trestle://")
        assert target == moved[target_key] and list(_load(target)) == [target_key]

    # And trestle's own resolver follows the SSP's profile through the profile's back-matter
    # to the catalog.
    ssp_href = _load(moved["system-security-plan"])["system-security-plan"][
        "import-profile"]["href"]
    resolved = ProfileResolver.get_resolved_profile_catalog(workspace, ssp_href)
    ids = set(_control_ids(json.loads(resolved.oscal_serialize_json())["catalog"]))
    assert ids == set(_control_ids(_load(moved["catalog"])["catalog"]))
