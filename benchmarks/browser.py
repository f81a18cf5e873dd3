"""Case 5's browser row (issue 18): how long HTML files take to load in Debian's Chromium,
driven by Playwright for Python, read from each page's own Navigation and Paint Timing."""

from __future__ import annotations

import os
import statistics
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import EXAMPLE, Bench
from chromium import CHROMIUM_FLAGS, find_chromium
from measure import CommandFailed, Samples, progress
from results import Row, compare

if TYPE_CHECKING:
    from playwright.sync_api import Browser

LOAD_TIMEOUT_MS = 300_000
PAINT_PATIENCE_MS = 2_000

TIMINGS = """async (patience) => {
  const nav = () => performance.getEntriesByType("navigation")[0];
  const fcp = () => performance.getEntriesByType("paint")
    .find((entry) => entry.name === "first-contentful-paint");
  const start = performance.now();
  while (!(nav() && nav().loadEventEnd > 0 && fcp()) && performance.now() - start < patience) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const n = nav();
  return {dom: n ? n.domContentLoadedEventEnd : 0, load: n ? n.loadEventEnd : 0,
          paint: fcp() ? fcp().startTime : null};
}"""
"""Milliseconds from the start of navigation; polled after the load event has fired, so the
polling cannot delay what it reads. A page that never paints has no FCP (null)."""


class NoTimings(Exception):
    """The page loaded but its Navigation Timing never recorded the end of its load."""


@dataclass
class PageLoads:
    """The timed loads of one file, in seconds from the start of navigation, one per run.
    ``load`` holds loadEventEnd, with the CPU seconds Chromium's processes used during the
    load and the peak RSS of the page's renderer (the shape of an ``inner`` arm's samples:
    its own timing, the processes' CPU and memory)."""

    load: Samples = field(default_factory=Samples)
    dom: list[float] = field(default_factory=list)
    paint: list[float | None] = field(default_factory=list)

    def fcp_text(self) -> str:
        painted = [p for p in self.paint if p is not None]
        return f"{statistics.median(painted):.3f}" if painted else "none"


@dataclass
class Loads:
    pages: dict[Path, PageLoads]
    note: str = ""
    """Why there are no pages: Playwright or Chromium missing, or Chromium failed."""


def load_pages(files: Sequence[Path], runs: int, executable: str | None = None) -> Loads:
    """Each file from file:// in a fresh context (its own empty cache, disabled as well), in
    rounds A B A B: one untimed round, then ``runs`` timed ones. Never raises for a missing
    or failing browser: the note says what happened."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return Loads({}, "skipped: Playwright for Python missing (pip install -e '.[test]'; "
                     "never `playwright install`, the browser is Debian's chromium)")
    path = executable or find_chromium()
    if path is None:
        return Loads({}, "skipped: Chromium missing (no chromium or chromium-browser on PATH; "
                     "apt-get install chromium)")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return Loads({}, f"skipped: Chromium missing ({path} is not an executable file)")
    pages = {file: PageLoads() for file in files}
    try:
        with no_download(), sync_playwright() as pw:
            # launch() gives the browser a fresh temporary profile, removed on close.
            browser = pw.chromium.launch(executable_path=path, headless=True,
                                         args=CHROMIUM_FLAGS)
            try:
                for file in files:
                    visit(browser, file)
                for _ in range(runs):
                    for file in files:
                        timings, cpu, rss_kib = visit(browser, file)
                        page = pages[file]
                        page.load.seconds.append(timings["load"] / 1000)
                        page.load.cpu.append(cpu)
                        page.load.rss_kib.append(rss_kib)
                        page.dom.append(timings["dom"] / 1000)
                        paint = timings["paint"]
                        page.paint.append(None if paint is None else paint / 1000)
            finally:
                browser.close()
    except (Error, NoTimings) as exc:
        first = (str(exc).strip().splitlines() or ["(no message)"])[0]
        return Loads({}, f"ERROR: Chromium (Playwright) failed: {first[:200]}")
    return Loads(pages)


def visit(browser: Browser, file: Path) -> tuple[dict[str, Any], float, int]:
    """One load of ``file``: its timings, the CPU seconds of Chromium's processes during the
    load, and the peak RSS of the renderer started for it (else the highest of them all)."""
    existing = chromium_processes()
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        before = chromium_processes()
        page.goto(file.resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
        timings: dict[str, Any] = page.evaluate(TIMINGS, PAINT_PATIENCE_MS)
        after = chromium_processes()
    finally:
        context.close()
    if not timings["load"] > 0:
        raise NoTimings(f"{file.name}: no loadEventEnd in its Navigation Timing")
    cpu = sum(used - before.get(pid, (0.0, 0))[0] for pid, (used, _) in after.items())
    # The renderer started for this context is the page's; the browser's own peak only grows.
    fresh = [peak for pid, (_, peak) in after.items() if pid not in existing]
    peaks = fresh or [peak for _, peak in after.values()]
    return timings, max(cpu, 0.0), max(peaks, default=0)


def chromium_processes() -> dict[int, tuple[float, int]]:
    """Chromium's processes below ours: CPU seconds so far and peak RSS in KiB of each;
    empty where there is no /proc."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    found: dict[int, tuple[str, float]] = {}
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        name = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2:].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        found[pid] = (name, (int(fields[11]) + int(fields[12])) / tick)
    ours, chromium = os.getpid(), {}
    for pid, (name, cpu) in found.items():
        if name.startswith("chrom") and below(pid, ours, parents):
            chromium[pid] = (cpu, peak_rss_kib(proc / str(pid)))
    return chromium


