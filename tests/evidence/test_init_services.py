"""``sms20k init --service id:Name:CATEGORIES:MODELS``: several services in scope (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sms20k.errors import UsageError
from sms20k.evidence.scaffold import choose_services, parse_service

from ..conftest import Invoke

CRM = 'crm:Nimbus CRM:SaaS:public,community'
COMPUTE = "compute:Compute:IaaS,PaaS:public,private"
FORM = ('; expected id:Name:CATEGORIES:MODELS[:tenancy=T][:infrastructure=I], e.g. --service '
        'crm:"Nimbus CRM":SaaS:public,community')

# X01.01 applies to SaaS on public clouds, X01.02 to IaaS on private ones, X01.03 to CaaS,
# which no service below offers.
CHECKLIST = """\
id: X01
title: Tenant data export
summary: Customers can export their data at any time.
outcomes: [Exports are delivered on time.]
applicability:
  service_categories: [CaaS, IaaS, SaaS]
  deployment_models: [public, private]
  roles: [cloud-service-provider]
items:
{items}
"""
ITEM = """\
  - id: X01.0{n}
    title: Export step {n}
    guidance: Keep a written export procedure. Customers test their exit plans with it.
    clauses_2011: ["6.1"]
{applicability}    evidence:
      - {{kind: procedure, description: Approved export procedure., cadence: P1Y}}
    questions: [Walk me through the last export you delivered.]
    criticality: high
    tags: [portability]
