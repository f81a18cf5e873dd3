from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sms20k.assessment.model import Report
from sms20k.assessment.run import assess
from sms20k.evidence.validate import validate
from sms20k.evidence.validation_view import ValidationView, to_view

from ..conftest import DATA

SMALL = DATA / "assess" / "small"
AS_OF = dt.date(2026, 11, 15)


def load_small() -> tuple[Report, ValidationView]:
    """The small fixture's report and validation, run from its root so paths are relative."""
    before = Path.cwd()
    os.chdir(SMALL)
    try:
        return assess(Path("."), as_of=AS_OF).report, to_view(validate(Path("."), AS_OF))
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def views() -> tuple[Report, ValidationView]:
    return load_small()
