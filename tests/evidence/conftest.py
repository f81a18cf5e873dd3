from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import DATA

BASE = DATA / "evidence" / "valid" / "basic"
AS_OF = "2026-11-29"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A writable copy of the basic valid repository."""
    target = tmp_path / "repo"
    shutil.copytree(BASE, target)
    (target / "expected.txt").unlink()
    return target
