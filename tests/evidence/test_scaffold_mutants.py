"""scaffold: the files it writes, its refusals and their messages (issue 12)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sms20k.checklists.catalog import Catalog
from sms20k.checklists.loader import load_catalog
from sms20k.errors import InputError, UsageError
from sms20k.evidence.scaffold import scaffold

DAY = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_the_files_it_writes(catalog: Catalog, tmp_path: Path) -> None:
    written = scaffold(tmp_path, catalog, categories=[], deployments=[],
                       organization="Acme Hosting", today=DAY)
    assert written[:4] == [tmp_path / "sms20k.yaml", tmp_path / "README.md",
                           tmp_path / "ci" / "github-actions.yml",
                           tmp_path / "ci" / "gitlab-ci.yml"]
    assert (tmp_path / "ci" / "gitlab-ci.yml").is_file()
    assert "Acme Hosting" in (tmp_path / "README.md").read_text()
    manifest = (tmp_path / "sms20k.yaml").read_text()
    assert "categories: [SaaS]" in manifest and "deployment_models: [public]" in manifest


def test_an_existing_file_refuses_without_force(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mine\n")
    with pytest.raises(InputError) as caught:
        scaffold(tmp_path, catalog, categories=[], deployments=[], organization="A", today=DAY)
    assert caught.value.path == str(tmp_path / "README.md")
    assert caught.value.hint == "choose an empty directory, or pass --force to overwrite"
    assert (tmp_path / "README.md").read_text() == "mine\n"


def test_an_unknown_deployment_model(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        scaffold(tmp_path, catalog, categories=[], deployments=["publik"], organization="A")
    assert str(caught.value) == "'publik' is not a deployment model (did you mean `public`?)"


def test_an_unknown_category_with_nothing_close(catalog: Catalog, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        scaffold(tmp_path, catalog, categories=["zzz"], deployments=[], organization="A")
    assert str(caught.value) == ("'zzz' is not a cloud service category (choose from CaaS, "
                                 "CompaaS, DSaaS, IaaS, NaaS, PaaS, SaaS)")
    assert list(tmp_path.iterdir()) == []