"""


@pytest.fixture
def checklists(tmp_path: Path) -> Path:
    only = ("    applicability:\n      service_categories: [SaaS]\n"
            "      deployment_models: [public]\n",
            "    applicability:\n      service_categories: [IaaS]\n"
            "      deployment_models: [private]\n",
            "    applicability:\n      service_categories: [CaaS]\n")
    directory = tmp_path / "checklists"
    directory.mkdir()
    items = "".join(ITEM.format(n=n, applicability=a) for n, a in enumerate(only, start=1))
    (directory / "X01.yaml").write_text(CHECKLIST.format(items=items))
    return directory


def test_each_service_is_written_to_the_manifest(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    invoke(["init", target, "--service", CRM, "--service", COMPUTE])
    manifest = yaml.safe_load((target / "sms20k.yaml").read_text())
    assert manifest["scope"]["services"] == [
        {"id": "crm", "name": "Nimbus CRM", "categories": ["SaaS"],
         "deployment_models": ["public", "community"]},
        {"id": "compute", "name": "Compute", "categories": ["IaaS", "PaaS"],
         "deployment_models": ["public", "private"]},
    ]
    assert manifest["scope"]["per_service"] == []
    text = (target / "sms20k.yaml").read_text()
    assert "  # per_service: scenarios (S08) or items (S10.03) judged separately" in text
    assert "Left empty on purpose" in text
    entries = yaml.safe_load((target / "evidence" / "S07.yaml").read_text())["entries"]
    assert all("service" not in e for e in entries)
    assert "# Applies to the services: crm, compute" in (target / "evidence" / "S07.yaml"
                                                           ).read_text()
    readme = (target / "README.md").read_text()
    assert "- `crm` Nimbus CRM: SaaS; public, community\n" in readme


def test_one_service_gets_no_per_service_explanation(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["init", tmp_path / "new", "--service", CRM])
    text = (tmp_path / "new" / "sms20k.yaml").read_text()
    assert "Left empty on purpose" not in text and "  per_service: []\n" in text
    assert "Applies to the services" not in (tmp_path / "new" / "evidence" / "S07.yaml"
                                             ).read_text()


def test_entries_for_items_that_apply_to_at_least_one_service(
        invoke: Invoke, tmp_path: Path, checklists: Path) -> None:
    target = tmp_path / "new"
    invoke(["init", target, "--checklists", checklists, "--service", "app:App:SaaS:public",
            "--service", "infra:Infra:IaaS:private", "--organization", "Acme"])
    text = (target / "evidence" / "X01.yaml").read_text()
    entries = yaml.safe_load(text)["entries"]
    assert [(e["item"], e["status"]) for e in entries] == [
        ("X01.01", "not-assessed"), ("X01.02", "not-assessed")]
    assert "# X01.01 Export step 1 [high]\n  # Clauses: ISO/IEC 20000-1:2011 6.1\n" \
           "  # Applies to the services: app\n" in text
    assert "  # Applies to the services: infra\n" in text
    data = json.loads(invoke(["validate", target, "--checklists", checklists, "-f", "json"]
                             ).stdout)
    assert data["errors"] == 0
    assert [f["code"] for f in data["findings"]] == ["PLACEHOLDER"]  # the assessor only


def test_a_service_that_none_applies_to_gets_no_file(invoke: Invoke, tmp_path: Path,
                                                     checklists: Path) -> None:
    target = tmp_path / "new"
    invoke(["init", target, "--checklists", checklists, "--service", "box:Box:NaaS:hybrid"])
    assert not (target / "evidence" / "X01.yaml").exists()
    assert (target / "evidence" / "S01.yaml").exists()


def test_the_name_may_contain_colons_and_case_is_forgiven() -> None:
    service = parse_service(" crm : Nimbus: CRM : saas , PAAS : Public")
    assert (service.id, service.name, service.categories, service.deployment_models) == (
        "crm", "Nimbus: CRM", ["SaaS", "PaaS"], ["public"])


def test_tenancy_and_infrastructure_follow_the_deployment_models() -> None:
    service = parse_service("db:Managed DB:PaaS:private:infrastructure = owned, colocation"
                            ":tenancy=Single")
    assert (service.name, service.tenancy, service.infrastructure) == (
        "Managed DB", ["single"], ["owned", "colocation"])
    assert parse_service("db:DB:PaaS:private").tenancy is None


def test_init_writes_tenancy_and_infrastructure(invoke: Invoke, tmp_path: Path) -> None:
    invoke(["init", tmp_path / "repo", "--service",
            "db:DB:PaaS:private:tenancy=single:infrastructure=third-party-cloud",
            "--service", CRM])
    services = yaml.safe_load((tmp_path / "repo" / "sms20k.yaml").read_text())["scope"][
        "services"]
    assert [(s["id"], s.get("tenancy"), s.get("infrastructure")) for s in services] == [
        ("db", ["single"], ["third-party-cloud"]), ("crm", None, None)]


@pytest.mark.parametrize(("spec", "problem"), [
    ("crm:CRM:SaaS", "3 parts where 4 are needed"),
    ("crm", "1 part where 4 are needed"),
    ("CRM:CRM:SaaS:public", "the id 'CRM' is not lower-case letters and digits joined by "
     "single hyphens (did you mean `crm`?)"),
    ("crm_app:CRM:SaaS:public", "the id 'crm_app' is not lower-case letters and digits "
     "joined by single hyphens (did you mean `crm-app`?)"),
    ("-crm:CRM:SaaS:public", "the id '-crm' is not lower-case letters and digits joined by "
     "single hyphens (did you mean `crm`?)"),
    (":CRM:SaaS:public", "the id '' is not lower-case letters and digits joined by single "
     "hyphens"),
    ("crm: :SaaS:public", "the name is empty"),
    ("crm:CRM:SAAS2:public", "'SAAS2' is not a cloud service category (did you mean `SaaS` "
     "or `DSaaS` or `PaaS`?)"),
    ("crm:CRM:Nope:public", "'Nope' is not a cloud service category (choose from CaaS, "
     "CompaaS, DSaaS, IaaS, NaaS, PaaS, SaaS)"),
    ("crm:CRM:SaaS:publik", "'publik' is not a deployment model (did you mean `public`?)"),
    ("crm:CRM:SaaS,,PaaS:public", "an empty cloud service category in 'SaaS,,PaaS'; "
     "separate them with single commas"),
    ("crm:CRM:SaaS:", "an empty deployment model in ''; separate them with single commas"),
    ("crm:CRM:SaaS,saas:public", "a cloud service category is listed twice in 'SaaS,saas'"),
    ("crm:CRM:SaaS:public,public", "a deployment model is listed twice in 'public,public'"),
    ("crm:CRM:SaaS:public:tenancy=shared", "'shared' is not a tenancy (choose from single, "
     "multi)"),
    ("crm:CRM:SaaS:public:infrastructure=own", "'own' is not a kind of infrastructure (did you "
     "mean `owned`?)"),
    ("crm:CRM:SaaS:public:tenancy=single:tenancy=multi", "tenancy is given twice"),
    ("crm:CRM:SaaS:public:tenancy=", "an empty tenancy in ''; separate them with single commas"),
    ("crm:tenancy=single", "1 part where 4 are needed"),
])
def test_a_bad_service_names_the_value_the_problem_and_the_form(spec: str, problem: str
                                                                 ) -> None:
    with pytest.raises(UsageError) as caught:
        parse_service(spec)
    assert str(caught.value) == f"--service {spec!r}: {problem}{FORM}"


def test_a_bad_service_exits_2_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["init", tmp_path / "new", "--service", CRM, "--service",
                     "crm:Other:PaaS:private"], code=2)
    assert result.stderr == ("sms20k: error: --service 'crm:Other:PaaS:private': the id "
                             f"'crm' is already given to 'Nimbus CRM'; every service needs "
                             f"its own id{FORM}\n")
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("shorthand", [["--service-category", "SaaS"],
                                       ["--deployment", "public"]])
def test_the_shorthand_options_do_not_mix_with_service(invoke: Invoke, tmp_path: Path,
                                                       shorthand: list[str]) -> None:
    result = invoke(["init", tmp_path / "new", "--service", CRM, *shorthand], code=2)
    assert result.stderr == (
        "sms20k: error: --service cannot be combined with --service-category or --deployment "
        "(those describe the single service `main-service`); give each service as "
        "--service id:Name:CATEGORIES:MODELS[:tenancy=T][:infrastructure=I]\n")
    assert not (tmp_path / "new").exists()


def test_the_shorthand_and_the_default_are_one_placeholder_service() -> None:
    (default,) = choose_services([])
    (shorthand,) = choose_services([], ["iaas", "IaaS", "PaaS"], ["Private"])
    assert (default.id, default.name, default.categories, default.deployment_models) == (
        "main-service", "Name of the cloud service", ["SaaS"], ["public"])
    assert (shorthand.id, shorthand.categories, shorthand.deployment_models) == (
        "main-service", ["IaaS", "PaaS"], ["private"])


def test_more_services_than_a_repository_may_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMS20K_MAX_SERVICES", "2")
    specs = [f"s{n}:S{n}:SaaS:public" for n in range(3)]
    assert len(choose_services(specs[:2])) == 2
    with pytest.raises(UsageError) as caught:
        choose_services(specs)
    assert str(caught.value) == ("3 services given to --service; sms20k assesses at most 2 "
                                 "in one repository")


def test_an_empty_organization_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["init", tmp_path / "new", "--organization", " "], code=2)
    assert result.stderr == ("sms20k: error: --organization is empty; give the "
                             "organization's name, or leave the option out for a "
                             "placeholder\n")
    assert not (tmp_path / "new").exists()
