"""The Markdown report: a golden file, no raw HTML, whole tables, escaped free text."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.formats import get_renderer
from sms20k.formats.interface import RenderOptions
from sms20k.formats.markdown_syntax import escape

from ..conftest import DATA, Invoke

RAW_HTML = re.compile(r"(?<!\\)<[a-zA-Z/!?]")
CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
LINK = re.compile(r"\]\(([^)\s]*)\)")


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    # Relative paths keep the file names in the golden output independent of the checkout.
    before = Path.cwd()
    os.chdir(DATA)
    try:
        yield assess(Path("assess/small")).report
    finally:
        os.chdir(before)


def render(report: Report, **options: str) -> str:
    """The Markdown report; these tests check the 2011 numbering unless they ask for 2018."""
    options.setdefault("edition", "2011")
    return get_renderer("md").render(report, RenderOptions(**options))


def test_golden(report: Report, golden: Callable[[str, str], None]) -> None:
    golden("report.md", render(report))


def test_renderer_writes_report_md(report: Report) -> None:
    renderer = get_renderer("md")
    assert renderer.filename == "report.md" and renderer.supports(report)


def test_no_raw_html(report: Report) -> None:
    for options in ({}, {"edition": "2018", "by": "clause"}):
        text = render(report, **options)
        assert not RAW_HTML.search(text), RAW_HTML.search(text)
        assert "\\<script\\>alert('xss')\\</script\\>" in text
        assert "\\<img src=x onerror=alert(1)\\>" in text
        assert "**Stratus \\<b\\>Cloud\\</b\\> & Co**" in text


def test_a_commonmark_parser_sees_only_markdown(report: Report) -> None:
    """Parsed with raw HTML allowed, the only tags are those Markdown itself produces."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table",
                                                                          "strikethrough"])
    text = render(report, by="clause")
    html = parser.render(text)
    assert set(re.findall(r"<([a-zA-Z0-9]+)", html)) <= {
        "h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "code", "a", "table", "thead",
        "tbody", "tr", "th", "td"}
    assert html.count("<table>") == len(list(tables(text)))
    assert "&lt;script&gt;alert('xss')&lt;/script&gt;" in html


