"""A repository that cannot be loaded still gets every machine format, well-formed, with the
load problems at their file:line (issue 15): a CI job's artifact is never empty."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from ..conftest import DATA, Invoke

BASIC = DATA / "evidence" / "valid" / "basic"
SARIF_SCHEMA = json.loads((DATA / "schemas" / "sarif-2.1.0.schema.json").read_text())


def _broken(tmp_path: Path, how: str) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(BASIC, repo)
    entries = repo / "evidence" / "entries.yaml"
    text = entries.read_text()
    if how == "schema":  # an unknown field in the second entry, line 18
        entries.write_text(text.replace("    status: partial\n",
                                        "    status: partial\n    colour: red\n", 1))
    elif how == "yaml":
        entries.write_text(text.replace("    status: partial\n", "    status: [partial\n", 1))
    else:
        (repo / "sms20k.yaml").unlink()
    return repo


def _where(how: str) -> tuple[str, int | None]:
    return {"schema": ("evidence/entries.yaml", 18), "yaml": ("evidence/entries.yaml", 18),
            "manifest": ("sms20k.yaml", None)}[how]


@pytest.mark.parametrize("how", ["schema", "yaml", "manifest"])
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "codequality", "github"])
def test_validate_writes_every_machine_format(invoke: Invoke, tmp_path: Path, fmt: str,
                                             how: str) -> None:
    repo = _broken(tmp_path, how)
    result = invoke(["validate", repo, "-f", fmt], code=2)
    out, (path, line) = result.stdout, _where(how)
    assert out.strip(), f"nothing on stdout; stderr:\n{result.stderr}"
    assert "[error]" in result.stderr, result.stderr  # the human lines stay on stderr
    if fmt == "json":
        data = json.loads(out)
        assert data["loaded"] is False and data["errors"] >= 1, out
        assert any(f["path"].endswith(path) and f["line"] == line for f in data["findings"]), out
    elif fmt == "sarif":
        data = json.loads(out)
        jsonschema.Draft7Validator(SARIF_SCHEMA).validate(data)
        places = [(loc["physicalLocation"]["artifactLocation"]["uri"],
                   loc["physicalLocation"].get("region", {}).get("startLine"))
                  for r in data["runs"][0]["results"] for loc in r.get("locations", [])]
        assert any(uri.endswith(path) and start == line for uri, start in places), out
    elif fmt == "junit":
        ET.fromstring(out)  # well-formed
        (tmp_path / "r.xml").write_text(out)
        suites = JUnitXml.fromfile(str(tmp_path / "r.xml"))
        failures = [c for s in suites for c in s if c.result]
        assert failures and any(path in (c.result[0].text or "") for c in failures), out
    elif fmt == "codequality":
        issues = json.loads(out)
        assert any(i["location"]["path"].endswith(path)
                   and i["location"]["lines"]["begin"] == (line or 1) for i in issues), out
    else:
        first = out.splitlines()[0]
        assert first.startswith("::error file=") and path in first, out
        assert (f"line={line}," in first) if line else True, out
        assert "could not be loaded" in out.splitlines()[-1], out


def test_assess_writes_the_ci_formats_and_no_report(invoke: Invoke, tmp_path: Path) -> None:
    repo, out = _broken(tmp_path, "schema"), tmp_path / "out"
    invoke(["assess", repo, "-o", out, "-f", "sarif", "-f", "junit", "-f", "codequality",
            "-f", "html", "-q"], code=2)
    assert sorted(p.name for p in out.iterdir()) == [
        "report.codequality.json", "report.junit.xml", "report.sarif"]
    issues = json.loads((out / "report.codequality.json").read_text())
    assert [i["check_name"] for i in issues] == ["SCHEMA"]


def test_assess_without_ci_formats_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    repo, out = _broken(tmp_path, "schema"), tmp_path / "out"
    invoke(["assess", repo, "-o", out, "-f", "html", "-q"], code=2)
    assert not out.exists()
