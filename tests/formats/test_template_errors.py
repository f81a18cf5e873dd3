"""Template errors (formats/template_errors.py) in the user's words: every class of error in a
user's template is one message at FILE:LINE with a hint, naming what the template wrote
(``report.meta``), never a Python class, module or object."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.errors import InputError
from sms20k.evidence.validation_view import ValidationView
from sms20k.formats.interface import RenderOptions
from sms20k.formats.user_templates import render_user_template

from ..conftest import DATA, Invoke

Expect = Callable[[dict[str, object]], str]
LEAKS = ("sms20k.", "object", "<class", "Error:", "jinja2", "builtins", "NoneType")


def _first(report: dict[str, object], finding_class: str) -> int:
    results = report["results"]
    assert isinstance(results, list)
    return next(i for i, r in enumerate(results) if r["finding_class"] == finding_class)


def _count(report: dict[str, object]) -> int:
    results = report["results"]
    assert isinstance(results, list)
    return len(results)


# Line 2 of each template fails; what the message must say, computed from the report's JSON.
CASES: dict[str, tuple[str, Expect]] = {
    "syntax": ("{% if %}", lambda r: "syntax error: Expected an expression"),
    "unknown-tag": ("{% frobnicate %}", lambda r: "syntax error: Encountered unknown tag"),
    "undefined-name": ("{{ reprot.meta }}", lambda r: "`reprot` is not defined"),
    "undefined-field": ("{{ report.nope }}",
                        lambda r: "report has no field `nope`; its fields are "
                                  + ", ".join(r)),
    "undefined-nested-field": ("{{ report.meta['nope'] }}",
                               lambda r: "report.meta has no field `nope`"),
    "undefined-in-loop": ("{% for x in report.results %}{{ x.nope }}{% endfor %}",
                          lambda r: "report.results[0] has no field `nope`"),
    "undefined-shared-entry": ("{{ ctx.findings_by_class.major[0].nope }}",
                               lambda r: f"report.results[{_first(r, 'major')}] has no field"),
    "undefined-under-undefined": ("{{ report.nope.deeper }}",
                                  lambda r: "report has no field `nope`"),
    "missing-element": ("{{ report.results[999] }}",
                        lambda r: f"report.results has no element 999; it has {_count(r)} "
                                  f"(0 to {_count(r) - 1})"),
    "field-of-list": ("{{ report.results.item }}",
                      lambda r: "report.results is a list and has no field `item`"),
    "field-of-none": ("{{ report.baseline.score }}",
                      lambda r: "none (an empty value) has no field `score`"),
    "field-of-built-dict": ("{{ dict(a=1).b }}",
                            lambda r: "a mapping has no field `b`; its fields are a"),
    "empty-sequence": ("{{ [] | first }}", lambda r: "No first item"),
    "sandbox-read": ("{{ report.__class__ }}",
                     lambda r: "reading `__class__` of report is not allowed"),
    "sandbox-method": ("{{ report.meta.title.zfill(3) }}",
                       lambda r: "reading `zfill` of text is not allowed"),
    "sandbox-list-method": ("{{ report.results.append(1) }}",
                            lambda r: "reading `append` of report.results is not allowed"),
    "sandbox-call": ("{{ report.results() }}",
                     lambda r: "calling report.results is not allowed"),
    "loader-outside": ("{% include '../outside.j2' %}", lambda r: "lies outside"),
    "include-missing": ("{% include 'missing.j2' %}", lambda r: "template `missing.j2` not found"),
    "limit-range": ("{{ range(10**10)|list }}", lambda r: "range() of more than"),
    "limit-depth": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
                    lambda r: "calls nest more than"),
    "limit-width": ("{{ 'x'|center(10**9) }}", lambda r: "center width"),
    "unknown-filter": ("{{ report.results|lenght }}", lambda r: "there is no filter `lenght`"),
    "unknown-filter-by-name": ("{{ report.results|map('nofilter')|list }}",
                               lambda r: "there is no filter `nofilter`"),
    "unknown-test": ("{{ 1 is nosuchtest }}", lambda r: "there is no test `nosuchtest`"),
    "filter-argument": ("{{ 5|round('x') }}",
                        lambda r: "the filter `round`: text was given where a whole number is "
                                  "needed"),
    "filter-keyword": ("{{ 'x'|truncate(foo=1) }}",
                       lambda r: "the filter `truncate`: got an unexpected keyword argument"),
    "filter-compare": ("{{ ['a', 1]|sort }}",
                       lambda r: "the filter `sort`: `<` cannot compare a number with text"),
    "filter-wrong-value": ("{{ report.results|dictsort }}",
                           lambda r: "the filter `dictsort`: a list has no attribute"),
    "filter-unhashable": ("{{ report.results|unique|list }}",
                          lambda r: "a mapping cannot serve as a key"),
    "filter-length": ("{{ 5|length }}", lambda r: "the filter `length`: a number has no length"),
    "helper-argument": ("{{ report.results|label }}",
                        lambda r: "label() takes a result or a gap, not a list"),
    "operator": ("{{ 1 + 'x' }}", lambda r: "`+` does not work on a number and text"),
    "concatenation": ("{{ 'x' + 1 }}", lambda r: "`+` cannot join text and a number"),
    "division": ("{{ 1 / 0 }}", lambda r: "the template divides by zero"),
    "not-iterable": ("{% for x in 1 %}{% endfor %}", lambda r: "a number cannot be looped over"),
    "unpack": ("{% for a, b in [1] %}{% endfor %}", lambda r: "a number cannot be looped over"),
    "macro-arguments": ("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}",
                        lambda r: "macro 'm' takes no keyword argument 'b'"),
    "float-overflow": ("{{ 2.0 ** 10000 }}", lambda r: "the template makes a number too large"),
}


def _fail(tmp_path: Path, report: Report, line2: str) -> InputError:
    template = tmp_path / "t" / "report.md.j2"
    template.parent.mkdir(exist_ok=True)
    (tmp_path / "outside.j2").write_text("outside")
    template.write_text("{{ report.meta.organization }}\n" + line2 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render_user_template(template, report, RenderOptions())
    return caught.value


@pytest.mark.parametrize(("line2", "expect"), list(CASES.values()), ids=list(CASES))
def test_every_error_is_said_at_its_line_in_the_users_words(
        line2: str, expect: Expect, tmp_path: Path,
        views: tuple[Report, ValidationView]) -> None:
    report = views[0]
    error = _fail(tmp_path, report, line2)
    text = str(error)
    assert error.path == str(tmp_path / "t" / "report.md.j2") and error.line == 2, text
    assert text.startswith(f"{error.path}:2: template error: "), text
    assert expect(report.model_dump(mode="json")) in error.message, text
    assert error.hint, text
    for leak in LEAKS:
        assert leak not in text, text


@pytest.mark.parametrize(("line2", "hint"), [
    ("{{ reprot.meta }}", "did you mean `report`?"),
    ("{% for r in report.results %}{{ r.notse }}{% endfor %}", "did you mean `notes`?"),
    ("{{ report.results|lenght }}", "did you mean `length`?"),
    ("{{ report.__class__ }}", "mapping offers its fields and get, items, keys, values"),
    ("{{ 'x'.zfill(3) }}", "text offers capitalize, count"),
    ("{{ range(10**10)|list }}", "docs/templates.md, Limits"),
])
def test_hints_say_what_would_work(line2: str, hint: str, tmp_path: Path,
                                   views: tuple[Report, ValidationView]) -> None:
    error = _fail(tmp_path, views[0], line2)
    assert error.hint and hint in error.hint, str(error)


def test_cli_prints_one_line_and_exits_2(tmp_path: Path, invoke: Invoke,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    template = tmp_path / "summary.md.j2"
    template.write_text("# {{ report.meta.title }}\n\n{{ report.meta.nope }}\n")
    result = invoke(["assess", "assess/small", "--template", template,
                     "-o", tmp_path / "out", "-q"], code=2)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"{template}:3: [error] template error: report.meta has no "
                               "field `nope`; its fields are organization,"), result.output
    assert lines[0].endswith("(docs/templates.md, Context, lists what a template can read)"), \
        result.output
    assert not (tmp_path / "out" / "summary.md").exists(), result.output
