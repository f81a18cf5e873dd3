from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .workbooks import copy_example


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


@pytest.fixture
def export(repo: Path, tmp_path: Path) -> Callable[[], Path]:
    """Write a questionnaire of ``repo`` as it is now and return its path."""
    def run() -> Path:
        from sms20k.evidence.repo_catalog import load_with_catalog
        from sms20k.office.questionnaire import build_questionnaire

        loaded, catalog = load_with_catalog(repo)
        path = tmp_path / "answers.xlsx"
        path.write_bytes(build_questionnaire(loaded, catalog, str(repo)))
        return path
    return run
