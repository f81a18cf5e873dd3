"""benchmarks/browser.py: real loads of two small reports in Debian's Chromium, and a note,
never an exception, when the browser or Playwright is missing. No timing is judged."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from ..conftest import DATA, Invoke
from .conftest import bench_module

browser = bench_module("browser")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nimbus-cloud"


def _reports(invoke: Invoke, tmp_path: Path) -> list[Path]:
    small, example = tmp_path / "small", tmp_path / "example"
    invoke(["assess", DATA / "assess" / "small", "--as-of", "2026-11-15", "-f", "html",
            "-o", small, "-q"])
    invoke(["assess", EXAMPLE, "-f", "html", "-o", example, "-q"])
    return [small / "report.html", example / "report.html"]


@pytest.mark.browser
def test_each_file_loads_once_per_run_in_turns(chromium: str, invoke: Invoke, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    files = _reports(invoke, tmp_path)
    visited: list[Path] = []
    real_visit = browser.visit

    def visit(page_browser: object, file: Path) -> object:
        visited.append(file)
        return real_visit(page_browser, file)

    monkeypatch.setattr(browser, "visit", visit)
    loads = browser.load_pages(files, 1, executable=chromium)
    assert loads.note == "", loads.note
    assert visited == [*files, *files]  # the untimed round, then the timed one, A B A B
    assert list(loads.pages) == files
    for file, page in loads.pages.items():
        assert len(page.load.seconds) == len(page.dom) == len(page.paint) == 1, file
        assert len(page.load.cpu) == len(page.load.rss_kib) == 1, file
        [load], [dom], [paint] = page.load.seconds, page.dom, page.paint
        assert 0 < dom <= load, (file, dom, load)
        assert paint is None or paint > 0, (file, paint)

    [row] = browser.rows("5 reports", loads, *files)
    data = json.loads(json.dumps(row.data()))
    assert data["ours"]["samples"] == loads.pages[files[0]].load.seconds
    assert data["base"]["samples"] == loads.pages[files[1]].load.seconds
    assert data["target"] is None and data["met"] is None
    assert data["value"] == pytest.approx(data["ours"]["median"] / data["base"]["median"])
    assert "DOMContentLoaded" in row.note and "FCP" in row.note, row.note


def test_a_missing_chromium_is_a_note(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!doctype html><title>t</title><p>x</p>", encoding="utf-8")
    loads = browser.load_pages([page], 1, executable=str(tmp_path / "no-chromium"))
    assert loads.pages == {} and loads.note.startswith("skipped: Chromium missing"), loads.note
    [row] = browser.rows("5 reports", loads, page, page)
    assert row.note == loads.note and row.ours is None and row.target is None
    assert json.loads(json.dumps(row.data()))["note"] == loads.note


def test_a_missing_playwright_is_a_note(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import raises ImportError
    loads = browser.load_pages([tmp_path / "page.html"], 1, executable=sys.executable)
    assert loads.pages == {} and loads.note.startswith("skipped: Playwright"), loads.note
    assert "missing" in loads.note, loads.note
