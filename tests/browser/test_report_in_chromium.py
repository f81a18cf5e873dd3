"""The HTML gap report in a real Chromium: hostile text stays inert, nothing loads, it prints.

The bundled example is copied and poisoned with script and event-handler payloads in every
free-text field, assessed through the CLI, and opened from file:// in headless Chromium with
JavaScript enabled. The payloads must show as escaped text: no script runs, no element or
handler is injected, the CSP reports nothing, and the page requests nothing but itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from ..conftest import Invoke

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '"><svg onload="window.__pwned=3">',
    "javascript:window.__pwned=4",
    "</title></svg><style>body{display:none}</style>",
)
ALL_PAYLOADS = " ".join(PAYLOADS)
# A valid https URL (no spaces), so the report makes it a link: the quote must not end href.
EVIL_URL = 'https://example.com/"><script>window.__pwned=5</script>'
# Rejected by validation (scheme), so it appears in validation messages instead of an href.
JS_URL = "javascript:window.__pwned=4"
EVIL_RECORD = "JIRA:<script>window.__pwned=7</script>"
# A real file in the poisoned copy, so the report links to it.
EVIL_FILE = 'docs/"><img src=x onerror="window.__pwned=6">.md'

# Watches for CSP violations from inside the page (init scripts are exempt from the CSP).
CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""
# Anything a payload would have become had it been parsed as markup.
INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (["script", "img", "iframe", "object", "embed", "base", "form"].includes(tag)) {
      bad.push(`<${tag}>`);
    }
    if (tag === "style" && el.parentElement.localName !== "head"
        && el.parentElement.localName !== "svg") bad.push("<style> outside head and svg");
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) bad.push(`${tag}[${attr.name}]`);
      if (/^\\s*javascript:/i.test(attr.value)) bad.push(`${tag}[${attr.name}=javascript:]`);
    }
  }
  return bad;
}"""
H2_TITLES = ("Executive summary", "Audit findings", "Repository problems", "Scope and exclusions",
             "Scores", "Item findings", "Item details", "Appendix: method and rules")
# Every in-page link, and whether its target exists: none may dangle.
DANGLING = """() => [...document.querySelectorAll('a[href^="#"]')]
  .map((a) => a.getAttribute("href").slice(1))
  .filter((id) => !document.getElementById(id))"""


# -- poisoning the example ---------------------------------------------------------------------

def _poison_text(value: Any, payloads: Iterator[str]) -> str:
    return f"{value} {next(payloads)}"


def _poison_reference(ref: dict[str, Any], payloads: Iterator[str], urls: Iterator[str]) -> None:
    for key in ("description", "version", "owner", "approver"):
        if key in ref:
            ref[key] = _poison_text(ref[key], payloads)
    if "url" in ref:
        ref["url"] = next(urls)


def _poison_entries(data: dict[str, Any], payloads: Iterator[str], urls: Iterator[str]) -> None:
    for entry in data.get("entries") or []:
        for key in ("owner", "notes", "justification"):
            if key in entry:
                entry[key] = _poison_text(entry[key], payloads)
        for ref in entry.get("evidence") or []:
            _poison_reference(ref, payloads, urls)
    for waiver in data.get("waivers") or []:
        for key in ("reason", "approved_by"):
            if key in waiver:
                waiver[key] = _poison_text(waiver[key], payloads)
    for action in data.get("actions") or []:
        for key in ("correction", "root_cause", "corrective_action", "owner"):
            if key in action:
                action[key] = _poison_text(action[key], payloads)


def poisoned_example(tmp_path: Path) -> Path:
    """A copy of the example with a payload in every free-text field of every file."""
    repo = tmp_path / "nimbus-poisoned"
    shutil.copytree(EXAMPLE, repo)
    (repo / EVIL_FILE).write_text("# A document with a hostile name\n", encoding="utf-8")
    payloads = cycle(PAYLOADS)
    urls = cycle((EVIL_URL, JS_URL))

    manifest_path = repo / "sms20k.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    org, meta = manifest["organization"], manifest["assessment"]
    org["name"] = f"{org['name']} {ALL_PAYLOADS}"
    org["description"] = _poison_text(org["description"], payloads)
    meta["title"] = f"{meta['title']} {ALL_PAYLOADS}"
    meta["assessor"] = _poison_text(meta["assessor"], payloads)
    meta["reference"] = f"GA-2026-017 {ALL_PAYLOADS}"
    for service in manifest["scope"]["services"]:
        service["name"] = _poison_text(service["name"], payloads)
        service["description"] = _poison_text(service["description"], payloads)
    for exclusion in manifest["exclusions"]:
        exclusion["justification"] = _poison_text(exclusion["justification"], payloads)
    _poison_entries(manifest, payloads, urls)
    manifest_path.write_text(yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True),
                             encoding="utf-8")

    evidence_files = sorted((repo / "evidence").glob("*.yaml"))
    assert len(evidence_files) == 16
    for path in evidence_files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        _poison_entries(data, payloads, urls)
        if path.name == "S01.yaml":
            extra = data["entries"][0]["evidence"]
            extra.append({"path": EVIL_FILE, "description": f"Hostile file name {next(payloads)}"})
            extra.append({"record": EVIL_RECORD, "description": f"Hostile record {next(payloads)}"})
            extra.append({"url": EVIL_URL, "description": f"Hostile URL {next(payloads)}"})
            extra.append({"url": JS_URL, "description": f"Script URL {next(payloads)}"})
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
    return repo


