"""What assess and validate pass on: extra checklists, the file size limit, progress, the
baseline's names and the catalog (issue 12)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from sms20k.assessment.run import assess
from sms20k.errors import InputError
from sms20k.evidence.validate import validate

from ..evidence.judge import AS_OF, ref
from .conftest import SMALL


def _extra_scenario(tmp_path: Path) -> Path:
    extra = tmp_path / "extra"
    extra.mkdir()
    text = (SMALL / "checklists" / "X04.yaml").read_text()
    (extra / "X09.yaml").write_text(text.replace("X04", "X09"))
    return extra


def test_extra_checklist_directories_are_assessed(tmp_path: Path) -> None:
    report = assess(SMALL, [_extra_scenario(tmp_path)], as_of=AS_OF).report
    assert "X09" in [s.id for s in report.scenarios]


def test_extra_checklist_directories_are_validated(tmp_path: Path) -> None:
    findings = validate(SMALL, AS_OF, [_extra_scenario(tmp_path)]).findings
    # MISSING_ENTRY names the scenario (one warning per scenario)
    assert any(f.code == "MISSING_ENTRY" and f.item == "X09" for f in findings)


@pytest.mark.parametrize("run", [
    lambda: assess(SMALL, as_of=AS_OF, max_bytes=64),
    lambda: validate(SMALL, AS_OF, max_bytes=64),
])
def test_the_file_size_limit_is_passed_on(run: Any) -> None:
    with pytest.raises(InputError, match="--max-file-size"):
        run()


def test_hashing_progress_is_reported(make: Any) -> None:
    digest = hashlib.sha256(b"# A\n").hexdigest()
    root = make(entries=[{"item": "X01.01", "status": "implemented", "owner": "Ops",
                          "evidence": [ref(sha256=digest, approved=dt.date(2026, 1, 1))]}]).write()
    assessed: list[tuple[int, ...]] = []
    validated: list[tuple[int, ...]] = []
    assess(root, as_of=AS_OF, progress=lambda *call: assessed.append(call))
    validate(root, AS_OF, progress=lambda *call: validated.append(call))
    assert assessed == validated == [(1, 1, 4)]  # one file of four bytes


def test_a_baseline_is_named_by_its_path_and_date(tmp_path: Path) -> None:
    old = assess(SMALL, as_of=dt.date(2026, 11, 1)).report
    path = tmp_path / "old.json"
    path.write_text(old.model_dump_json())
    delta = assess(SMALL, as_of=AS_OF, baseline=path).report.baseline
    assert delta is not None
    assert (delta.old, delta.new) == (f"{path} (as of 2026-11-01)", "as of 2026-11-15")


def test_the_result_carries_the_catalog() -> None:
    assert "X01.01" in assess(SMALL, as_of=AS_OF).catalog.items
