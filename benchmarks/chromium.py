"""Which Chromium, started how: shared by case 5's browser row and tests/browser, so that the
benchmark loads the report in the browser the tests check it in. No imports of its own
(tests/browser loads this file by its path)."""

from __future__ import annotations

import shutil

# Debian's Chromium, on PATH; never a browser Playwright downloads.
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