def below(pid: int, ancestor: int, parents: dict[int, int]) -> bool:
    seen: set[int] = set()
    while pid in parents and pid not in seen:
        seen.add(pid)
        pid = parents[pid]
        if pid == ancestor:
            return True
    return False


def peak_rss_kib(entry: Path) -> int:
    try:
        for line in (entry / "status").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


@contextmanager
def no_download() -> Iterator[None]:
    """Belt and braces, as in tests/browser: Playwright must never fetch a browser."""
    before = os.environ.get("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD")
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"]
        else:
            os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = before


def rows(case: str, loads: Loads, ours: Path, base: Path) -> list[Row]:
    """Our file's median loadEventEnd over the baseline file's, no target (issue 18 gives
    none); DOMContentLoaded, first contentful paint and the sizes in the note."""
    if loads.note:
        return [Row(case, "chromium 10k", baseline="chromium example", note=loads.note)]
    mine, theirs = loads.pages[ours], loads.pages[base]
    note = (f"loadEventEnd; DOMContentLoaded {statistics.median(mine.dom):.3f} vs "
            f"{statistics.median(theirs.dom):.3f} s, FCP {mine.fcp_text()} vs "
            f"{theirs.fcp_text()} s (medians); {ours.stat().st_size / 1e6:.1f} MB vs "
            f"{base.stat().st_size / 1e6:.1f} MB")
    return [compare(case, "chromium 10k", mine.load, "chromium example", theirs.load,
                    note=note)]


def chromium_rows(bench: Bench, case: str, ours: Path) -> list[Row]:
    """``ours`` (the 10k report.html case 5 just wrote) against the example's report.html,
    rendered once here, loaded in turns."""
    out = bench.scratch / "chromium-example"
    argv = [bench.sms20k, "assess", str(EXAMPLE), "-f", "html", "-o", str(out), "-q"]
    done = subprocess.run(argv, env=bench.env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandFailed("assess example html", done.returncode, done.stderr)
    base = out / "report.html"
    bench.legend.setdefault("chromium 10k", "report.html of assess 10k, opened from file:// "
                            "in Debian's Chromium (Playwright): loadEventEnd")
    bench.legend.setdefault("chromium example", "the same for the report.html of sms20k "
                            "assess examples/nimbus-cloud -f html -o TMP -q (rendered once)")
    runs = bench.settings.runs
    progress(f"{case}: Chromium, 2 pages, {runs} runs each, after one warm-up")
    return rows(case, load_pages([ours, base], runs), ours, base)
