"""JUnit XML read by its real consumers (issue 15, problem 4): xmllint against the Jenkins xUnit
plugin's junit-10.xsd, junitparser, and junit-report-merger (npm), on the example, on a repository
that cannot be loaded and on validate's output; test case ids unique and stable; and the
``--junit-locations`` attributes GitHub's JUnit actions read."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from junitparser import JUnitXml

from ..conftest import DATA, TESTS, Invoke
from ..tools import command, npm_file

XSD = DATA / "schemas" / "junit-10.xsd"
EXAMPLE = TESTS.parent / "examples" / "nimbus-cloud"
SMALL = DATA / "assess" / "small"
BASIC = DATA / "evidence" / "valid" / "basic"
AS_OF = ["--as-of", "2026-11-15"]


def xmllint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([command("xmllint", "libxml2-utils"), "--noout", "--schema", str(XSD),
                           str(path)], capture_output=True, text=True, check=False)


def assert_valid(path: Path) -> None:
    run = xmllint(path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().endswith("validates"), run.stderr


def ids(path: Path) -> list[tuple[str, str]]:
    return [(c.get("classname", ""), c.get("name", ""))
            for c in ET.parse(path).getroot().iter("testcase")]


def assert_counts(path: Path) -> None:
    """The counts we write are the counts junitparser finds, suite by suite and in total."""
    xml = JUnitXml.fromfile(str(path))
    written = [(s.tests, s.failures, s.errors, s.skipped) for s in xml]
    total = (xml.tests, xml.failures, xml.errors)
    for suite in xml:
        suite.update_statistics()
    xml.update_statistics()
    assert written == [(s.tests, s.failures, s.errors, s.skipped) for s in xml]
    assert total == (xml.tests, xml.failures, xml.errors)


def _copy(tmp_path: Path, source: Path = SMALL) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(source, repo)
    return repo


def _assess(invoke: Invoke, repo: Path, out: Path, *options: str, code: int = 0) -> Path:
    invoke(["assess", repo, "-o", out, "-f", "junit", "-q", *AS_OF, *options], code=code)
    return out / "report.junit.xml"


def _validate(invoke: Invoke, repo: Path, target: Path, *options: str, code: int = 1) -> Path:
    target.write_text(invoke(["validate", repo, "-f", "junit", *AS_OF, *options],
                             code=code).stdout, encoding="utf-8")
    return target


def _broken(tmp_path: Path) -> Path:
    """An unknown field in the second entry: the repository cannot be loaded."""
    repo = _copy(tmp_path, BASIC)
    entries = repo / "evidence" / "entries.yaml"
    entries.write_text(entries.read_text().replace(
        "    status: partial\n", "    status: partial\n    colour: red\n", 1))
    return repo


def test_the_example_is_valid_and_counted(invoke: Invoke, tmp_path: Path) -> None:
    report = _assess(invoke, EXAMPLE, tmp_path / "out", code=0)
    assert_valid(report)
    assert_counts(report)
    found = ids(report)
    assert len(found) == len(set(found)) > 200
    validation = _validate(invoke, EXAMPLE, tmp_path / "validate.xml", code=0)
    assert_valid(validation)
    assert_counts(validation)


def test_validate_output_and_a_broken_repository_are_valid(invoke: Invoke,
                                                           tmp_path: Path) -> None:
    assert_valid(_validate(invoke, SMALL, tmp_path / "small.xml"))
    broken = _broken(tmp_path)
    validation = _validate(invoke, broken, tmp_path / "broken.xml", code=2)
    report = _assess(invoke, broken, tmp_path / "out", code=2)
    for path in (validation, report):
        assert_valid(path)
        assert_counts(path)
        (case,) = [c for s in JUnitXml.fromfile(str(path)) for c in s if c.result]
        assert case.result[0].message.startswith("evidence/entries.yaml:18: ")
        assert case.result[0].text.startswith("evidence/entries.yaml:18: ")


def test_every_failure_message_starts_with_path_and_line(invoke: Invoke, tmp_path: Path) -> None:
    report = _assess(invoke, _copy(tmp_path), tmp_path / "out")
    failures = [c.result[0] for s in JUnitXml.fromfile(str(report)) for c in s
                if c.result and c.result[0]._tag == "failure"]
    assert len(failures) == 9
    for failure in failures:
        where = failure.message.split(": ", 1)[0]
        path, line = where.rsplit(":", 1)
        assert (tmp_path / "repo" / path).is_file() and int(line) > 0, failure.message
        assert failure.text.startswith(f"{where}: "), failure.text


def test_junit_report_merger_keeps_every_test_case(invoke: Invoke, tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    report = _assess(invoke, repo, tmp_path / "out")
    validation = _validate(invoke, repo, tmp_path / "validate.xml")
    merged = tmp_path / "merged.xml"
    cli = npm_file("junit-report-merger", "cli.js")
    run = subprocess.run([command("node", "nodejs"), str(cli), str(merged), str(report),
                          str(validation)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr + run.stdout
    both = ids(report) + ids(validation)
    assert sorted(ids(merged)) == sorted(both)
    assert len(set(ids(report))) == len(ids(report)) == 16
    xml = JUnitXml.fromfile(str(merged))
    assert xml.tests == len(both)


def test_ids_are_unique_and_stable_when_lines_move(invoke: Invoke, tmp_path: Path) -> None:
    repo = _copy(tmp_path)
    first = _assess(invoke, repo, tmp_path / "a")
    again = _assess(invoke, repo, tmp_path / "b")
    assert first.read_bytes() == again.read_bytes()
    validation = _validate(invoke, repo, tmp_path / "v1.xml")
    before = (ids(first), ids(validation))
    shifted = 0
    for path in [repo / "sms20k.yaml", *sorted((repo / "evidence").glob("*.yaml"))]:
        path.write_text("# moved\n# down\n# three lines\n" + path.read_text())
        shifted += 1
    moved = _assess(invoke, repo, tmp_path / "c")
    after = (ids(moved), ids(_validate(invoke, repo, tmp_path / "v2.xml")))
    assert shifted >= 3 and before == after
    for found in before:
        assert len(found) == len(set(found)), found
    # The lines did move: the messages say so, the ids do not.
    assert first.read_text() != moved.read_text()


@pytest.mark.parametrize("command_", ["assess", "validate"])
def test_junit_locations(invoke: Invoke, tmp_path: Path, command_: str) -> None:
    repo = _copy(tmp_path)
    run = _assess if command_ == "assess" else _validate
    plain = run(invoke, repo, tmp_path / "plain")
    located = run(invoke, repo, tmp_path / "located", "--junit-locations")
    assert_valid(plain)
    assert "file=" not in plain.read_text()
    # The strict schema forbids the attributes: that is why they are an option.
    assert "'file' is not allowed" in xmllint(located).stderr
    assert ids(plain) == ids(located)
    failing = [c for c in ET.parse(located).getroot().iter("testcase")
               if c.find("failure") is not None]
    assert failing
    for case in failing:
        file, line = case.get("file"), case.get("line")
        assert file and line and int(line) > 0, ET.tostring(case)
        assert (repo / file).is_file()
        message = case.find("failure").get("message", "")  # type: ignore[union-attr]
        assert message.startswith(f"{file}:{line}: "), message
