"""The HTML gap report: valid, self-contained, escaped, deterministic, and complete."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import html5lib
import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.checklists.clauses import clause_sort_key
from sms20k.formats import get_renderer
from sms20k.formats.context import ReportContext
from sms20k.formats.html import HtmlRenderer
from sms20k.formats.interface import RenderOptions
from sms20k.resources import templates_dir

from ..conftest import DATA, Invoke
from .test_markdown_report import OUTPUTS, assert_links_stay_inside, link_repo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
AS_OF = dt.date(2026, 11, 15)
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
WIKI = "https://wiki.example.com/exports?a=1&amp;b=2"


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    # Relative paths keep the file names in the report independent of the checkout.
    before = Path.cwd()
    os.chdir(DATA)
    try:
        yield assess(Path("assess/small"), as_of=AS_OF).report
    finally:
        os.chdir(before)


def render(report: Report, **options: str) -> str:
    """The HTML report; these tests check the 2011 numbering unless they ask for 2018."""
    options.setdefault("edition", "2011")
    return get_renderer("html").render(report, RenderOptions(link_prefix="../repo", **options))


@pytest.fixture(scope="module")
def html(report: Report) -> str:
    return render(report)


def ids(text: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', text)


def test_registered_as_the_html_format() -> None:
    renderer = get_renderer("html")
    assert isinstance(renderer, HtmlRenderer)
    assert renderer.filename == "report.html"


def test_parses_as_html5_without_errors(html: str) -> None:
    html5lib.HTMLParser(strict=True).parse(html)


def test_head_is_locked_down(html: str) -> None:
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert "<script" not in html.lower()


def test_free_text_is_escaped(html: str) -> None:
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img" not in html
    assert "Stratus &lt;b&gt;Cloud&lt;/b&gt; &amp; Co" in html
    assert "<b>Cloud" not in html


def test_templates_never_mark_data_safe() -> None:
    folder = templates_dir() / "report"
    for entry in folder.iterdir():
        text = entry.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), entry.name
        assert "autoescape" not in text, entry.name


def test_css_is_inlined_and_not_escaped(html: str) -> None:
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and ":root {" in style.group(1)
    assert ".result > summary" in style.group(1)
    assert "&gt;" not in style.group(1) and "&#" not in style.group(1)


def test_loads_nothing_from_outside(html: str) -> None:
    targets = re.findall(r'\s(?:src|href)\s*=\s*"([^"]*)"', html)
    external = {t for t in targets if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", t)}
    assert external == {WIKI}
    assert not re.search(r"<[a-zA-Z][^<>]*\ssrc\s*=", html)
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    parsed = {value for element in tree.iter() for name, value in element.attrib.items()
              if name in ("src", "href") or name.endswith("}href")}
    outside = {v for v in parsed if not v.startswith(("#", "../repo/"))}
    assert outside == {WIKI.replace("&amp;", "&")}
    lowered = html.lower()
    for needle in ("<link", "@import", "url(", "<iframe", "<object", "<embed", "@font-face"):
        assert needle not in lowered, needle


def test_one_inline_svg_per_chart(html: str) -> None:
    svgs = re.findall(r"<svg[^>]*>\n<title>[^<]+</title>", html)
    assert len(svgs) == html.count("<svg") == 5
    assert all('role="img"' in svg and 'aria-label="' in svg for svg in svgs)
    assert html.count('class="chart bars"') == 2
    assert html.count('class="chart heatmap"') == 1
    assert html.count('class="gauge"') == 2  # the score and the coverage
    assert 'aria-label="Score of the assessed items 45.8%"' in html
    assert 'aria-label="Coverage 90%"' in html


@pytest.mark.parametrize("edition", ["2011", "2018"])
def test_heat_map_has_one_cell_per_leaf_clause(report: Report, edition: str) -> None:
    text = render(report, edition=edition)
    leaves = ReportContext(report, RenderOptions(edition=edition)).leaf_clauses
    cells = re.findall(r'<g class="hm-cell band-\w+">\n<title>(\S+) ', text)
    assert cells == [c.id for c in leaves]
    assert len(cells) == (39 if edition == "2011" else 57)


def test_scenario_bars_label_scores_and_na(html: str) -> None:
    bars = html.split('class="chart bars"')[1].split("</svg>")[0]
    assert '<text class="bar-value" x="790" y="22">66.7%</text>' in bars
    assert '<text class="bar-value is-na"' in bars and ">n/a</text>" in bars


def test_executive_summary_in_plain_words(html: str) -> None:
    summary = html.split('id="summary"')[1].split('id="audit-findings"')[0]
    # Audit findings are counted, not item results (2 major item results, 1 major finding).
    assert ("1 major nonconformity was raised: 8.7.1 Service availability management "
            '(<a href="#finding-F-8.7.1">F-8.7.1</a>).') in summary
    assert "3 minor nonconformities were raised: 7.5.3 Control of documented information" in summary
    assert "2 major nonconformities" not in summary
    assert '<a href="#item-X02.02-app">X02.02 · Stratus App</a>' in summary


def test_edition_2018_shows_its_clause_ids(report: Report, html: str) -> None:
    text = render(report, edition="2018")
    details = text.split('id="details"')[1]
    assert '<span class="clause"><b>8.7.1</b> Service availability management' in details
    assert "ISO/IEC 20000-1:2018" in text
    assert '<span class="clause"><b>8.7.1</b>' not in html.split('id="details"')[1]
    assert '<span class="clause"><b>6.3.3</b>' in html.split('id="details"')[1]


def group_keys(text: str) -> list[str]:
    return re.findall(r'<span class="g-key">([^<]+)</span>', text)


def test_details_follow_scenarios_by_default(html: str) -> None:
    assert group_keys(html) == ["X01", "X02", "X03", "X04"]


def test_details_by_clause_are_in_clause_order(report: Report) -> None:
    text = render(report, by="clause")
    keys = group_keys(text)
    assert keys == sorted(keys, key=clause_sort_key)
    assert keys[:3] == ["4.2", "4.3.3", "5.3"]
    assert 'detailed under 6.3.2' in text


@pytest.mark.parametrize("by", ["scenario", "clause"])
def test_ids_are_unique_and_every_anchor_resolves(report: Report, by: str) -> None:
    text = render(report, by=by, edition="2018")
    found = ids(text)
    assert not [i for i, n in Counter(found).items() if n > 1]
    anchors = set(re.findall(r'href="#([^"]+)"', text))
    assert anchors <= set(found)
    assert {f"item-{r.item}" + (f"-{r.service}" if r.service else "")
            for r in report.results} <= set(found)


def test_gaps_open_and_conformant_items_collapsed(html: str) -> None:
    assert '<details class="result result-none" id="item-X01.01">' in html
    assert '<details class="result result-major" id="item-X02.02-app" open>' in html


def test_evidence_links(html: str) -> None:
    assert 'href="../repo/docs/export-procedure.md"' in html
    assert f'href="{WIKI}"' in html
    assert '<span class="ev-target">JIRA:OPS-1234</span>' in html


def test_only_web_and_mail_urls_become_links(report: Report) -> None:
    first = report.results[0]
    hostile = first.evidence[1].model_copy(update={"link": "javascript:alert(1)",
                                                   "target": "javascript:alert(1)"})
    result = first.model_copy(update={"evidence": [hostile]})
    text = render(report.model_copy(update={"results": [result]}))
    assert "javascript:" not in text.replace('<span class="ev-target">javascript:', "")
    assert 'href="javascript' not in text


def test_waiver_and_problems_are_shown(html: str) -> None:
    assert "The export log moves to the new ticketing system." in html
    assert "Approved by Chief Operating Officer on 2025-06-01 · expired 2026-10-01" in html
    assert "<code>WAIVER_EXPIRED</code>" in html
    assert "<code>assess/small/evidence/x01.yaml:29</code>" in html


def test_appendix_explains_rules_and_score(html: str) -> None:
    appendix = html.split('id="appendix"')[1]
    assert "score = 100 \u00d7 \u03a3(weight \u00d7 item score)" in appendix
    assert "sms20k 0.1.0" in appendix and "as of 2026-11-15" in appendix
    assert "own wording" in appendix


def test_output_is_deterministic(report: Report, html: str) -> None:
    assert render(report) == html
    encoded = get_renderer("html").encode(report, RenderOptions(link_prefix="../repo",
                                                                edition="2011"))
    assert encoded == html.encode()


def test_golden(html: str, golden: Callable[[str, str], None]) -> None:
    golden("report.html", html)


@pytest.mark.skipif(not (EXAMPLE / "sms20k.yaml").exists(), reason="no nimbus-cloud example")
def test_realistic_example_renders() -> None:
    example = assess(EXAMPLE, as_of=AS_OF).report
    for by in ("scenario", "clause"):
        data = get_renderer("html").encode(example, RenderOptions(by=by, edition="2018"))
        assert len(data) < 3_000_000
        parser = html5lib.HTMLParser()
        parser.parse(data.decode())
        assert not parser.errors


def test_gates_and_trend_against_a_baseline(tmp_path: Path, invoke: Invoke,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    repo = Path("assess/small")
    invoke(["assess", repo, "-f", "json", "-o", tmp_path / "old", "-q"])
    invoke(["assess", repo, "-f", "html", "-o", tmp_path / "new", "-q", "--as-of", "2027-08-01",
            "--baseline", tmp_path / "old" / "report.json", "--fail-under", "90"], code=1)
    page = (tmp_path / "new" / "report.html").read_text()
    html5lib.HTMLParser(strict=True).parse(page)
    assert 'id="gates"' in page and "overall score 29.2 is 60.8 below 90" in page
    assert 'id="trend"' in page and 'class="chart trend"' in page
    assert "Regressed (2)" in page and "45.8% → 29.2%" in page


@pytest.mark.parametrize("where", OUTPUTS.values(), ids=OUTPUTS.keys())
def test_path_links_stay_inside_the_repository(where: str, tmp_path: Path, invoke: Invoke,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    repo = link_repo(tmp_path)
    monkeypatch.chdir(repo)
    # The hostile paths are repository problems: the gate fails, the report is written.
    invoke(["assess", ".", "-f", "html", "-o", where, "-q"], code=1)
    text = (repo / where / "report.html").read_text(encoding="utf-8")
    hrefs = [html_lib.unescape(h) for h in re.findall(r'href="([^"]*)"', text)]
    assert_links_stay_inside(hrefs, repo / where, repo)
    assert not [h for h in hrefs if h.startswith(("//", "/", "javascript", "%5C"))], hrefs


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\x1b]0;t\x07", "\x9b31m", "\u200b",
                                    "\u2028"])
def test_hidden_characters_are_shown_escaped(report: Report, hidden: str) -> None:
    """A bidi override or control in data would reorder or hide what the client reads."""
    meta = report.meta.model_copy(update={"organization": f"Acme {hidden}Cloud"})
    result = report.results[0].model_copy(update={"notes": f"line one\nline {hidden}two"})
    html = render(report.model_copy(update={"meta": meta,
                                            "results": [result, *report.results[1:]]}))
    assert hidden not in html
    shown = hidden.encode("unicode_escape").decode("ascii")
    assert f"Acme {shown}Cloud" in html, shown
    assert f"line {shown}two" in html
    assert "line one\nline" in html  # line breaks in notes stay line breaks
