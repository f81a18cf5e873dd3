"""Users' templates (formats/user_templates.py): known sandbox escapes are refused at their line
with exit 2, nothing runs and nothing outside the template's directory is read; the
documented context and helpers give what the built-in reports show."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.errors import InputError
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions
from sms20k.formats.template_data import TemplateData
from sms20k.formats.user_templates import render_user_template

from ..conftest import DATA, Invoke
from ..hostile.builders import (
    Context,
    run_cleanups,
    template_directory_symlink_outside,
    template_fifo,
    template_symlink_outside,
)

DOCS = Path(__file__).parents[2] / "docs" / "templates.md"
SECRET = "TOP-SECRET-7f3a9c"
PICKLE = "cos\\nsystem\\n(S'touch @MARKER@'\\ntR."

# Each payload sits on line 2 of its template, after a line that renders fine.
ESCAPES = {
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "report-class": "{{ report.__class__ }}",
    "report-class-via-subscript": "{{ report['__class__'] }}",
    "model-dump": "{{ report.model_dump() }}",
    "model-validate-json": "{{ report.model_validate_json('{}') }}",
    "parse-raw-pickle": "{{ report.parse_raw(\"" + PICKLE + "\", "
                        "content_type='application/pickle', allow_pickle=True) }}",
    "class-parse-raw-pickle": "{{ report.meta.__class__.parse_raw(\"" + PICKLE + "\", "
                              "content_type='application/pickle', allow_pickle=True) }}",
    "parse-file": "{{ report.parse_file('@SECRET@') }}",
    "copy": "{{ report.copy() }}",
    "json": "{{ report.json() }}",
    "init-subclass": "{{ report.results[0].__init_subclass__() }}",
    "format-attribute": "{{ '{0.__class__}'.format(report) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': report}) }}",
    "percent-format-class": "{{ '%s'|format(report.__class__) }}",
    "percent-format-width": "{{ '%999999999s'|format('x') }}",
    "percent-operator-width": "{{ '%.999999999f' % 1.5 }}",
    "cycler": "{{ cycler.__init__.__globals__ }}",
    "joiner": "{{ joiner().__call__.__globals__ }}",
    "lipsum": "{{ lipsum.__globals__['os'] }}",
    "self-globals": "{{ self.__init__.__globals__ }}",
    "self-context": "{{ self._TemplateReference__context }}",
    "namespace-init": "{{ namespace.__init__.__globals__ }}",
    "mro": "{{ ().__class__.mro() }}",
    "dict-mro": "{{ dict.mro() }}",
    "range-owner": "{{ range.__self__ }}",
    "helper-globals": "{{ label.__globals__ }}",
    "helper-closure": "{{ link.__closure__ }}",
    "macro-internals": "{% macro m() %}{% endmacro %}{{ m._func.__globals__ }}",
    "loop-internals": "{% for r in report.results %}{{ loop.__class__ }}{% endfor %}",
    "generator-frame": "{{ (report.results|map(attribute='item')).gi_frame }}",
    "config": "{{ config.items() }}",
    "request": "{{ request.environ }}",
    "attr-filter": "{{ report|attr('__class__') }}",
    "attr-filter-method": "{{ report.results|attr('append') }}",
    "map-attribute": "{{ report.results|map(attribute='__class__')|list }}",
    "map-attr-filter": "{{ report.results|map('attr', '__class__')|list }}",
    "sort-attribute": "{{ report.results|sort(attribute='__class__') }}",
    "list-method": "{{ report.results.append(1) }}",
    "dict-mutation": "{{ report.meta.update({}) }}",
    "str-method-not-allowed": "{{ 'x'.zfill(99) }}",
    "old-ctx-method": "{{ ctx.label(report.results[0]) }}",
    "range-huge": "{% for i in range(10**10) %}{% endfor %}",
    "range-astronomic": "{{ range(10**100) }}",
    "recursive-macro": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "recursive-loop": "{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}",
    "string-multiplication": "{{ 'x' * 10**10 }}",
    "list-multiplication": "{{ [0] * 10**9 }}",
    "huge-power": "{{ 10 ** 100000000 }}",
    "concat-doubling": "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "plus-doubling": "{% set ns = namespace(s=['x']) %}{% for i in range(40) %}"
                     "{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "block-doubling": "{% set a = 'x' * 9000000 %}{% set b %}{{ a }}{{ a }}{% endset %}",
    "replace-blowup": "{{ ('x' * 5000)|replace('', 'y' * 5000) }}",
    "center-blowup": "{{ 'x'|center(10**10) }}",
    "indent-blowup": "{{ ('\\n' * 100000)|indent(10**6) }}",
    "batch-blowup": "{{ [1]|batch(10**9, 0)|list }}",
    "join-blowup": "{{ (['y' * 1000000] * 1000)|join }}",
    "nested-loops": "{% for i in range(100000) %}{% for j in range(1000) %}"
                    "{% endfor %}{% endfor %}",
    "include-absolute": "{% include '@SECRET@' %}",
    "include-etc-passwd": "{% include '/etc/passwd' %}",
    "include-dotdot": "{% include '../../template-secret.txt' %}",
    "include-dotdot-ignore-missing": "{% include '../../template-secret.txt' ignore missing %}",
    "include-list": "{% include ['missing.j2', '../../template-secret.txt'] %}",
    "include-nul": "{% include 'a\\x00b' %}",
    "include-symlink-outside": "{% include 'link.j2' %}",
    "import-symlinked-directory": "{% import 'linked/template-secret.txt' as m %}{{ m }}",
    "from-import-symlink": "{% from 'link.j2' import x %}",
    "extends-symlink": "{% extends 'link.j2' %}",
    "include-fifo": "{% include 'pipe.j2' %}",
    "include-directory": "{% include 'sub' %}",
    "include-oversized": "{% include 'huge.j2' %}",
}


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    """repo/templates/ with a secret outside it, a symlink to the secret, a symlinked
    directory, a FIFO, a subdirectory and an oversized file; run from tests/data."""
    monkeypatch.chdir(DATA)
    ctx = Context(repo=tmp_path / "repo", tmp=tmp_path)
    template_symlink_outside(ctx)
    template_directory_symlink_outside(ctx)
    template_fifo(ctx)
    directory = ctx.repo / "templates"
    (directory / "sub").mkdir()
    with (directory / "huge.j2").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    yield ctx
    run_cleanups(ctx)


def _every_file(root: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in root.rglob("*")
                   if p.is_file() and not p.is_symlink() and p.name != "template-secret.txt")


@pytest.mark.parametrize("payload", list(ESCAPES.values()), ids=list(ESCAPES))
def test_escape_is_refused_at_its_line(payload: str, sandbox: Context, invoke: Invoke) -> None:
    marker = sandbox.tmp / "MARKER"
    template = sandbox.repo / "templates" / "t.md.j2"
    text = payload.replace("@SECRET@", str(sandbox.tmp / "template-secret.txt")) \
        .replace("@MARKER@", str(marker))
    template.write_text("{{ report.meta.organization }}\n" + text + "\n")
    result = invoke(["assess", "assess/small", "--template", template,
                     "-o", sandbox.tmp / "out", "-q"], code=2)
    output = result.stdout + result.stderr
    assert f"{template}:2: [error] template error" in result.stderr, output
    assert "Traceback" not in output and "internal error" not in output, output
    for leak in ("sms20k.", "object", "<class"):  # the user's words, not Python's
        assert leak not in result.stderr, output
    assert not marker.exists(), output
    assert SECRET not in output + _every_file(sandbox.tmp), output
    assert not (sandbox.tmp / "out" / "t.md").exists(), output


def test_template_itself_may_not_lead_outside(sandbox: Context, invoke: Invoke) -> None:
    result = invoke(["assess", "assess/small", "--template",
                     sandbox.repo / "templates" / "link.j2",
                     "-o", sandbox.tmp / "out", "-q"], code=2)
    assert "lies outside the template's directory" in result.stderr, result.output
    assert SECRET not in result.output + _every_file(sandbox.tmp), result.output


@pytest.mark.parametrize(("files", "where"), [
    ({"t.md.j2": "ok\n{% include 'inc.j2' %}", "inc.j2": "a\nb\n{{ 1 + 'x' }}"}, "inc.j2:3"),
    ({"t.md.j2": "{% import 'm.j2' as m %}\n{{ m.f() }}",
      "m.j2": "{% macro f() %}\n{{ nope }}\n{% endmacro %}"}, "m.j2:2"),
    ({"t.md.j2": "{% extends 'base.j2' %}{% block b %}\n\n{{ 1 / 0 }}{% endblock %}",
      "base.j2": "{% block b %}{% endblock %}"}, "t.md.j2:3"),
    ({"t.md.j2": "{% include 'sub/bad.j2' %}", "sub/bad.j2": "ok\n{% if %}"}, "sub/bad.j2:2"),
    ({"t.md.j2": "x\n\n{% include 'bin.j2' %}", "bin.j2": b"\xff\xfe"}, "t.md.j2:3"),
])
def test_errors_name_the_template_and_line_that_failed(files: dict[str, str | bytes],
                                                       where: str, tmp_path: Path,
                                                       invoke: Invoke,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = invoke(["assess", "assess/small", "--template", tmp_path / "t.md.j2",
                     "-o", tmp_path / "out", "-q"], code=2)
    assert f"{tmp_path / where}: [error] template error" in result.stderr, result.output
    assert "Traceback" not in result.output, result.output


def _render(tmp_path: Path, report: Report, text: str, options: RenderOptions | None = None,
            name: str = "t.md.j2") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return render_user_template(tmp_path / name, report, options or RenderOptions())


def test_docs_example_renders(views: tuple[Report, ValidationView], tmp_path: Path,
                              golden: Callable[[str, str], None]) -> None:
    example = re.search(r"## Example\n\n```jinja\n(.*?)```", DOCS.read_text(), re.S)
    assert example, "docs/templates.md has no example"
    text = _render(tmp_path, views[0], example.group(1))
    assert "- [X02.01 · Stratus App](#item-X02.01-app) Conformant" in text
    golden("templates/docs-example.md", text)


@pytest.mark.parametrize("options", [RenderOptions(), RenderOptions(edition="2018", by="clause",
                                                                    link_prefix="../repo")],
                         ids=["2011-scenario", "2018-clause-prefixed"])
def test_data_and_helpers_match_the_built_in_context(views: tuple[Report, ValidationView],
                                                     options: RenderOptions) -> None:
    report = views[0]
    data = TemplateData(report, options)
    helpers = data.helpers()
    ctx = ReportContext(report, options)
    assert data.report == json.loads(report.model_dump_json())
    for model, result in zip(report.results, data.report["results"], strict=True):
        assert helpers["label"](result) == ctx.label(model)
        assert helpers["anchor"](result) == ctx.anchor(model)
        assert helpers["result_clauses"](result) == [c.model_dump() for c in
                                                     ctx.result_clauses(model)]
        assert [helpers["link"](e) for e in result["evidence"]] == \
            [ctx.link(e) for e in model.evidence]
    assert [(g["key"], g["title"], g["score"], [helpers["anchor"](r) for r in g["results"]])
            for g in data.ctx["groups"]] == \
        [(g.key, g.title, g.score, [ctx.anchor(r) for r in g.results]) for g in ctx.groups]
    assert {k: [helpers["anchor"](r) for r in v] for k, v in
            data.ctx["findings_by_class"].items()} == \
        {k: [ctx.anchor(r) for r in v] for k, v in ctx.findings_by_class.items()}
    assert [c["id"] for c in data.ctx["leaf_clauses"]] == [c.id for c in ctx.leaf_clauses]
    assert data.ctx["standard"] == ctx.standard and data.options["by"] == options.by


def test_groups_share_the_result_dicts(views: tuple[Report, ValidationView]) -> None:
    data = TemplateData(views[0], RenderOptions(by="clause"))
    results = {id(r) for r in data.report["results"]}
    grouped = [r for g in data.ctx["groups"] for r in g["results"]]
    findings = [r for v in data.ctx["findings_by_class"].values() for r in v]
    assert grouped and findings
    assert {id(r) for r in grouped + findings} <= results


def test_the_context_is_plain_data(views: tuple[Report, ValidationView]) -> None:
    plain = (dict, list, str, int, float, bool, type(None))

    def walk(value: object) -> None:
        assert isinstance(value, plain), type(value)
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(TemplateData(views[0], RenderOptions()).context())


ALLOWED = [
    ("{{ report.results[0] | label }}|{{ label(report.results[-1]) }}", "X01.01|X04.01"),
    ("{{ report.gaps[0] | label }}", "X02.02 · Stratus App"),
    ("{{ result_clauses(report.results[0])[0].id }}", "8.2.4"),
    ("{{ report.results[0].evidence[0] | link }}", "docs/export-procedure.md"),
    ("{{ report.meta.title.upper().split()|join('-') }}", "FIXTURE-GAP-ASSESSMENT"),
    ("{{ '  a,b '.strip().replace(',', ';').count(';') }}", "1"),
    ("{{ report.meta.get('nope', 'd') }} {{ report.summary.counts.classes.keys()|list|length }}",
     "d 4"),
    ("{% for k, v in report.summary.counts.classes.items() %}{{ k[0] }}{{ v }}{% endfor %}",
     "m2m3o1o0"),
    ("{{ ctx.clauses[0]['items'] }}={{ ctx.clauses[0].items }}", "0=0"),
    ("{% set ns = namespace(n=0) %}{% for r in report.results %}{% set ns.n = ns.n + 1 %}"
     "{% endfor %}{{ ns.n }} {{ dict(a=1).a }}", "11 1"),
    ("{% for r in report.results[:3] %}{{ loop.index }}{{ loop.cycle('a', 'b') }}"
     "{% if loop.last %}/{{ loop.length }}{% endif %}{% endfor %}", "1a2b3a/3"),
    ("{% macro m(x) %}[{{ x }}{{ caller() }}]{% endmacro %}{% call m(1) %}in{% endcall %}",
     "[1in]"),
    ("{{ report.results|selectattr('finding_class', 'eq', 'major')|map(attribute='item')"
     "|unique|join(',') }}", "X02.02"),
    ("{{ report.summary.score | score }} {{ '%.2f'|format(1) }} {{ '%5s' % 'x' }}",
     "45.8% 1.00     x"),
    ("{{ 'ab'[::-1] }}{{ range(3)|list }}{{ 2 ** 10 }}{{ 'x' * 3 }}", "ba[0, 1, 2]1024xxx"),
    ("{% for x in [1, [2, [3]]] recursive %}{% if x is iterable %}{{ loop(x) }}"
     "{% else %}{{ x }}{% endif %}{% endfor %}", "123"),
]


@pytest.mark.parametrize(("text", "expected"), ALLOWED, ids=[str(i) for i in range(len(ALLOWED))])
def test_documented_context_and_helpers_work(text: str, expected: str, tmp_path: Path,
                                             views: tuple[Report, ValidationView]) -> None:
    assert _render(tmp_path, views[0], text) == expected


def test_include_import_and_extends_inside_the_directory(
        tmp_path: Path, views: tuple[Report, ValidationView]) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "m.j2").write_text("{% macro item(r) %}<{{ r.item }}>{% endmacro %}")
    # Named .j2, not .html.j2: escaping follows the output, not the partial's name.
    (tmp_path / "parts" / "head.j2").write_text("{{ report.meta.organization }}")
    (tmp_path / "base.html.j2").write_text("[{% block body %}{% endblock %}]")
    (tmp_path / "alias.j2").symlink_to(tmp_path / "parts" / "head.j2")
    text = ("{% extends 'base.html.j2' %}{% block body %}{% import 'parts/m.j2' as m %}"
            "{% include 'parts/head.j2' %}|{% include 'alias.j2' %}|"
            "{{ m.item(report.results[0]) }}{% endblock %}")
    assert _render(tmp_path, views[0], text, name="page.html.j2") == (
        "[Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co|Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co|"
        "<X01.01>]")


def test_output_over_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          views: tuple[Report, ValidationView]) -> None:
    monkeypatch.setattr("sms20k.formats.user_templates.MAX_OUTPUT_CHARS", 1000)
    assert len(_render(tmp_path, views[0], "{{ 'x' * 1000 }}")) == 1000
    with pytest.raises(InputError) as caught:
        _render(tmp_path, views[0], "ok\n{% for i in range(100) %}{{ 'x' * 11 }}{% endfor %}")
    assert caught.value.line == 2 and "output is over the limit" in caught.value.message


def test_work_is_counted_in_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  views: tuple[Report, ValidationView]) -> None:
    monkeypatch.setattr("sms20k.formats.template_limits.MAX_STEPS", 5000)
    _render(tmp_path, views[0], "{% for i in range(4000) %}{% endfor %}")
    for text in ("{% for i in range(6000) %}{% endfor %}",
                 "{% for i in range(1000) %}{% for r in report.results %}{{ r.item }}"
                 "{% endfor %}{% endfor %}",
                 "{% for i in range(1000) %}{% set s = report.results|sort(attribute='item') %}"
                 "{% endfor %}",
                 "{% for i in range(100) %}{% set s = ('x' * 10000)|upper %}{% endfor %}"):
        with pytest.raises(InputError, match="steps"):
            _render(tmp_path, views[0], text)


def test_missing_template(tmp_path: Path, views: tuple[Report, ValidationView]) -> None:
    with pytest.raises(InputError, match="template not found"):
        render_user_template(tmp_path / "nope.md.j2", views[0], RenderOptions())
    ctx = Context(repo=tmp_path, tmp=tmp_path)
    template_fifo(ctx)
    try:
        with pytest.raises(InputError, match="not a regular file"):
            render_user_template(tmp_path / "templates" / "pipe.j2", views[0], RenderOptions())
    finally:
        run_cleanups(ctx)


@pytest.mark.parametrize(("output", "prefix"), [("out", "../"), (".", ""), ("a/b", "../../")])
def test_links_are_relative_to_the_output_directory(tmp_path: Path, invoke: Invoke,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    output: str, prefix: str) -> None:
    """As in the built-in reports, a path link from a template's output finds its file."""
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(DATA / "assess" / "small", repo)
    template = tmp_path / "links.md.j2"
    template.write_text("{% for r in report.results %}{% for e in r.evidence %}"
                        "{% if e | link %}{{ e | link }}\n{% endif %}{% endfor %}{% endfor %}")
    monkeypatch.chdir(repo)
    invoke(["assess", ".", "--template", template, "-o", output, "-q"])
    links = (repo / output / "links.md").read_text().split()
    paths = [link for link in links if not link.startswith(("http:", "https:", "mailto:"))]
    assert paths, links
    for link in paths:
        assert link.startswith(prefix), links
        assert (repo / output / link).resolve().is_file(), link
