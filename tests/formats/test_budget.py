"""How much item detail the HTML, the PDF's HTML and the Markdown write out (issue 18): a
real report whole, thousands of results within a byte budget, the PDF a summary unless asked
for details."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from sms20k.assessment.model import CitedClause, ItemResult, Report
from sms20k.assessment.run import assess
from sms20k.formats import get_renderer
from sms20k.formats.budget import DETAILED, FINDING_ITEMS
from sms20k.formats.html import report_html
from sms20k.formats.interface import RenderOptions

from ..conftest import generate_repo
from .conftest import load_small

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"
AS_OF = dt.date(2026, 11, 15)
CARD = re.compile(r'<details class="result result-[a-z-]+" id="([^"]+)"')
LISTED = re.compile(r'<li class="na-item" id="([^"]+)"')
BYTES_PER_RESULT = 250
"""What a result may add to the HTML past the detail bound: 15 MB at 10k was 1,500."""


def anchor(result: ItemResult) -> str:
    return f"item-{result.item}" + (f"-{result.service}" if result.service else "")


def anchors_resolve(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    return sorted(set(re.findall(r'href="#([^"]+)"', html)) - ids)


def detailed(html: str) -> list[str]:
    return CARD.findall(html) + LISTED.findall(html)


@pytest.fixture(scope="module")
def example() -> Report:
    return assess(EXAMPLE).report


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Report, str]]:
    """Two generated repositories, the second three times the first, with their HTML."""
    made = {}
    for items in (600, 1800):
        repo = tmp_path_factory.mktemp(f"gen{items}")
        generate_repo(items, repo)
        report = assess(repo, as_of=AS_OF).report
        made[items] = report, get_renderer("html").render(report)
    return made


def test_the_example_is_detailed_whole(example: Report) -> None:
    html = get_renderer("html").render(example)
    assert len(example.results) <= DETAILED
    assert sorted(detailed(html)) == sorted(anchor(r) for r in example.results)
    assert "Not detailed here" not in html and "left-out" not in html.split("<main>")[1]
    assert max(len(f.items) for f in example.findings) <= FINDING_ITEMS
    assert anchors_resolve(html) == []


def test_thousands_of_results_stay_within_a_byte_budget(
        generated: dict[int, tuple[Report, str]]) -> None:
    (small, small_html), (large, large_html) = generated[600], generated[1800]
    assert len(large.results) > 2 * len(small.results) > 2 * DETAILED
    grown = len(large_html.encode()) - len(small_html.encode())
    added = len(large.results) - len(small.results)
    assert grown <= BYTES_PER_RESULT * added, (grown, added)
    assert len(large_html.encode()) < 3_000_000


@pytest.mark.parametrize("items", [600, 1800])
def test_past_the_bound_the_most_severe_are_detailed_and_the_rest_counted(
        generated: dict[int, tuple[Report, str]], items: int) -> None:
    report, html = generated[items]
    cards = detailed(html)
    assert len(cards) == len(set(cards)) == DETAILED
    shown = set(cards)
    rank = {"major": 0, "minor": 1, "observation": 2, "ofi": 3, None: 4}
    best_left_out = min(rank[r.finding_class] for r in report.results if anchor(r) not in shown)
    assert all(rank[r.finding_class] <= best_left_out for r in report.results
               if anchor(r) in shown)
    # Each scenario counts what it does not detail: with the cards, every result is there.
    counted = sum(int(n) for n in re.findall(r"(\d+) [a-z ]+?(?:, |\.</p>)",
                                             "".join(re.findall(r'<p class="left-out">'
                                                                r'Not detailed here: .*?</p>',
                                                                html))))
    assert counted + len(cards) == len(report.results)
    assert anchors_resolve(html) == []


def test_a_finding_lists_its_first_items_and_says_how_many_more(
        generated: dict[int, tuple[Report, str]]) -> None:
    report, html = generated[1800]
    big = max(report.findings, key=lambda f: len(f.items))
    assert len(big.items) > FINDING_ITEMS
    article = html[html.index(f'id="finding-{big.id}"'):]
    article = article[:article.index("</article>")]
    assert article.count("<tr>") - 1 == FINDING_ITEMS  # the head row, then the items
    assert f"{len(big.items)} item results (the first {FINDING_ITEMS};" in article


def test_the_pdf_prints_a_summary_of_the_items_unless_asked_for_details() -> None:
    report, _ = load_small()
    printed = report_html(report, RenderOptions(), printed=True)
    assert detailed(printed) == [] and anchors_resolve(printed) == []
    summary = printed[printed.index('<table class="details-summary">'):]
    summary = summary[:summary.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", summary)
    assert len(rows) == len(report.scenarios)
    cells = [re.findall(r'<td class="n">([^<]*)</td>', row)[1:] for row in rows]  # no score
    assert sum(int(c) for row in cells for c in row if c.isdigit()) == len(report.results)
    with_details = report_html(report, RenderOptions(pdf_details=True), printed=True)
    assert len(detailed(with_details)) == len(report.results)
    assert '<table class="details-summary">' in with_details
    assert anchors_resolve(with_details) == []


def test_the_screen_report_does_not_change_with_the_pdf_option(example: Report) -> None:
    screen = get_renderer("html").render(example)
    assert get_renderer("html").render(example, RenderOptions(pdf_details=True)) == screen
    assert "p-heat" not in screen and "details-summary" not in screen


def test_counts_match_the_json_report(example: Report) -> None:
    data = json.loads(get_renderer("json").render(example))
    printed = report_html(example, RenderOptions(), printed=True)
    for finding in data["findings"]:
        assert f'id="finding-{finding["id"]}"' in printed
    assert printed.count('<article class="audit-finding') == len(data["findings"])


# The Markdown report keeps the same budget: a heading per detailed assessed result, a line
# per detailed not-assessed one, and a count of the rest in each group.
MD_HEADING = re.compile(r"^#### (.+)$", re.MULTILINE)


def md_listed(details: str, labels: set[str]) -> set[str]:
    """The results listed in a line of their group: ``- LABEL TITLE: reasons``."""
    found = set()
    for line in re.findall(r"^- (.+)$", details, re.MULTILINE):
        words = line.split(" ")
        found |= {" ".join(words[:n]) for n in (1, 2)} & labels
    return found


def md_details(markdown: str) -> str:
    return markdown[markdown.index("\n## Item details\n"):markdown.index("\n## Validation\n")]


def md_links_resolve(markdown: str) -> list[str]:
    from sms20k.formats.markdown_syntax import anchor as md_anchor

    headings = {md_anchor(h) for h in re.findall(r"^#+ (.+)$", markdown, re.MULTILINE)}
    return sorted(set(re.findall(r"\]\(#([^)]+)\)", markdown)) - headings)


def test_the_example_markdown_is_detailed_whole(example: Report) -> None:
    markdown = get_renderer("md").render(example)
    details = md_details(markdown)
    assessed = [r for r in example.results if r.assessed]
    assert sorted(set(MD_HEADING.findall(details))) == sorted({r.label for r in assessed})
    assert "Not detailed here" not in markdown and "are detailed here" not in markdown
    assert md_links_resolve(markdown) == []


@pytest.mark.parametrize("items", [600, 1800])
def test_markdown_past_the_bound_details_the_most_severe_and_counts_the_rest(
        generated: dict[int, tuple[Report, str]], items: int) -> None:
    report, _ = generated[items]
    markdown = get_renderer("md").render(report)
    details = md_details(markdown)
    by_label = {r.label: r for r in report.results}
    headed = set(MD_HEADING.findall(details))
    shown = headed | md_listed(details, set(by_label))
    assert len(shown) == DETAILED, len(shown)
    assert f"{DETAILED} results of {len(report.results)} are detailed here" in details
    rank = {"major": 0, "minor": 1, "observation": 2, "ofi": 3, None: 4}
    best_left_out = min(rank[r.finding_class] for r in report.results if r.label not in shown)
    assert all(rank[by_label[s].finding_class] <= best_left_out for s in shown)
    counted = sum(int(n) for line in re.findall(r"^Not detailed here: (.*)\.$", details,
                                                 re.MULTILINE)
                  for n in re.findall(r"(\d+) [a-z ]+", line))
    assert counted + len(shown) == len(report.results)
    assert md_links_resolve(markdown) == []


def test_markdown_grows_by_a_bounded_number_of_bytes_per_result(
        generated: dict[int, tuple[Report, str]]) -> None:
    (small, _), (large, _) = generated[600], generated[1800]
    grown = (len(get_renderer("md").render(large).encode())
             - len(get_renderer("md").render(small).encode()))
    added = len(large.results) - len(small.results)
    assert grown <= BYTES_PER_RESULT * added, (grown, added)


def test_a_markdown_finding_lists_its_first_items_and_says_how_many_more(
        generated: dict[int, tuple[Report, str]]) -> None:
    report, _ = generated[1800]
    markdown = get_renderer("md").render(report)
    big = max(report.findings, key=lambda f: len(f.items))
    assert len(big.items) > FINDING_ITEMS
    section = markdown[markdown.index(f"\n### {big.id}\n"):]
    section = section[:section.index("\n### ", 1)]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    assert len(rows) - 2 == FINDING_ITEMS  # the head and rule rows, then the items
    assert (f"Objective evidence: {len(big.items)} item results, the first {FINDING_ITEMS} "
            "below" in section)


@pytest.mark.parametrize("many", [False, True])
def test_results_mapped_to_no_leaf_clause_get_a_group_of_their_own(
        example: Report, generated: dict[int, tuple[Report, str]], many: bool) -> None:
    base = generated[1800][0] if many else example
    top = next(c for c in base.clauses_2018 if not c.leaf)
    worst = min(base.results, key=lambda r: (r.finding_class is None, r.criticality != "high"))
    moved = worst.model_copy(update={"clauses_2018": [CitedClause(id=top.id, title=top.title)]})
    results = [moved if r is worst else r for r in base.results]
    report = base.model_copy(update={"results": results})
    html = report_html(report, RenderOptions(by="clause"))
    head, rest = html.split('id="group-rest"')
    assert f'id="{anchor(moved)}"' in rest and f'id="{anchor(moved)}"' not in head
    cards = detailed(html)
    assert len(cards) == len(set(cards)) == min(len(results), DETAILED)
    assert anchors_resolve(html) == []
