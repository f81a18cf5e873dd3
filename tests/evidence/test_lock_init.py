from __future__ import annotations

import json
from pathlib import Path

from ..conftest import DATA, Invoke
from .conftest import AS_OF, BASE


def test_lock_then_tamper_then_relock(invoke: Invoke, repo: Path) -> None:
    out = invoke(["lock", repo]).stdout
    assert "3 files locked: 3 new\n" in out and "  new: docs/export-log.csv\n" in out
    lock = json.loads((repo / "sms20k.lock.json").read_text())
    assert lock["version"] == 1
    assert sorted(lock["files"]) == ["docs/availability-2026-10.md", "docs/export-log.csv",
                                     "docs/export-procedure.md"]
    assert invoke(["validate", repo, "--as-of", AS_OF]).stdout.startswith(str(repo))
    (repo / "docs" / "export-log.csv").write_text("tampered\n")
    result = invoke(["validate", repo, "--as-of", AS_OF], code=1)
    assert "LOCK_MISMATCH docs/export-log.csv changed since it was locked" in result.stdout
    again = invoke(["lock", repo]).stdout
    assert "3 files locked: 1 changed\n" in again and "changed: docs/export-log.csv" in again
    invoke(["validate", repo, "--as-of", AS_OF], code=0)
    assert "3 files locked: unchanged\n" in invoke(["lock", repo]).stdout


def test_lock_writes_only_its_own_file(invoke: Invoke, repo: Path) -> None:
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    invoke(["lock", repo])
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    assert set(after) - set(before) == {repo / "sms20k.lock.json"}
    assert all(after[p] == data for p, data in before.items())


def test_lock_is_deterministic(invoke: Invoke, repo: Path) -> None:
    invoke(["lock", repo])
    first = (repo / "sms20k.lock.json").read_bytes()
    invoke(["lock", repo])
    assert (repo / "sms20k.lock.json").read_bytes() == first


def test_corrupt_lock_file(invoke: Invoke, repo: Path) -> None:
    (repo / "sms20k.lock.json").write_text("{not json")
    result = invoke(["validate", repo, "--as-of", AS_OF], code=2)
    assert "sms20k.lock.json:1: [error] not a valid lock file: not valid JSON: " \
        in result.stderr, result.stderr
    assert "(delete it and run `sms20k lock` again)" in result.stderr, result.stderr


def test_init_scaffolds_a_repository_that_validates(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    out = invoke(["init", target, "--service-category", "iaas", "--deployment", "private",
                  "--organization", 'Acme "Cloud" Ltd']).stdout
    assert f"created {target / 'sms20k.yaml'}" in out
    assert (target / "evidence" / "S07.yaml").exists()
    assert (target / "ci" / "github-actions.yml").exists()
    manifest = (target / "sms20k.yaml").read_text()
    assert "- id: main-service\n" in manifest
    assert "categories: [IaaS]" in manifest and "deployment_models: [private]" in manifest
    assert 'name: "Acme \\"Cloud\\" Ltd"' in manifest
    s07 = (target / "evidence" / "S07.yaml").read_text()
    assert "- item: S07.01\n    status: not-assessed" in s07
    assert "not-implemented" not in s07.split("entries:")[1]
    assert "# Evidence an auditor expects:" in s07
    result = invoke(["validate", target, "--format", "json"], code=0)
    data = json.loads(result.stdout)
    assert data["errors"] == 0 and data["entries"] >= 150
    # The organization was given; the assessor and the service name are left to the user.
    assert [(f["code"], f["line"]) for f in data["findings"]] == [
        ("PLACEHOLDER", 14), ("PLACEHOLDER", 19)]


def test_init_refuses_to_overwrite(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    target.mkdir()
    (target / "README.md").write_text("mine\n")
    result = invoke(["init", target], code=2)
    assert "README.md: [error] already exists; nothing was written" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["README.md"]
    assert (target / "README.md").read_text() == "mine\n"
    invoke(["init", target, "--force"])
    assert (target / "README.md").read_text() != "mine\n"


def test_init_rejects_unknown_category(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["init", tmp_path / "x", "--service-category", "SAAS2"], code=2)
    assert "'SAAS2' is not a cloud service category" in result.stderr
    assert not (tmp_path / "x").exists()


def test_validate_json_output(invoke: Invoke) -> None:
    case = DATA / "evidence" / "valid" / "stale-evidence"
    data = json.loads(invoke(["validate", case, "-f", "json", "--as-of", AS_OF]).stdout)
    assert data["kind"] == "validation" and data["as_of"] == AS_OF
    (finding,) = data["findings"]
    assert finding["code"] == "EVIDENCE_STALE" and finding["level"] == "warning"
    assert finding["item"] == "X01.02" and finding["line"] == 21
    assert finding["path"].endswith("evidence/entries.yaml")


def test_bad_as_of(invoke: Invoke) -> None:
    result = invoke(["validate", BASE, "--as-of", "yesterday"], code=2)
    assert result.stderr == ("sms20k: error: --as-of 'yesterday' is not a date; write it as "
                             "YYYY-MM-DD or `today`\n")


def test_a_lock_file_that_is_a_directory_is_named(invoke: Invoke, repo: Path) -> None:
    # read_lockfile (mutation run of 2026-12-07): the error names the lock file, and says
    # what is wrong in words that fit a JSON file as well as a YAML one.
    (repo / "sms20k.lock.json").mkdir()
    result = invoke(["validate", repo, "--as-of", AS_OF], code=2)
    assert "sms20k.lock.json: [error] is a directory, not a file" in result.stderr, (
        result.stderr)
