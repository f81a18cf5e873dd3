"""Checklist directories: nothing outside a directory is read, and loops cost nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sms20k.checklists import files as checklist_files
from sms20k.checklists.files import scenario_files

from ..conftest import DATA, Invoke
from ..hostile.builders import SECRET

BASIC = DATA / "evidence" / "valid" / "basic"
SECRET_VALUE = SECRET.split(": ")[1]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BASIC, tmp_path / "repo")
    (tmp_path / "secret.yaml").write_text(SECRET + "\n")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


LINKS = {
    "file-absolute": ("checklists/X03.yaml", "{tmp}/secret.yaml"),
    "file-relative": ("checklists/X03.yml", "../../secret.yaml"),
    "file-in-subdirectory": ("checklists/sub/X03.yaml", "{tmp}/secret.yaml"),
    "directory": ("checklists/shared", "{tmp}"),
    "chain": ("checklists/X03.yaml", "hop.txt"),
}


@pytest.mark.parametrize("case", LINKS)
@pytest.mark.parametrize("command", [["validate", "."], ["assess", ".", "-q", "-o", "../out"],
                                     ["lint-checklists", "checklists"],
                                     ["scenarios", "--checklists", "checklists"]])
def test_a_secret_behind_a_symlink_is_never_read(invoke: Invoke, repo: Path, case: str,
                                                 command: list[str]) -> None:
    name, target = LINKS[case]
    link = repo / name
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(target.replace("{tmp}", str(repo.parent)))
    if case == "chain":  # a symlink inside that points on to one outside
        (repo / "checklists" / "hop.txt").symlink_to(repo.parent / "secret.yaml")
    result = invoke(command, code=2)
    output = result.stdout + result.stderr
    assert "CHECKLISTS_OUTSIDE" in output and name in output, output
    assert SECRET_VALUE not in output and "TOP-SECRET" not in output, output


@pytest.mark.parametrize("loop", [".", "..", "../..", "sub"])
def test_directory_symlink_loops_are_walked_once(repo: Path, loop: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A directory symlink that stays inside is not descended into, so the walk reads each
    real directory once, whatever loops the repository holds."""
    (repo / "checklists" / "sub").mkdir()
    for name in ("a", "b", "c"):
        (repo / "checklists" / "sub" / name).symlink_to(loop)
    scans: list[str] = []
    real_scandir = os.scandir

    def counting(path: str | Path) -> object:
        scans.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(checklist_files.os, "scandir", counting)
    files, refused = scenario_files(Path("checklists"))
    assert [str(p) for p in files] == ["checklists/X01.yaml", "checklists/X02.yaml"]
    assert sorted(scans) == ["checklists", "checklists/sub"]
    assert [f.code for f in refused] == (["CHECKLISTS_OUTSIDE"] * 3 if loop == "../.." else [])


def test_a_symlink_that_stays_inside_is_read(repo: Path) -> None:
    (repo / "checklists" / "more").mkdir()
    shutil.move(repo / "checklists" / "X02.yaml", repo / "checklists" / "more" / "X02.yaml")
    (repo / "checklists" / "X02.yaml").symlink_to("more/X02.yaml")
    files, refused = scenario_files(Path("checklists"))
    assert refused == []
    assert [str(p) for p in files] == ["checklists/X01.yaml", "checklists/X02.yaml",
                                       "checklists/more/X02.yaml"]
