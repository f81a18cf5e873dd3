"""Packaged data is read from inside the package, in a checkout and in a built distribution."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import sms20k
from sms20k import resources

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = ("checklists", "templates", "schemas")


def _files(top: Path) -> set[str]:
    return {p.relative_to(top).as_posix() for p in top.rglob("*") if p.is_file()}


def test_data_is_read_from_inside_the_package() -> None:
    package = Path(sms20k.__file__).parent
    assert Path(str(resources.data_root())) == package / "_data"
    assert Path(str(resources.checklists_dir())) == package / "_data" / "checklists"
    assert Path(str(resources.templates_dir())) == package / "_data" / "templates"


@pytest.mark.parametrize("name", DATA_DIRS)
def test_the_checkout_links_the_top_level_data_into_the_package(name: str) -> None:
    link = ROOT / "src" / "sms20k" / "_data" / name
    assert link.is_symlink(), f"{link} must be a symlink to the top-level {name}/"
    assert link.resolve() == (ROOT / name).resolve()
    reached = {p.name for p in (resources.data_root() / name).iterdir()}
    assert reached == {p.name for p in (ROOT / name).iterdir()}


@pytest.mark.slow
def test_sdist_and_the_wheel_built_from_it_carry_every_data_file(tmp_path: Path) -> None:
    # --no-isolation: the build backend comes from the test extras, so this runs offline.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    expected = {f"{name}/{f}" for name in DATA_DIRS for f in _files(ROOT / name)}
    (sdist,) = tmp_path.glob("sms20k-*.tar.gz")
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()}
    assert expected <= members
    assert not {m for m in members if m.startswith("src/sms20k/_data/")}
    (wheel,) = tmp_path.glob("sms20k-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged = {n.removeprefix("sms20k/_data/") for n in names if n.startswith("sms20k/_data/")}
    assert packaged == expected
