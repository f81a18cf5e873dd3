"""Debian's Chromium driven by Playwright for Python; never a browser Playwright downloads.

Outside CI the browser tests skip when no Chromium is on PATH; with CI=true they fail instead,
because .ci/run installs it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext


def _load_chromium() -> ModuleType:
    """benchmarks/chromium.py, the one place that says which Chromium and its flags."""
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "chromium.py"
    spec = importlib.util.spec_from_file_location("sms20k_bench_chromium", path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CHROMIUM = _load_chromium()
CHROMIUM_FLAGS: list[str] = _CHROMIUM.CHROMIUM_FLAGS


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium binary on PATH: skip outside CI when there is none, fail in CI."""
    found: str | None = _CHROMIUM.find_chromium()
    if found:
        return found
    reason = ("no chromium or chromium-browser on PATH; install Debian's chromium "
              "(`apt-get install chromium`, as .ci/run does) to run the browser tests")
    if _in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(chromium: str, tmp_path_factory: pytest.TempPathFactory,
            ) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile, offline, shared by the tests of a module."""
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with pytest.MonkeyPatch.context() as patch:
        # Belt and braces: Playwright must never fetch a browser of its own.
        patch.setenv("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=chromium,
                headless=True,
                args=CHROMIUM_FLAGS,
                viewport={"width": 1280, "height": 900},
                offline=True,
                java_script_enabled=True,  # the payloads must get every chance to run
            )
            try:
                yield context
            finally:
                context.close()


@pytest.fixture
def artifacts(tmp_path: Path) -> Path:
    """Where screenshots and PDFs go: $SMS20K_ARTIFACTS if set, else the test's tmp_path."""
    where = os.environ.get("SMS20K_ARTIFACTS")
    path = Path(where) if where else tmp_path / "artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path
