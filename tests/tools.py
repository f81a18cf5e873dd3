"""The real consumers some tests run: where to find them, and what to do when one is missing.

``.ci/run`` installs them and sets ``SMS20K_REQUIRE_TOOLS=1``; from then on a missing tool is a
failure, not a skip. On a developer's machine without them, the tests that need them skip,
saying how to get them (../shared/consumers.md has the details).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

REQUIRED = os.environ.get("SMS20K_REQUIRE_TOOLS") == "1"
NPM = Path(os.environ.get("SMS20K_NPM", Path(__file__).resolve().parents[1] / ".venv" / "npm"))


def missing(what: str, how: str) -> NoReturn:
    """Fail under ``.ci/run``, skip elsewhere."""
    message = f"{what} is not installed ({how})"
    if REQUIRED:
        pytest.fail(f"{message}, but .ci/run should have installed it")
    pytest.skip(message)


def command(name: str, debian: str) -> str:
    """The path of a command on PATH, e.g. ``command("xmllint", "libxml2-utils")``."""
    found = shutil.which(name)
    if found is None:
        missing(name, f"apt-get install {debian}")
    return found


def npm_file(package: str, relative: str) -> Path:
    """A file of an npm package in the prefix ``.ci/run`` installs into (SMS20K_NPM)."""
    path = NPM / "node_modules" / package / relative
    if not path.exists():
        missing(f"npm package {package}", f"npm install --prefix {NPM} {package}")
    return path
