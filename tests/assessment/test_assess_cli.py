from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sms20k.checklists.loader import content_version

from ..conftest import DATA, Invoke


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tests/data so that file names in reports do not depend on the checkout."""
    monkeypatch.chdir(DATA)
    return Path("assess/small")


def test_json_and_csv_golden(invoke: Invoke, in_data: Path, tmp_path: Path,
                             golden: Callable[[str, str], None]) -> None:
    invoke(["assess", in_data, "-f", "json", "-f", "csv", "-o", tmp_path, "-q"])
    golden("report.json", (tmp_path / "report.json").read_text(encoding="utf-8"))
    golden("report.csv", (tmp_path / "report.csv").read_text(encoding="utf-8"))


def test_json_report_content(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    invoke(["assess", in_data, "-f", "json", "-o", tmp_path, "-q"])
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["kind"] == "assessment" and data["format_version"] == 2
    assert data["meta"]["as_of"] == "2026-11-15"  # the assessment date
    assert data["meta"]["content_version"] == content_version()
    assert data["meta"]["checklists"] == "custom scenarios X01, X02, X03, X04"
    # Two item-level majors (X02.02 for each service) are one audit finding under 8.7.1.
    assert data["summary"]["counts"]["classes"]["major"] == 2
    assert data["summary"]["findings"] == {"major": 1, "minor": 3, "observation": 0, "ofi": 0}
    assert [f["id"] for f in data["findings"]] == ["F-8.7.1", "F-7.5.3", "F-8.3.2", "F-8.5.2.2"]
    assert data["summary"]["coverage"] == {"assessed": 9, "in_scope": 10, "percent": 90.0,
                                           "not_assessed_scenarios": []}
    first = data["gaps"][0]
    assert (first["item"], first["finding_class"]) == ("X02.02", "major")
    x0102 = next(r for r in data["results"] if r["item"] == "X01.02")
    assert "waiver expired 2026-10-01" in x0102["reasons"]
    assert x0102["location"] == {"path": "assess/small/evidence/x01.yaml", "line": 18, "col": 5}


def test_csv_neutralizes_formulas(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    invoke(["assess", in_data, "-f", "csv", "-o", tmp_path, "-q"])
    rows = list(csv.DictReader(io.StringIO((tmp_path / "report.csv").read_text())))
    owners = {r["id"]: r["owner"] for r in rows}
    assert owners["X01.02"].startswith("'=HYPERLINK(")
    assert owners["X01.03"] == "'@Product Manager"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert rows[0].keys() >= {"id", "scenario", "title", "clauses_2011", "clauses_2018",
                              "status", "result", "finding_class", "score", "owner",
                              "evidence_count", "last_review", "reasons"}


def test_reports_are_byte_identical(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    for run in ("a", "b"):
        invoke(["assess", in_data, "-f", "json", "-f", "csv", "-o", tmp_path / run, "-q"])
    for name in ("report.json", "report.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_source_date_epoch_and_as_of(invoke: Invoke, in_data: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # One as-of rule for every command: --as-of, else assessment.date; SOURCE_DATE_EPOCH
    # (a build timestamp) no longer moves the date a repository is judged on.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    invoke(["assess", in_data, "-f", "json", "-o", tmp_path, "-q"])
    assert json.loads((tmp_path / "report.json").read_text())["meta"]["as_of"] == "2026-11-15"
    invoke(["assess", in_data, "-f", "json", "-o", tmp_path, "-q", "--as-of", "2026-12-01"])
    assert json.loads((tmp_path / "report.json").read_text())["meta"]["as_of"] == "2026-12-01"


def test_terminal_summary(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    out = invoke(["assess", in_data, "-f", "json", "-o", tmp_path]).stdout
    assert "Overall score" in out and "Top gaps (of 6)" in out
    assert "X02.02 (app)" in out and "Major nonconformity" in out
    assert f"Wrote {tmp_path / 'report.json'}" in out
    assert "\x1b[" not in out
    assert invoke(["assess", in_data, "-f", "json", "-o", tmp_path, "--quiet"]).stdout == ""


def test_output_path_that_is_a_file_is_refused(invoke: Invoke, in_data: Path,
                                               tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("keep me")
    result = invoke(["assess", in_data, "-f", "json", "-o", target], code=2)
    assert "exists and is not a directory" in result.stderr
    assert target.read_text() == "keep me"


def test_only_report_files_are_written(invoke: Invoke, in_data: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    invoke(["assess", in_data, "-f", "json", "-f", "csv", "-o", tmp_path, "-q"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "report.csv",
                                                         "report.json"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_assess_leaves_the_repository_alone(invoke: Invoke, in_data: Path,
                                            tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in in_data.rglob("*")}
    invoke(["assess", in_data, "-f", "json", "-o", tmp_path, "-q"])
    assert {p: p.stat().st_mtime_ns for p in in_data.rglob("*")} == before


def test_user_template_is_rendered_in_a_sandbox(invoke: Invoke, in_data: Path,
                                                tmp_path: Path) -> None:
    template = tmp_path / "summary.txt.j2"
    template.write_text("{{ report.meta.organization }}: {{ report.summary.score | score }}\n"
                        "{% for g in report.gaps %}{{ g.item }} {% endfor %}\n")
    invoke(["assess", in_data, "--template", template, "-o", tmp_path / "out", "-q"])
    text = (tmp_path / "out" / "summary.txt").read_text()
    # Overall 45.8 (docs in test_gates_mutants); gaps: the two X02.02 majors, the minors by
    # criticality then id (X01.02 medium, X01.03 and the waived X03.02 low), X02.01's
    # observation.
    assert text == ("Stratus <b>Cloud</b> & Co: 45.8%\n"
                    "X02.02 X02.02 X01.02 X01.03 X03.02 X02.01 ")
    page = tmp_path / "page.html.j2"
    page.write_text("<h1>{{ report.meta.organization }}</h1>")
    invoke(["assess", in_data, "--template", page, "-o", tmp_path / "out", "-q"])
    assert (tmp_path / "out" / "page.html").read_text() == (
        "<h1>Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co</h1>")
    helpers = tmp_path / "helpers.md.j2"
    helpers.write_text("{% for g in ctx.findings_by_class.major %}{{ g | label }};"
                       "{{ anchor(g) }} {% endfor %}")
    invoke(["assess", in_data, "--template", helpers, "-o", tmp_path / "out", "-q"])
    assert (tmp_path / "out" / "helpers.md").read_text() == (
        "X02.02 · Stratus App;item-X02.02-app X02.02 · Stratus Infra;item-X02.02-infra ")
    for payload in ("{{ report.__class__.__mro__[1].__subclasses__() }}",
                    "{{ report.parse_raw('x', allow_pickle=True) }}",
                    "{{ ctx.label(report.results[0]) }}", "{% include '/etc/passwd' %}"):
        evil = tmp_path / "evil.html.j2"
        evil.write_text("<p>\n" + payload)
        result = invoke(["assess", in_data, "--template", evil, "-o", tmp_path / "out"], code=2)
        assert f"{evil}:2: [error] template error" in result.stderr, result.output
        assert "Traceback" not in result.output, result.output


def test_template_syntax_error_points_at_the_line(invoke: Invoke, in_data: Path,
                                                  tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("ok\n{% for x in %}\n")
    result = invoke(["assess", in_data, "--template", template, "-o", tmp_path], code=2)
    assert f"{template}:2: [error] template error" in result.stderr


def test_schema_report(invoke: Invoke) -> None:
    schema = json.loads(invoke(["schema", "report"]).stdout)
    assert "results" in schema["properties"] and "$defs" in schema


def test_a_failing_template_leaves_every_report_unwritten(invoke: Invoke, in_data: Path,
                                                          tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("{{ 1 // 0 }}\n")
    invoke(["assess", in_data, "-f", "json", "--template", template, "-o", tmp_path / "out"],
           code=2)
    assert not (tmp_path / "out").exists()


def test_a_format_that_fails_is_named(invoke: Invoke, in_data: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from sms20k.formats.csv import CsvRenderer

    def broken(*args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(CsvRenderer, "_render", broken)
    result = invoke(["assess", in_data, "-f", "json", "-f", "csv", "-o", tmp_path / "out"],
                    code=3)
    assert "internal error: RuntimeError: boom (while rendering the csv format)" in result.stderr
    assert not (tmp_path / "out").exists()
