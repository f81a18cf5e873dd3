"""The PDF a consultant hands to a client (issue 16, part 4), read back with poppler.

The example is printed once for the module (it is slow); the small fixture shows the final
issue and a hostile marking."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sms20k.assessment.run import assess
from sms20k.cli import app
from sms20k.formats import get_renderer
from sms20k.formats.context import ReportContext
from sms20k.formats.interface import RenderOptions

from ..conftest import DATA
from ..tools import command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "nimbus-cloud"
SECTIONS = ("Executive summary", "Audit findings", "Corrective action plan",
            "Repository problems", "Scope and exclusions", "Scores", "Item findings",
            "Item details", "Appendix: method and rules", "Sign-off")
HOSTILE = '"; } body { display:none } /* <script>alert(1)</script>'
STYLES = re.compile(r"-(Bold|Oblique|Italic|BoldOblique|BoldItalic|Regular|Book)$")


@dataclass(frozen=True)
class Printed:
    pages: list[str]
    """pdftotext -layout, one string per page."""
    path: Path
    stderr: str

    def fills(self) -> list[float]:
        return page_fills(self.path)


def read_pdf(path: Path) -> list[str]:
    text = subprocess.run([command("pdftotext", "poppler-utils"), "-layout", path, "-"],
                          check=True, capture_output=True, text=True, timeout=120).stdout
    return text.split("\f")[:-1]


# The page area inside @page's margins (A4, 18 mm top and bottom), in PDF points.
MM = 72 / 25.4
BODY_TOP, BODY_BOTTOM = 18 * MM, (297 - 18) * MM
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')


def page_fills(path: Path) -> list[float]:
    """How far down its body area each page's text reaches, from 0 (none) to 1 (the bottom
    margin): the lowest word between the running head and the footer, by pdftotext -bbox."""
    out = subprocess.run([command("pdftotext", "poppler-utils"), "-bbox", path, "-"],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    fills = []
    for page in out.split("<page ")[1:]:
        bottoms = [float(low) for high, low in WORD.findall(page)
                   if float(high) > BODY_TOP and float(low) < BODY_BOTTOM]
        fills.append((max(bottoms, default=BODY_TOP) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP))
    return fills


def font_families(path: Path) -> set[str]:
    out = subprocess.run([command("pdffonts", "poppler-utils"), path], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {STYLES.sub("", name.split("+", 1)[-1]) for name in names}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    out = tmp_path_factory.mktemp("client-pdf")
    result = CliRunner().invoke(app, ["assess", str(EXAMPLE), "-f", "pdf", "-o", str(out),
                                      "--marking", "Confidential"])
    assert result.exit_code in (0, 1), f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return Printed(read_pdf(out / "report.pdf"), out / "report.pdf", result.stderr)


def small_pdf(tmp_path: Path, **options: object) -> list[str]:
    report = assess(DATA / "assess" / "small").report
    path = tmp_path / "small.pdf"
    path.write_bytes(get_renderer("pdf").encode(report, RenderOptions(**options)))  # type: ignore[arg-type]
    return read_pdf(path)


def flat(page: str) -> str:
    return " ".join(page.split())


def test_cover_names_client_title_assessor_and_marking(example: Printed) -> None:
    cover = flat(example.pages[0])
    for text in ("Nimbus Cloud Ltd", "ISO/IEC 20000-1 gap assessment 2026", "Helen Okafor",
                 "Confidential · Draft", "2026-11-15", "version 2.1"):
        assert text in cover, text


def test_every_page_says_page_x_of_y_and_the_marking(example: Printed) -> None:
    total = len(example.pages)
    for number, page in enumerate(example.pages, start=1):
        last = [line for line in page.splitlines() if line.strip()][-1]
        assert re.search(rf"Page {number} of {total}\s*$", last), (number, last)
        assert last.strip().startswith("Confidential · Draft"), (number, last)


def test_running_header_has_client_and_title_after_the_cover(example: Printed) -> None:
    first = next(line for line in example.pages[0].splitlines() if line.strip())
    assert "Nimbus Cloud Ltd" not in first
    for number, page in enumerate(example.pages[1:], start=2):
        head = next(line for line in page.splitlines() if line.strip())
        assert head.strip().startswith("Nimbus Cloud Ltd"), (number, head)
        assert head.rstrip().endswith("ISO/IEC 20000-1 gap assessment 2026"), (number, head)


def test_contents_page_numbers_are_where_the_headings_are(example: Printed) -> None:
    toc = {}
    for line in example.pages[0].splitlines():
        found = re.match(r"\s*(\d+)\.\s+(.+?)\s*\.*\s+(\d+)$", line)
        if found:
            toc[found[2].rstrip(". ")] = (found[1], int(found[3]))
    assert list(toc) == list(SECTIONS)
    for title, (number, page) in toc.items():
        heading = re.compile(rf"^\s*{number}\s+{re.escape(title)}\s*$", re.M)
        where = [i for i, text in enumerate(example.pages, start=1) if heading.search(text)]
        assert where == [page], (title, page, where)


def test_no_near_empty_page_in_the_middle(example: Printed) -> None:
    """No page but the cover (which ends with the contents, then a forced break) and the last
    one stops in the upper half of its body area. A page that does is near-empty: a forced
    page break came before the end of a page, or a block that may not split (a big table,
    figure or definition list kept whole) was pushed onto the next page. Measured on the
    text: the lowest word of the page above its footer (SVG chart text counts, as text)."""
    fills = example.fills()
    assert len(fills) == len(example.pages)
    short = {number: round(fill, 2) for number, fill in enumerate(fills, start=1)
             if 1 < number < len(fills) and fill < 0.5}
    assert not short, f"pages whose text stops in the upper half: {short}"


def test_no_heading_alone_at_a_page_bottom(example: Printed) -> None:
    """The last line above a page's footer is never only capitals: a table head, a term of
    a definition list or a small heading left alone, its rows on the next page."""
    for number, page in enumerate(example.pages[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()][:-1]  # footer dropped
        last = lines[-1].strip()
        assert not (re.fullmatch(r"[A-Z][A-Z ,()'-]*", last) and " " in last), (number, last)


def test_sign_off_block_with_the_assessor(example: Printed) -> None:
    last = flat("\n".join(example.pages[-2:]))
    assert "Sign-off" in last
    for step in ("Prepared by", "Reviewed by", "Approved by"):
        assert step in last
    assert "Helen Okafor" in last[last.index("Sign-off"):]


def test_no_path_of_this_machine(example: Printed) -> None:
    text = "\n".join(example.pages)
    for needle in (str(ROOT), str(example.path.parent), "/work/", "/tmp/", "../"):
        assert needle not in text, needle
    assert "docs/plans/service-management-plan-2026.md" in text  # repository-relative


def pages_of(printed: Printed, number: int, title: str) -> list[str]:
    """The pages from section ``number``'s heading to the next one's."""
    def at(n: int, t: str) -> int:
        heading = re.compile(rf"^\s*{n}\s+{re.escape(t)}\s*$", re.M)
        return next(i for i, page in enumerate(printed.pages) if heading.search(page))

    return printed.pages[at(number, title):at(number + 1, SECTIONS[number]) + 1]


def section(printed: Printed, number: int, title: str) -> str:
    return flat("\n".join(pages_of(printed, number, title)))


def body(printed: Printed, number: int, title: str) -> str:
    """Section ``number`` without running heads and footers, which pdftotext puts in the middle
    of a paragraph that goes on over a page break."""
    return flat("\n".join("\n".join(page.strip().splitlines()[1:-1])
                          for page in pages_of(printed, number, title)))


def test_exec_summary_names_the_weakest_clauses(example: Printed) -> None:
    report = assess(EXAMPLE).report
    weakest = ReportContext(report, RenderOptions()).weakest_clauses
    assert weakest
    summary = section(example, 1, "Executive summary")
    said = summary[summary.index("weakest clauses of ISO/IEC 20000-1:2018"):]
    for clause in weakest:
        assert f"{clause.id} {clause.title} at {clause.score:.1f}%" in said, clause.id


def test_heat_map_shows_clause_titles(example: Printed) -> None:
    scores = section(example, 6, "Scores")
    heat = scores[scores.index("Heat map"):]
    report = assess(EXAMPLE).report
    short = [c for c in report.clauses_2018 if c.leaf and len(c.title) <= 20]
    assert short
    for clause in short:  # longer titles wrap over lines that pdftotext interleaves
        assert clause.title in heat, clause.id


def squash(text: str) -> str:
    """Without whitespace: pdftotext breaks lines at spaces and after hyphens only."""
    return "".join(text.split())


def test_findings_with_statements_recommendations_and_actions(example: Printed) -> None:
    """What a lead auditor signs from the PDF alone (issue 18): every finding's statement and
    recommendations in full, its corrective actions, and the plan's recorded actions."""
    report = assess(EXAMPLE).report
    findings = squash(body(example, 2, "Audit findings"))
    for finding in report.findings:
        assert squash(finding.statement) in findings, finding.id
        for recommendation in finding.recommendations:
            assert squash(recommendation) in findings, finding.id
        for action in finding.actions:
            assert action in findings, finding.id
    plan = squash(body(example, 3, "Corrective action plan"))
    for action in report.actions:
        assert (action.id if action.status != "none" else action.finding or "") in plan


