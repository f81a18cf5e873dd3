"""Placeholders that ``sms20k init`` writes are warned about until replaced (issue 13)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.run import assess
from sms20k.evidence import placeholders
from sms20k.evidence.placeholders import PLACEHOLDERS, placeholder_findings
from sms20k.evidence.repo import load_repository
from sms20k.findings import Level

from ..conftest import DATA, Invoke
from .judge import Repo, day, waiver

CASE = DATA / "evidence" / "valid" / "placeholder"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "init"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository exactly as `sms20k init` writes it, without any option."""
    from typer.testing import CliRunner

    from sms20k.cli import app

    target = tmp_path_factory.mktemp("init") / "new"
    result = CliRunner().invoke(app, ["init", str(target)])
    assert result.exit_code == 0, result.output
    return target


def test_each_placeholder_is_found_where_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASE)
    found = list(placeholder_findings(load_repository(Path())))
    assert [(f.path, f.line, f.col, f.code, f.level, f.item, f.service) for f in found] == [
        ("sms20k.yaml", 4, 9, "PLACEHOLDER", Level.WARNING, None, None),
        ("sms20k.yaml", 8, 13, "PLACEHOLDER", Level.WARNING, None, None),
        ("sms20k.yaml", 13, 13, "PLACEHOLDER", Level.WARNING, None, "main-service"),
        ("evidence/entries.yaml", 4, 12, "PLACEHOLDER", Level.WARNING, "X01.01", None),
    ]
    assert found[1].message == ("assessment.assessor is still the placeholder 'Name of the "
                                "assessor' from `sms20k init`")
    assert found[2].message.startswith("scope.services[0].name is still the placeholder ")
    assert found[3].message.startswith("entries[0].owner is still the placeholder ")
    assert {f.hint for f in found} == {"replace it with the real value"}


def test_an_edited_value_is_the_users(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "sms20k.yaml").write_text(
        "version: 1\norganization: {name: Example Cloud Ltd., description: Name of the "
        "assessor}\nassessment: {title: t, date: 2026-11-15, assessor: name of the assessor}\n"
        "scope:\n  role: cloud-service-provider\n  services:\n    - {id: a, name: ' Name of "
        "the cloud service', categories: [SaaS], deployment_models: [public]}\n")
    (found,) = placeholder_findings(load_repository(repo))
    assert (found.line, found.col) == (2, 55)  # only the description equals one exactly
    assert found.message.startswith("organization.description is still the placeholder")


def test_a_fresh_repository_validates_with_placeholder_warnings(invoke: Invoke,
                                                                fresh: Path) -> None:
    data = json.loads(invoke(["validate", fresh, "-f", "json"], code=0).stdout)
    assert data["errors"] == 0
    assert [(f["code"], f["level"], f["path"].rsplit("/", 1)[-1]) for f in data["findings"]
            ] == [("PLACEHOLDER", "warning", "sms20k.yaml")] * 3
    assert sorted(f["message"].split(" ")[0] for f in data["findings"]) == [
        "assessment.assessor", "organization.name", "scope.services[0].name"]


def test_every_placeholder_init_writes_is_a_constant(fresh: Path) -> None:
    manifest = (fresh / "sms20k.yaml").read_text()
    for value in PLACEHOLDERS:
        assert f'"{value}"' in manifest
    # The templates take the values from the constants; none is spelt out in a template.
    for template in TEMPLATES.rglob("*.j2"):
        for value in PLACEHOLDERS:
            assert value not in template.read_text(), f"{value!r} is spelt out in {template}"
    assert placeholders.ORGANIZATION == "Example Cloud Ltd"


def test_every_entry_of_a_fresh_repository_is_not_assessed(fresh: Path) -> None:
    statuses = {m for path in (fresh / "evidence").glob("*.yaml")
                for m in re.findall(r"^    status: (\S+)$", path.read_text(), flags=re.M)}
    assert statuses == {"not-assessed"}


def test_a_fresh_repository_assesses_nothing_and_finds_nothing(fresh: Path) -> None:
    report = assess(fresh).report
    assert report.summary.coverage.assessed == 0
    assert report.summary.counts.classes == {"major": 0, "minor": 0, "observation": 0,
                                             "ofi": 0}
    assert all(r.finding_class is None for r in report.results)


def _placeholders(view: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    return [(f["item"], f["service"], f["message"].split(" ")[0]) for f in view["findings"]
            if f["code"] == "PLACEHOLDER"]


def test_a_placeholder_names_the_entry_or_waiver_it_is_in(tmp_path: Path) -> None:
    # _concerns (mutation run of 2026-12-07): the item and the service of its entry or
    # waiver, and none for the other lists of the manifest (actions), however deep.
    repo = Repo(tmp_path / "repo",
                entries=[{"item": "X02.01", "service": "app", "status": "partial",
                          "owner": placeholders.ASSESSOR}],
                waivers=[waiver("X02.02", day(30), service="infra",
                                approved_by=placeholders.ASSESSOR)],
                actions=[{"item": "X01.01", "owner": "O", "due": day(5), "status": "closed",
                          "effectiveness": {"reviewed": day(-1), "effective": True,
                                            "by": placeholders.ASSESSOR}}])
    assert _placeholders(repo.validate()) == [
        ("X02.01", "app", "entries[0].owner"),
        ("X02.02", "infra", "waivers[0].approved_by"),
        (None, None, "actions[0].effectiveness.by"),
    ]
