"""The wheel carries its data: build it, install it in a fresh venv, run it outside the repo.

Offline: the wheel is built without build isolation by the hatchling already installed
(hatchling must be importable, as it is after ``pip install -e .``), and installed with
``--no-index --no-deps``; the fresh venv finds the dependencies (typer, pydantic, ...) in
this environment's site-packages through a .pth file, but sms20k only in its own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("hatchling") is None:
        pytest.fail("hatchling is not installed: the offline wheel build needs it "
                    "(pip install hatchling)")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--skip-dependency-check",
         "--outdir", str(work / "dist"), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    wheels = list((work / "dist").glob("sms20k-*.whl"))
    assert len(wheels) == 1
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "sms20k/_data/checklists/scenarios/S07.yaml" in names
    assert "sms20k/_data/checklists/clauses/crosswalk-2011-2018.yaml" in names
    assert {f"sms20k/_data/schemas/{p.name}" for p in (ROOT / "schemas").glob("*.json")} <= set(
        names)
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
                    str(wheels[0])], check=True, capture_output=True, text=True)
    own = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                         check=True, capture_output=True, text=True).stdout.strip()
    Path(own, "outer-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / "sms20k"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_installed_wheel_runs_outside_the_repo(installed: Path, tmp_path: Path) -> None:
    result = _run(installed, "scenarios", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "15 scenarios" in result.stdout and "S15" in result.stdout
    code = "import sms20k.resources as r; print(r.data_root())"
    located = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout
    assert "site-packages" in located and str(ROOT) not in located


def test_installed_wheel_commands(installed: Path, tmp_path: Path) -> None:
    clauses = _run(installed, "clauses", cwd=tmp_path)
    assert "57/57 leaf clauses covered" in clauses.stdout, clauses.stderr
    shown = json.loads(_run(installed, "show", "2018:8.3.3", "-f", "json", cwd=tmp_path).stdout)
    assert shown["items"]
    catalog = _run(installed, "catalog", "--format", "md", cwd=tmp_path)
    assert catalog.stdout.startswith("# sms20k checklist")
    module = subprocess.run([str(installed / "bin" / "python"), "-m", "sms20k", "--version"],
                            cwd=tmp_path, capture_output=True, text=True, check=True)
    assert module.stdout.startswith("sms20k ")


def test_installed_wheel_publishes_the_json_schemas(installed: Path, tmp_path: Path) -> None:
    """The schemas ship as files with their $id, equal to `sms20k schema KIND` of that wheel,
    and check-jsonschema accepts them as 2020-12 schemas."""
    code = ("import json, sms20k.resources as r; d = r.data_root() / 'schemas'; "
            "print(json.dumps({p.name: p.read_text() for p in d.iterdir()}))")
    shipped = json.loads(subprocess.run([str(installed / "bin" / "python"), "-c", code],
                                        cwd=tmp_path, capture_output=True, text=True,
                                        check=True).stdout)
    assert sorted(shipped) == ["checklist-1.json", "evidence-1.json", "report-2.json"]
    for name, text in shipped.items():
        kind = name.split("-")[0]
        assert text == _run(installed, "schema", kind, cwd=tmp_path).stdout
        assert json.loads(text)["$id"] == f"https://sms20k.example/schemas/{name}"
        (tmp_path / name).write_text(text)
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(checker), "--check-metaschema", *sorted(tmp_path.glob("*.json"))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
