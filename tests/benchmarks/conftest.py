"""Modules of benchmarks/, which is no package: loaded from their files by name."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

# The browser tests' fixture, so test_browser.py finds Chromium as they do (skip outside CI,
# fail with CI=true when it is missing).
from ..browser.conftest import chromium as chromium

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def bench_module(name: str) -> ModuleType:
    """benchmarks/NAME.py; its siblings import each other by their bare names."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))