# -- opening a report --------------------------------------------------------------------------

@dataclass
class Visit:
    page: Page
    uri: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> dict[str, Any]:
        """What a payload or a leak would leave behind; empty when the report is inert."""
        page = self.page
        found: dict[str, Any] = {
            "window.__pwned": page.evaluate("window.__pwned"),
            "dialogs": self.dialogs,
            "injected markup": page.evaluate(INJECTED),
            "CSP violations": page.evaluate("window.__csp"),
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "requests": [u for u in self.requests if u != self.uri and not u.startswith("data:")],
        }
        return {key: value for key, value in found.items() if value}

    def assert_inert(self) -> None:
        """No payload ran or became markup, the CSP blocked nothing, nothing was fetched."""
        assert self.problems() == {}
        assert self.requests == [self.uri], "the document itself was not requested once"


def open_report(browser: BrowserContext, report: Path) -> Visit:
    page = browser.new_page()
    visit = Visit(page, report.resolve().as_uri())
    page.on("request", lambda r: visit.requests.append(r.url))

    def on_console(message: Any) -> None:
        if message.type == "error":
            visit.console_errors.append(f"{message.text} at {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(CSP_WATCH)
    page.goto(visit.uri, wait_until="load")
    page.wait_for_timeout(250)  # let any deferred handler (onerror, onload) have its chance
    return visit


@pytest.fixture
def visits() -> Iterator[list[Visit]]:
    opened: list[Visit] = []
    yield opened
    for visit in opened:
        visit.page.close()


def leaf_count(report_json: Path, edition: str) -> int:
    data = json.loads(report_json.read_text(encoding="utf-8"))
    return sum(1 for c in data[f"clauses_{edition}"] if c["leaf"])


def pdf_pages(path: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        out = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True)
        match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
        assert match, out.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


# -- the tests ---------------------------------------------------------------------------------

def test_poisoned_report_is_inert_complete_and_prints(
    invoke: Invoke, tmp_path: Path, browser: BrowserContext, visits: list[Visit],
    artifacts: Path,
) -> None:
    from playwright.sync_api import expect

    repo = poisoned_example(tmp_path)
    out = tmp_path / "report"
    # The script URL is a repository problem: --allow-invalid keeps the exit code at 0.
    invoke(["assess", repo, "-f", "html", "-f", "json", "-o", out, "-q", "--allow-invalid"])
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    score = f"{data['summary']['score']:.1f}%"
    # The heat map shows the default edition's leaves: 2018, 57 of them.
    leaves = leaf_count(out / "report.json", "2018")
    assert leaves == 57

    visit = open_report(browser, out / "report.html")
    visits.append(visit)
    page = visit.page
    visit.assert_inert()

    # The payloads are there, as text: the cover shows them verbatim.
    expect(page.locator("h1 .org")).to_contain_text(ALL_PAYLOADS)
    expect(page.locator(".cover-meta")).to_contain_text(f"GA-2026-017 {ALL_PAYLOADS}")
    assert ALL_PAYLOADS in page.title()
    evil_links = page.locator("a.ev-url").evaluate_all(
        f"(links) => links.filter((a) => a.getAttribute('href') === {json.dumps(EVIL_URL)})"
        ".map((a) => a.textContent)")
    assert evil_links and set(evil_links) == {EVIL_URL}
    expect(page.locator("a.ev-path", has_text=EVIL_FILE).first).to_be_attached()
    expect(page.locator("#repository")).to_contain_text(EVIL_RECORD)
    expect(page.locator("#repository")).to_contain_text(JS_URL)

    # The audit findings and the repository problems render, apart, and every anchor resolves.
    findings = page.locator("#audit-findings article.audit-finding")
    expect(findings).to_have_count(len(data["findings"]))
    expect(findings.first).to_be_visible()
    expect(findings.first.locator("table.af-items a").first).to_be_visible()
    problems = page.locator("#repository tr.repo-problem")
    expect(problems.first).to_be_visible()
    assert problems.count() >= 2  # the hostile record and the script URL at least
    expect(page.locator("#repository")).to_contain_text("They are not nonconformities")
    expect(page.locator("#audit-findings")).not_to_contain_text("REF_URL")
    assert page.evaluate(DANGLING) == []
    first = findings.first.locator("table.af-items a").first
    target = first.get_attribute("href")
    assert target and target.startswith("#item-")
    first.click()
    expect(page.locator(f'[id="{target[1:]}"]')).to_be_in_viewport()
    back = page.locator(f'[id="{target[1:]}"]').locator("a.af-back").first
    back_target = back.get_attribute("href")
    assert back_target and back_target.startswith("#finding-")
    back.click()
    expect(page.locator(f'[id="{back_target[1:]}"]')).to_be_in_viewport()
    coverage = data["summary"]["coverage"]
    expect(page.locator(".coverage-text")).to_contain_text(
        f"{coverage['assessed']} of {coverage['in_scope']} item results assessed")

    # Key figures, headings and charts are visible.
    expect(page.locator(".score-card:not(.coverage-card) .big")).to_have_text(score)
    expect(page.locator(".score-card:not(.coverage-card) .big")).to_be_visible()
    for title in H2_TITLES:
        expect(page.locator("main h2", has_text=title).first).to_be_visible()
    charts = {
        "gauge": page.locator("#summary svg.gauge").nth(0),
        "coverage gauge": page.locator("#summary .coverage-card svg.gauge"),
        "scenario bars": page.locator("#scores svg.bars").nth(0),
        "clause bars": page.locator("#scores svg.bars").nth(1),
        "heat map": page.locator("#scores svg.heatmap"),
    }
    for name, chart in charts.items():
        expect(chart, name).to_be_visible()
        box = chart.bounding_box()
        assert box and box["width"] > 50 and box["height"] > 50, (name, box)
    expect(page.locator("#scores svg.bars").nth(0).locator("g.bar-row")).to_have_count(15)
    cells = page.locator("#scores svg.heatmap g.hm-cell")
    expect(cells).to_have_count(leaves)
    # The styles inside each SVG apply under the CSP: cells are tinted, not default black.
    fills = set(cells.locator("rect").evaluate_all(
        "(rects) => rects.map((r) => getComputedStyle(r).fill)"))
    assert "rgb(0, 0, 0)" not in fills and len(fills) >= 2, fills

    # Screenshots of the top of the report and of the charts, kept as artifacts.
    top = artifacts / "report-top.png"
    page.screenshot(path=str(top), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": 2200})
    assert top.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert top.stat().st_size > 20_000, top.stat().st_size
    scores = artifacts / "report-scores.png"
    page.locator("#scores").screenshot(path=str(scores))
    assert scores.stat().st_size > 20_000, scores.stat().st_size

    # Print to PDF (print media: the contents list hides, findings start on a new page).
    pdf = artifacts / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert pdf_pages(pdf) >= 10

    visit.assert_inert()  # still nothing after printing and screenshots


def test_poisoned_report_by_clause_2018_is_inert(
    invoke: Invoke, tmp_path: Path, browser: BrowserContext, visits: list[Visit],
) -> None:
    from playwright.sync_api import expect

    repo = poisoned_example(tmp_path)
    out = tmp_path / "report-2018"
    invoke(["assess", repo, "-f", "html", "-f", "json", "-o", out, "-q",
            "--by", "clause", "--edition", "2018", "--allow-invalid"])
    visit = open_report(browser, out / "report.html")
    visits.append(visit)
    visit.assert_inert()
    page = visit.page
    expect(page.locator("h1 .org")).to_contain_text(ALL_PAYLOADS)
    expect(page.locator(".kicker").first).to_contain_text("2018")
    expect(page.locator("#details")).to_contain_text("Grouped by clause of")
    expect(page.locator("#scores svg.heatmap g.hm-cell")).to_have_count(
        leaf_count(out / "report.json", "2018"))
    assert page.evaluate(DANGLING) == []
    expect(page.locator("#audit-findings .af-beside")).to_have_count(0)  # 2018: none beside