def tables(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield block
            block = []


def test_every_row_has_as_many_cells_as_its_header(report: Report) -> None:
    text = render(report, by="clause")
    found = list(tables(text))
    assert len(found) > 10
    for block in found:
        assert all(line.endswith(" |") for line in block), block
        assert re.fullmatch(r"\|( ---:? \|)+", block[1]), block[1]
        widths = {len(CELL_SEPARATOR.split(line)) for line in block}
        assert len(widths) == 1, block


def test_free_text_is_escaped_not_interpreted(report: Report) -> None:
    text = render(report)
    assert '- **Owner:** =HYPERLINK("http://evil.example","click")' in text
    assert "- **Notes:** \\+1 export was late" in text
    assert "- **Notes:** \\-Register kept in the product wiki." in text
    assert "error WAIVER\\_EXPIRED: waiver for X01.02" in text


@pytest.mark.parametrize(("raw", "shown"), [
    ("# heading", "\\# heading"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("12. item", "12\\. item"),
    ("1.5 stays", "1.5 stays"),
    ("a | b\nc\r\n  d", "a \\| b c d"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("*b* _i_ `c` ~~s~~", "\\*b\\* \\_i\\_ \\`c\\` \\~\\~s\\~\\~"),
    ("&lt;b&gt; & co", "\\&lt;b\\&gt; & co"),
    ("back\\slash", "back\\\\slash"),
])
def test_escape(raw: str, shown: str) -> None:
    assert escape(raw) == shown


def test_links_cannot_break_out(report: Report) -> None:
    first = report.results[0]
    url = first.evidence[1].model_copy(update={"link": "https://example.com/a b)](x)|`<y>"})
    bad = first.evidence[1].model_copy(update={"link": "javascript:alert(1)",
                                               "target": "javascript:alert(1)"})
    evil = report.model_copy(update={"results": [first.model_copy(
        update={"evidence": [first.evidence[0], url, bad]})]})
    text = render(evil, link_prefix="../my repo (copy)")
    assert "](../my%20repo%20%28copy%29/docs/export-procedure.md)" in text
    assert "](https://example.com/a%20b%29%5D%28x%29%7C%60%3Cy%3E)" in text
    assert "| javascript:alert(1) |" in text and "(javascript:" not in text


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: escapes dropped, punctuation removed, spaces hyphenated."""
    plain = re.sub(r"\\(.)", r"\1", heading).lower()
    return "".join(c for c in plain if c.isalnum() or c in " -_").replace(" ", "-")


def test_internal_links_point_at_headings(report: Report) -> None:
    for by in ("scenario", "clause"):
        text = render(report, by=by)
        anchors = {slug(line.lstrip("#").strip()) for line in text.splitlines()
                   if line.startswith("#")}
        targets = {t[1:] for t in LINK.findall(text) if t.startswith("#")}
        assert {"x0202-app", "x0102", "executive-summary"} <= targets
        assert targets <= anchors, targets - anchors


def test_edition_2018(report: Report) -> None:
    text = render(report, edition="2018")
    assert "- **Clauses (2018):** 8.2.4 Service catalogue management; 8.3.3" in text
    assert "Top-level clauses of ISO/IEC 20000-1:2018." in text
    assert "| 10 | Improvement |" in text
    assert "6.3.3" not in text


def test_by_clause(report: Report) -> None:
    text = render(report, by="clause")
    groups = re.findall(r"^### (\S+) ", text.split("## Item details")[1], re.M)
    assert groups[:4] == ["4.2", "4.3.3", "5.3", "6.1"]
    assert "Ordered by clause." in text
    details = text.split("## Item details")[1]
    assert details.count("#### X02.02 (app)") == 2  # under 6.3.2 and 6.3.3


def test_scores_and_sections(report: Report) -> None:
    text = render(report)
    assert "**Overall score of the assessed items: █████░░░░░ 45.8%**" in text
    assert "| X01 |  | Data export | ███████░░░ 66.7% | 3 | 3 | 0 | 2 | 0 | 0 |" in text
    assert "| 🟨 | 4.3.3 | Control of records | █████░░░░░ 50.0% |" in text
    assert "| X04 | Marketplace | Stratus runs no partner marketplace. | X04.01 |" in text
    assert "`score = 100 * sum(weight * item score) / sum(weight)`" in text
    assert "| weights | weight of an item, by criticality | high: 3, medium: 2, low: 1 |" in text


def test_cli_writes_identical_reports(invoke: Invoke, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    for run in ("a", "b"):
        invoke(["assess", "assess/small", "-f", "md", "-o", tmp_path / run, "-q"])
    first = (tmp_path / "a" / "report.md").read_bytes()
    assert first == (tmp_path / "b" / "report.md").read_bytes()
    # Evidence links lead from the report directory back into the repository.
    assert b"/assess/small/docs/export-procedure.md)" in first


# Path references that try to leave the report: scheme-relative, absolute, UNC, a scheme,
# '..' beyond the repository, an encoded '//'; and one plain path that must stay a link.
HOSTILE_PATHS = ["//host/x", "/x", "\\\\host\\x", "javascript:x", "javascript:alert(1)",
                 "a/../../x", "docs/../../x", "%2F%2Fhost", "C:/x", "docs/\x1b[2J.md"]
OUTPUTS = {"repository-root": ".", "inside": "reports/2026", "outside": "../out"}
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def link_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(DATA / "assess" / "small", repo)
    refs = "".join(f"      - path: {json.dumps(p)}\n        description: hostile\n"
                   for p in HOSTILE_PATHS)
    entries = repo / "evidence" / "x01.yaml"
    text = entries.read_text(encoding="utf-8")
    anchor = "      - url: https://wiki.example.com/exports?a=1&b=2\n"
    entries.write_text(text.replace(anchor, refs + anchor, 1), encoding="utf-8")
    return repo


def assert_links_stay_inside(hrefs: list[str], out: Path, repo: Path) -> None:
    """Web and mail URLs, in-page anchors, and relative paths into the repository only."""
    paths = [h for h in hrefs if not h.startswith("#")
             and not re.match(r"(?i)(https?://|mailto:)", h)]
    assert paths, "the plain evidence path must still be a link"
    for href in paths:
        assert not SCHEME.match(href) and not href.startswith(("/", "\\")), href
        assert "\\" not in href, href
        target = Path(os.path.normpath(out.resolve() / unquote(href)))
        assert target.is_relative_to(repo.resolve()), f"{href} leaves {repo}"
    assert "docs/export-procedure.md" in " ".join(paths)


@pytest.mark.parametrize("where", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_path_links_stay_inside_the_repository(where: str, tmp_path: Path, invoke: Invoke,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    repo = link_repo(tmp_path)
    monkeypatch.chdir(repo)
    # The hostile paths are repository problems: the gate fails, the report is written.
    invoke(["assess", ".", "-f", "md", "-o", where, "-q"], code=1)
    text = (repo / where / "report.md").read_text(encoding="utf-8")
    assert_links_stay_inside(LINK.findall(text), repo / where, repo)
    for hostile in ("](//", "](/x", "](javascript", "](%5C", "](\\"):
        assert hostile not in text


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2Jcleared", "\\\\x1b\\[2Jcleared"),
    ("\x1b]0;title\x07", "\\\\x1b\\]0;title\\\\x07"),
    ("\x9b31m", "\\\\x9b31m"),
    ("abc\u202egpj.exe", "abc\\\\u202egpj.exe"),
    ("isolate\u2066x", "isolate\\\\u2066x"),
    ("a\u2028b\u2029c\x85d\r\ne", "a b c d e"),
    ("zero\u200bwidth", "zero\\\\u200bwidth"),
])
def test_escape_shows_controls(raw: str, shown: str) -> None:
    assert escape(raw) == shown