def test_item_details_are_summarized_unless_asked_for(example: Printed, tmp_path: Path) -> None:
    report = assess(EXAMPLE).report
    details = section(example, 8, "Item details")
    assert f"{len(report.results)} item results, by scenario" in details
    for scenario in report.scenarios:  # titles wrap in their column
        assert f"{scenario.id} " in details, scenario.id
    assert "EVIDENCE ENTRY" not in flat("\n".join(example.pages))  # no item's card
    with_details = flat("\n".join(small_pdf(tmp_path, pdf_details=True)))
    assert "EVIDENCE ENTRY" in with_details and "EXPECTED EVIDENCE" in with_details


def test_one_font_family(example: Printed) -> None:
    families = font_families(example.path)
    assert len(families) == 1, families


def test_progress_lines_on_stderr(example: Printed) -> None:
    assert "sms20k: rendering the HTML for the PDF" in example.stderr
    assert "sms20k: laying out the PDF pages" in example.stderr
    assert f"sms20k: writing the PDF ({len(example.pages)} pages)" in example.stderr


def test_draft_until_final(tmp_path: Path) -> None:
    draft = small_pdf(tmp_path)
    assert "Draft" in flat(draft[0]) and "Draft" in flat(draft[-1])
    final = flat("\n".join(small_pdf(tmp_path, final=True)))
    assert "Draft" not in final and "Page 1 of" in final
    marked = small_pdf(tmp_path, final=True, marking="Client confidential")
    assert all("Client confidential" in page for page in marked)
    assert "Draft" not in "\n".join(marked)


def test_a_hostile_marking_is_printed_literally(tmp_path: Path) -> None:
    pages = small_pdf(tmp_path, marking=HOSTILE)
    assert HOSTILE in flat(pages[0])
    assert all(len(flat(page)) > 200 for page in pages[:-1])  # body { display:none } did nothing
    footers = [flat(page) for page in pages]
    assert all(HOSTILE.split(" /*")[0] in footer for footer in footers)
